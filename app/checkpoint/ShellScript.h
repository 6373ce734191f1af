// A POSIX shell script built line by line for the toolbox's execute call, with raw paths made
// safe: a UTF-8 path is single-quoted; any other bytes (a JSON command must be UTF-8) are put
// into a variable by printf with octal escapes, keeping even a trailing newline.
#pragma once

#include <QByteArray>
#include <QString>

class ShellScript final
{
public:
    // A word that stands for these bytes; may first add a line that sets a variable.
    QByteArray word(const QByteArray &bytes);
    void line(const QByteArray &text);
    QString text() const { return QString::fromUtf8(m_text); }
    bool isEmpty() const { return m_text.isEmpty(); }

    static QByteArray singleQuoted(const QByteArray &utf8);

private:
    QByteArray m_text;
    int m_variables = 0;
};
