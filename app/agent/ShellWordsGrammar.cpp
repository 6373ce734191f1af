// ShellWords' small tables and pieces: operators, reserved words, shells, programs that wrap
// another command, assignments, $'...' decoding and quoting. Internal to ShellWords.cpp.
#include "ShellWordsGrammar.h"

#include "agent/ShellWords.h"

#include <QSet>

namespace ShellWords {

namespace Grammar {

const QStringList kOperators = {
    QStringLiteral("&>>"), QStringLiteral("<<<"), QStringLiteral("<<-"), QStringLiteral("&&"),
    QStringLiteral("||"),  QStringLiteral(";;"),  QStringLiteral("|&"),  QStringLiteral("&>"),
    QStringLiteral(">>"),  QStringLiteral(">|"),  QStringLiteral("<>"),  QStringLiteral("<<"),
    QStringLiteral(">&"),  QStringLiteral("<&"),  QStringLiteral(";"),   QStringLiteral("&"),
    QStringLiteral("|"),   QStringLiteral("("),   QStringLiteral(")"),   QStringLiteral("<"),
    QStringLiteral(">"),
};

bool isRedirection(const QString &op)
{
    static const QSet<QString> ops{
        QStringLiteral("<"),  QStringLiteral(">"),  QStringLiteral(">>"),  QStringLiteral(">|"),
        QStringLiteral("<>"), QStringLiteral("&>"), QStringLiteral("&>>"), QStringLiteral(">&"),
        QStringLiteral("<&"), QStringLiteral("<<"), QStringLiteral("<<-"), QStringLiteral("<<<"),
    };
    return ops.contains(op);
}

bool writes(const QString &op)
{
    return op == QLatin1String(">") || op == QLatin1String(">>") || op == QLatin1String(">|")
        || op == QLatin1String("<>") || op == QLatin1String("&>") || op == QLatin1String("&>>")
        || op == QLatin1String(">&");
}

// Words that open or close a compound command; they are not commands themselves.
bool isReservedWord(const QString &word)
{
    static const QSet<QString> words{
        QStringLiteral("{"),    QStringLiteral("}"),     QStringLiteral("!"),
        QStringLiteral("if"),   QStringLiteral("then"),  QStringLiteral("else"),
        QStringLiteral("elif"), QStringLiteral("fi"),    QStringLiteral("do"),
        QStringLiteral("done"), QStringLiteral("while"), QStringLiteral("until"),
    };
    return words.contains(word);
}

QString baseName(const QString &program)
{
    return program.section(QLatin1Char('/'), -1);
}

bool isShell(const QString &program)
{
    static const QSet<QString> shells{
        QStringLiteral("sh"),   QStringLiteral("bash"), QStringLiteral("dash"),
        QStringLiteral("zsh"),  QStringLiteral("ksh"),  QStringLiteral("ash"),
        QStringLiteral("mksh"), QStringLiteral("fish"), QStringLiteral("busybox"),
    };
    return shells.contains(baseName(program));
}

bool isAssignment(const QString &word)
{
    const qsizetype eq = word.indexOf(QLatin1Char('='));
    if (eq <= 0)
        return false;
    for (qsizetype i = 0; i < eq; ++i) {
        const QChar c = word.at(i);
        if (!(c.isLetterOrNumber() || c == QLatin1Char('_')) || (i == 0 && c.isDigit()))
            return false;
    }
    return true;
}

// Programs that run the command given after their own options and arguments.
int wrappedStart(const QStringList &words)
{
    if (words.isEmpty())
        return -1;
    const QString program = baseName(words.first());
    const auto afterOptions = [&words](int from, int valueOptions = 0) {
        int i = from;
        while (i < words.size() && words.at(i).startsWith(QLatin1Char('-'))
               && words.at(i) != QLatin1String("--")) {
            ++i;
        }
        if (i < words.size() && words.at(i) == QLatin1String("--"))
            ++i;
        i += valueOptions;
        return i < words.size() ? i : -1;
    };
    if (program == QLatin1String("env")) {
        int i = afterOptions(1);
        while (i >= 0 && i < words.size() && isAssignment(words.at(i)))
            ++i;
        return i >= 0 && i < words.size() ? i : -1;
    }
    if (program == QLatin1String("sudo") || program == QLatin1String("doas")
        || program == QLatin1String("nohup") || program == QLatin1String("nice")
        || program == QLatin1String("time") || program == QLatin1String("command")
        || program == QLatin1String("builtin") || program == QLatin1String("exec")
        || program == QLatin1String("stdbuf") || program == QLatin1String("xargs")
        || program == QLatin1String("setsid") || program == QLatin1String("unbuffer")
        || program == QLatin1String("chroot") || program == QLatin1String("strace")
        || program == QLatin1String("ionice") || program == QLatin1String("taskset")
        || program == QLatin1String("watch") || program == QLatin1String("flock"))
        return afterOptions(1);
    if (program == QLatin1String("timeout"))
        return afterOptions(1, 1); // timeout [options] DURATION COMMAND
    return -1;
}

bool decodeAnsiC(const QString &s, int *i, QString *value)
{
    while ((*i) < s.size()) {
        const QChar c = s.at((*i));
        if (c == QLatin1Char('\'')) {
            ++(*i);
            return true;
        }
        if (c != QLatin1Char('\\') || (*i) + 1 >= s.size()) {
            *value += c;
            ++(*i);
            continue;
        }
        const QChar e = s.at((*i) + 1);
        (*i) += 2;
        switch (e.unicode()) {
        case 'n':
            *value += QLatin1Char('\n');
            break;
        case 't':
            *value += QLatin1Char('\t');
            break;
        case 'r':
            *value += QLatin1Char('\r');
            break;
        case 'a':
            *value += QChar(7);
            break;
        case 'b':
            *value += QChar(8);
            break;
        case 'e':
        case 'E':
            *value += QChar(27);
            break;
        case 'f':
            *value += QChar(12);
            break;
        case 'v':
            *value += QChar(11);
            break;
        case 'x':
        case 'u':
        case 'U': {
            const int most = e == QLatin1Char('x') ? 2 : e == QLatin1Char('u') ? 4 : 8;
            int n = 0;
            uint code = 0;
            while (n < most && (*i) < s.size()
                   && QStringLiteral("0123456789abcdefABCDEF").contains(s.at((*i)))) {
                code = code * 16 + uint(QString(s.at((*i))).toUInt(nullptr, 16));
                ++(*i);
                ++n;
            }
            if (n == 0) {
                *value += QLatin1Char('\\');
                *value += e;
            } else {
                const char32_t ucs = code;
                *value += QString::fromUcs4(&ucs, 1);
            }
            break;
        }
        default:
            if (e >= QLatin1Char('0') && e <= QLatin1Char('7')) {
                uint code = uint(e.unicode() - '0');
                for (int n = 0; n < 2 && (*i) < s.size() && s.at((*i)) >= QLatin1Char('0')
                     && s.at((*i)) <= QLatin1Char('7');
                     ++n, ++(*i))
                    code = code * 8 + uint(s.at((*i)).unicode() - '0');
                *value += QChar(char16_t(code));
            } else {
                *value += e; // \\ \' \" \? and unknown escapes
            }
            break;
        }
    }
    return false;
}

} // namespace Grammar

QString quote(const QString &word)
{
    if (word.isEmpty())
        return QStringLiteral("''");
    bool plain = true;
    for (QChar c : word) {
        if (!(c.isLetterOrNumber() || QStringLiteral("-_./=:,+@%^").contains(c))) {
            plain = false;
            break;
        }
    }
    if (plain)
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace ShellWords
