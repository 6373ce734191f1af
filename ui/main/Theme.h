// Light and dark. "System" keeps the palette the platform gave the application at start (a
// desktop's dark theme arrives that way through its platform theme); Light and Dark switch to
// Fusion with a palette of our own, for desktops whose platform theme does not follow.
// Widgets draw with palette roles only, so all three work everywhere.
#pragma once

#include <QPalette>
#include <QString>

class QApplication;

class Theme final
{
public:
    enum class Mode { System, Light, Dark };

    // Call once the QApplication exists, before any other palette change.
    explicit Theme(const QApplication &app);

    void apply(Mode mode);
    Mode mode() const { return m_mode; }
    // Whether the palette in use is dark (window darker than its text).
    static bool isDark(const QPalette &palette);

    static QString name(Mode mode); // "system", "light", "dark" (settings)
    static Mode fromName(const QString &name);

private:
    QPalette m_systemPalette;
    QString m_systemStyle;
    Mode m_mode = Mode::System;
};
