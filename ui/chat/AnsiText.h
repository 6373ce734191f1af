// Terminal output as people saw it in their terminal: ANSI SGR colours (30-37, 90-97, 40-47,
// 100-107, bold, reset) become character formats, every other escape sequence (cursor moves,
// OSC titles, ...) is dropped, and a carriage return keeps only what was written after it on
// that line (progress bars). No raw escape byte ever reaches the screen.
#pragma once

#include <QColor>
#include <QList>
#include <QString>
#include <QStringView>

namespace AnsiText {

// A piece of text in one style; an invalid colour means the terminal's default.
struct Run
{
    QString text;
    QColor foreground;
    QColor background;
    bool bold = false;
};

// The text split into styled runs (adjacent runs differ in style).
QList<Run> parse(QStringView text);
// The text without any escape sequence, as a screen reader or the clipboard should get it.
QString strip(QStringView text);
// The terminal's colour for SGR index 0-15 (0-7 normal, 8-15 bright), on a dark background.
QColor color(int index);

} // namespace AnsiText
