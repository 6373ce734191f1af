// The frames of bubbles, cards and notices (issue 19): drawn from cached corners and solid fills
// so that scrolling paints them cheaply, they must look as the antialiased rounded rectangle they
// replace: same pixels at every size the conversation uses, at 1x and 2x, in light and dark
// palettes, and where a frame cannot be pieced together exactly it is drawn as a path.
#include "chat/RoundedFrame.h"

#include <QPainter>
#include <QTest>

#include <tuple>

namespace {

// A light and a dark palette's card: its fill and its border.
const QColor light(255, 255, 255), lightMid(160, 160, 160);
const QColor dark(42, 42, 46), darkMid(90, 90, 96);
// The looks a view paints cards in: fill, border and device pixel ratio.
const std::tuple<QColor, QColor, qreal> looks[]
    = {{light, lightMid, 1.0}, {dark, darkMid, 1.0}, {dark, darkMid, 2.0}};

QImage canvas(QSize size, qreal dpr, const QColor &background = QColor(250, 250, 250))
{
    QImage image(size * dpr, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    image.fill(background);
    return image;
}

// Draws the frame with `frames` and with the antialiased path it replaces, each on a canvas of
// its own; empty when no channel of any pixel differs by more than 2 (the corners come from the
// same rasteriser at the same subpixel position), else where and how they differ. With
// `background`, the canvases are of that colour and `frames` is told so.
QString differences(RoundedFrame &frames, QSize size, qreal dpr, const QRect &box,
                    const QColor &fill, const QColor &border, QPointF offset = {},
                    const QColor &background = QColor())
{
    const QColor under = background.isValid() ? background : QColor(250, 250, 250);
    QImage expected = canvas(size, dpr, under);
    {
        QPainter painter(&expected);
        painter.translate(offset);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(border, 1));
        painter.setBrush(fill);
        painter.drawRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    }
    QImage actual = canvas(size, dpr, under);
    {
        QPainter painter(&actual);
        painter.translate(offset);
        frames.paint(&painter, box, fill, border, 6, background);
    }
    for (int y = 0; y < actual.height(); ++y) {
        for (int x = 0; x < actual.width(); ++x) {
            const QRgb p = actual.pixel(x, y);
            const QRgb q = expected.pixel(x, y);
            const int d = qMax(qMax(qAbs(qRed(p) - qRed(q)), qAbs(qGreen(p) - qGreen(q))),
                               qMax(qAbs(qBlue(p) - qBlue(q)), qAbs(qAlpha(p) - qAlpha(q))));
            if (d > 2)
                return QStringLiteral("pixel (%1, %2) at %3x is %4, the path draws %5")
                    .arg(x)
                    .arg(y)
                    .arg(dpr)
                    .arg(QColor::fromRgba(p).name(QColor::HexArgb),
                         QColor::fromRgba(q).name(QColor::HexArgb));
        }
    }
    return {};
}

} // namespace

class TestRoundedFrame final : public QObject
{
    Q_OBJECT

private slots:
    void looksLikeThePath_data();
    void looksLikeThePath();
    void eachLookHasItsOwnCorners();
    void aFillOfTheColourBeneathIsLeftOut();
};

void TestRoundedFrame::looksLikeThePath_data()
{
    QTest::addColumn<QRect>("box");
    QTest::addColumn<qreal>("dpr");
    QTest::addColumn<QColor>("fill");
    QTest::addColumn<QColor>("border");
    QTest::addColumn<QPointF>("offset");
    // A closed tool card (one line), a bubble, a tall answer, at the row's origin and below it.
    QTest::newRow("card 1x") << QRect(10, 4, 880, 33) << 1.0 << light << lightMid << QPointF();
    QTest::newRow("card 2x") << QRect(10, 4, 880, 33) << 2.0 << light << lightMid << QPointF();
    QTest::newRow("bubble dark") << QRect(10, 4, 400, 121) << 1.0 << dark << darkMid << QPointF();
    QTest::newRow("tall 2x dark") << QRect(3, 2, 300, 700) << 2.0 << dark << darkMid
                                  << QPointF(0, 37);
    QTest::newRow("smallest") << QRect(0, 0, 15, 15) << 1.0 << light << lightMid << QPointF();
    // Too small for the corners, or not on whole pixels: drawn as the path itself.
    QTest::newRow("tiny") << QRect(1, 1, 12, 9) << 1.0 << light << lightMid << QPointF();
    QTest::newRow("half pixel") << QRect(10, 4, 200, 33) << 1.0 << light << lightMid
                                << QPointF(0.5, 0.5);
    QTest::newRow("1.5x") << QRect(10, 4, 200, 33) << 1.5 << light << lightMid << QPointF();
    QTest::newRow("translucent") << QRect(10, 4, 200, 33) << 1.0 << QColor(0, 0, 255, 100)
                                 << lightMid << QPointF();
}

void TestRoundedFrame::looksLikeThePath()
{
    QFETCH(QRect, box);
    QFETCH(qreal, dpr);
    QFETCH(QColor, fill);
    QFETCH(QColor, border);
    QFETCH(QPointF, offset);
    RoundedFrame frames;
    const QString why
        = differences(frames, QSize(box.right() + 8, box.bottom() + 8 + int(offset.y())), dpr, box,
                      fill, border, offset);
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestRoundedFrame::eachLookHasItsOwnCorners()
{
    // One RoundedFrame draws every frame of the view: a light card, then a dark one and one at
    // 2x (the palette or the screen changed) get corners of their own look, not the first one's.
    RoundedFrame frames;
    const QRect card(10, 4, 300, 33);
    for (const auto &[fill, border, dpr] : looks) {
        const QString why = differences(frames, QSize(320, 44), dpr, card, fill, border);
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }
    frames.clear();
    const QString why = differences(frames, QSize(320, 44), 2.0, card, light, lightMid);
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestRoundedFrame::aFillOfTheColourBeneathIsLeftOut()
{
    // A tool card is filled with the view's own background: on it, the frame looks the same
    // whether its inside is filled or not, in both palettes and at 2x ...
    RoundedFrame frames;
    const QRect card(10, 4, 300, 33);
    for (const auto &[fill, border, dpr] : looks) {
        const QString why = differences(frames, QSize(320, 44), dpr, card, fill, border, {}, fill);
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }
    // ... and its inside is left as it was (what saves painting it), while a fill of another
    // colour is still painted.
    QImage image = canvas(QSize(320, 44), 1.0, QColor(200, 0, 0));
    {
        QPainter painter(&image);
        frames.paint(&painter, card, light, lightMid, 6, light);
        frames.paint(&painter, QRect(card.topLeft(), QSize(150, card.height())), dark, darkMid, 6,
                     light);
    }
    QCOMPARE(image.pixelColor(card.center().x() + 100, card.center().y()), QColor(200, 0, 0));
    QCOMPARE(image.pixelColor(card.left() + 40, card.center().y()), dark);
    QCOMPARE(image.pixelColor(card.left(), card.center().y()), darkMid);
}

QTEST_MAIN(TestRoundedFrame)
#include "tst_roundedframe.moc"
