// ShellScript: quoting raw bytes for sh.
#include "checkpoint/ShellScript.h"

#include "checkpoint/SnapshotWriter.h"

QByteArray ShellScript::singleQuoted(const QByteArray &utf8)
{
    QByteArray out = "'";
    for (const char c : utf8) {
        if (c == '\'')
            out.append("'\\''");
        else
            out.append(c);
    }
    out.append('\'');
    return out;
}

QByteArray ShellScript::word(const QByteArray &bytes)
{
    if (SnapshotWriter::isUtf8(bytes))
        return singleQuoted(bytes);
    QByteArray escaped;
    for (const char c : bytes)
        escaped.append('\\' + QByteArray::number(uchar(c), 8).rightJustified(3, '0'));
    const QByteArray name = "v" + QByteArray::number(++m_variables);
    // The x keeps a trailing newline from being eaten by the command substitution.
    line(name + "=$(printf '" + escaped + "x'); " + name + "=${" + name + "%x}");
    return "\"$" + name + "\"";
}

void ShellScript::line(const QByteArray &text)
{
    m_text.append(text);
    m_text.append('\n');
}
