// The rounded frame of a bubble, card or notice, drawn as an antialiased rounded rectangle with
// a one-pixel border would be, but from a cached corner pixmap and solid fills. Painting the
// rectangle as a path rasterises every pixel inside it with coverage; a conversation paints
// dozens of frames on each scroll step, and the path made about a quarter of a frame's paint.
#pragma once

#include <QColor>
#include <QList>
#include <QPixmap>

class QPainter;
class QRect;

class RoundedFrame final
{
public:
    // As painter->drawRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
    // with an antialiasing painter, a 1-pixel `border` pen and a `fill` brush. `beneath` is the
    // colour the painter's device has there already, if known: a fill of that colour is left out
    // (most cards are filled with the view's own background).
    void paint(QPainter *painter, const QRect &box, const QColor &fill, const QColor &border,
               int radius, const QColor &beneath = QColor());
    // Drops the cached corners (the palette changed).
    void clear() { m_corners.clear(); }

private:
    struct Corners
    {
        QRgb fill;
        QRgb border;
        int radius;
        qreal dpr;
        QPixmap pixmap;
    };
    const QPixmap &corners(const QColor &fill, const QColor &border, int radius, qreal dpr);

    QList<Corners> m_corners; // a few looks: found by a scan, faster than hashing a key
};
