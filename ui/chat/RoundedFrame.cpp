#include "RoundedFrame.h"

#include <QPaintDevice>
#include <QPainter>

namespace {

void pathFrame(QPainter *painter, const QRectF &box, const QColor &fill, const QColor &border,
               int radius)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(border, 1));
    painter->setBrush(fill);
    painter->drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
    painter->restore();
}

} // namespace

// A square frame of 2 * (radius + 1) + 1 pixels: its four corners are the corners of any larger
// frame, and the pixel between them is its border and fill.
const QPixmap &RoundedFrame::corners(const QColor &fill, const QColor &border, int radius,
                                     qreal dpr)
{
    for (const Corners &known : std::as_const(m_corners)) {
        if (known.fill == fill.rgba() && known.border == border.rgba() && known.radius == radius
            && known.dpr == dpr)
            return known.pixmap;
    }
    if (m_corners.size() >= 16)
        m_corners.removeFirst(); // a palette changed many times without clear()
    const int side = 2 * (radius + 1) + 1;
    QPixmap pixmap(QSize(side, side) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    {
        QPainter painter(&pixmap);
        pathFrame(&painter, QRectF(0, 0, side, side), fill, border, radius);
    }
    m_corners.append({fill.rgba(), border.rgba(), radius, dpr, pixmap});
    return m_corners.last().pixmap;
}

void RoundedFrame::paint(QPainter *painter, const QRect &box, const QColor &fill,
                         const QColor &border, int radius, const QColor &beneath)
{
    const int m = radius + 1; // the corner squares
    const QTransform &transform = painter->worldTransform();
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatio() : 1.0;
    // The pieces meet exactly only on whole device pixels, with opaque colours.
    if (box.width() <= 2 * m || box.height() <= 2 * m || dpr != qRound(dpr) || fill.alpha() != 255
        || border.alpha() != 255 || transform.type() > QTransform::TxTranslate
        || transform.dx() != qRound(transform.dx()) || transform.dy() != qRound(transform.dy())) {
        pathFrame(painter, box, fill, border, radius);
        return;
    }
    const QPixmap &pixmap = corners(fill, border, radius, dpr);
    const int side = 2 * m + 1;
    const int x = box.x(), y = box.y(), w = box.width(), h = box.height();
    const auto corner = [&](int tx, int ty, int sx, int sy) {
        painter->drawPixmap(QRectF(tx, ty, m, m), pixmap,
                            QRectF(sx * dpr, sy * dpr, m * dpr, m * dpr));
    };
    corner(x, y, 0, 0);
    corner(x + w - m, y, side - m, 0);
    corner(x, y + h - m, 0, side - m);
    corner(x + w - m, y + h - m, side - m, side - m);
    // The straight border between the corners, and the fill inside it.
    painter->fillRect(QRect(x + m, y, w - 2 * m, 1), border);
    painter->fillRect(QRect(x + m, y + h - 1, w - 2 * m, 1), border);
    painter->fillRect(QRect(x, y + m, 1, h - 2 * m), border);
    painter->fillRect(QRect(x + w - 1, y + m, 1, h - 2 * m), border);
    if (beneath.isValid() && beneath.rgba() == fill.rgba())
        return;
    painter->fillRect(QRect(x + m, y + 1, w - 2 * m, m - 1), fill);
    painter->fillRect(QRect(x + 1, y + m, w - 2, h - 2 * m), fill);
    painter->fillRect(QRect(x + m, y + h - m, w - 2 * m, m - 1), fill);
}
