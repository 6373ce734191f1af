// ShellWords: a POSIX shell reader for the approval rules (see the header). A hand-written
// tokenizer and a small command-list parser; substitutions, sh -c strings and eval are read
// again by a nested parser, so that what they would run is seen as commands too.
#include "ShellWords.h"

#include "agent/ShellWordsGrammar.h"

#include <QDir>
#include <QSet>

namespace ShellWords {

using namespace Grammar;

namespace {

constexpr int kMaxDepth = 8; // nesting beyond this is not read further (and asks)

bool isBlank(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t');
}

bool isMeta(QChar c)
{
    return isBlank(c) || c == QLatin1Char('\n') || c == QLatin1Char(';') || c == QLatin1Char('&')
        || c == QLatin1Char('|') || c == QLatin1Char('<') || c == QLatin1Char('>')
        || c == QLatin1Char('(') || c == QLatin1Char(')');
}

struct Token
{
    enum class Kind { Word, Op, End };
    Kind kind = Kind::End;
    QString value; // Word: quotes removed; Op: the operator ("\n" for a newline)
    int start = 0;
    int end = 0;
    bool quoted = false; // any part of the word was quoted or escaped
};

struct HereDoc
{
    QString delimiter;
    bool stripTabs = false;
    bool expands = true; // an unquoted delimiter: $( ) and backticks in the body run
};

class Parser
{
public:
    Parser(const QString &source, const QString &home, int depth, Parse &out)
        : m_s(source)
        , m_home(home)
        , m_depth(depth)
        , m_out(out)
    {
    }

    // Reads commands from position `from`; with stopAtParen, up to the `)` that closes a
    // $( or <( (returns the index after it, or -1 when it never comes).
    int parseList(int from, bool stopAtParen)
    {
        m_i = from;
        int parens = 0;
        startCommand();
        for (;;) {
            const Token t = next();
            if (t.kind == Token::Kind::End) {
                finishCommand();
                if (stopAtParen) {
                    flag(Unterminated, QStringLiteral("an unclosed $( or <( )"));
                    return -1;
                }
                if (!m_pendingDocs.isEmpty())
                    readHereDocs();
                return m_i;
            }
            if (t.kind == Token::Kind::Op) {
                const QString &op = t.value;
                if (op == QLatin1String(")")) {
                    finishCommand();
                    if (parens > 0) {
                        --parens;
                        continue;
                    }
                    if (stopAtParen)
                        return m_i;
                    flag(Complex, QStringLiteral("a stray )"));
                    continue;
                }
                if (op == QLatin1String("(")) {
                    if (m_words.isEmpty() && m_redirections.isEmpty()) {
                        ++parens; // a subshell: its commands are read as any others
                    } else {
                        flag(Complex, QStringLiteral("a function definition"));
                        finishCommand();
                    }
                    continue;
                }
                if (isRedirection(op)) {
                    redirection(t);
                    continue;
                }
                // ; & && || | |& ;; and newlines end the command.
                finishCommand();
                if (op == QLatin1String("\n") && !m_pendingDocs.isEmpty())
                    readHereDocs();
                continue;
            }
            word(t);
        }
    }

private:
    void flag(Flag f, const QString &why)
    {
        m_out.flags |= f;
        if (!m_out.problems.contains(why))
            m_out.problems << why;
    }

    void startCommand()
    {
        m_words.clear();
        m_redirections.clear();
        m_cmdStart = -1;
        m_cmdEnd = -1;
        m_skipUntilDo = false;
    }

    void extend(const Token &t)
    {
        if (m_cmdStart < 0)
            m_cmdStart = t.start;
        m_cmdEnd = t.end;
    }

    void word(const Token &t)
    {
        if (m_skipUntilDo) {
            // for NAME in WORDS: the words are not a command (their substitutions were read).
            if (!t.quoted && t.value == QLatin1String("do"))
                m_skipUntilDo = false;
            return;
        }
        if (m_words.isEmpty() && m_redirections.isEmpty() && !t.quoted) {
            if (isReservedWord(t.value))
                return;
            if (t.value == QLatin1String("for") || t.value == QLatin1String("select")) {
                m_skipUntilDo = true;
                return;
            }
            if (t.value == QLatin1String("case") || t.value == QLatin1String("function")) {
                flag(Complex,
                     QStringLiteral("a %1 construct, which is not split into parts").arg(t.value));
                return;
            }
        }
        extend(t);
        m_words << t.value;
    }

    void redirection(const Token &op)
    {
        // The fd number before it, if any, was read as part of the operator token's start.
        const Token target = next();
        extend(op);
        if (target.kind != Token::Kind::Word) {
            flag(Unterminated, QStringLiteral("a redirection without a target"));
            if (target.kind == Token::Kind::Op) {
                // Put the operator back: it still ends the command.
                m_i = target.start;
            }
            return;
        }
        extend(target);
        Redirection r;
        r.op = m_pendingFd + op.value;
        m_pendingFd.clear();
        r.target = target.value;
        m_redirections << r;
        if (op.value == QLatin1String("<<") || op.value == QLatin1String("<<-")) {
            flag(HereDocument, QStringLiteral("a here-document (<<)"));
            m_pendingDocs << HereDoc{target.value, op.value == QLatin1String("<<-"),
                                     !target.quoted};
            return;
        }
        if (op.value == QLatin1String("<<<")) {
            flag(HereDocument, QStringLiteral("a here-string (<<<)"));
            return;
        }
        if (!writes(op.value))
            return;
        // >&2, >&-, 2>&1: duplicating or closing a descriptor writes no file.
        if ((op.value == QLatin1String(">&")) && !target.quoted) {
            bool digits = !target.value.isEmpty();
            for (QChar c : target.value)
                digits = digits && (c.isDigit() || c == QLatin1Char('-'));
            if (digits)
                return;
        }
        if (!insideHome(target.value))
            flag(RedirectOutside,
                 QStringLiteral("a redirection into %1, outside %2").arg(target.value, m_home));
    }

    bool insideHome(const QString &target) const
    {
        static const QSet<QString> harmless{
            QStringLiteral("/dev/null"),
            QStringLiteral("/dev/stdout"),
            QStringLiteral("/dev/stderr"),
            QStringLiteral("/dev/tty"),
        };
        if (harmless.contains(target) || target.startsWith(QLatin1String("/dev/fd/")))
            return true;
        QString path = target;
        if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/")))
            path = m_home + path.mid(1);
        else if (path.startsWith(QLatin1String("$HOME/")) || path == QLatin1String("$HOME"))
            path = m_home + path.mid(5);
        else if (path.startsWith(QLatin1String("${HOME}/")) || path == QLatin1String("${HOME}"))
            path = m_home + path.mid(7);
        // Anything else that expands (variables, globs, substitutions) is not known here.
        if (path.contains(QLatin1Char('$')) || path.contains(QLatin1Char('`'))
            || path.contains(QLatin1Char('*')) || path.contains(QLatin1Char('?'))
            || path.contains(QLatin1Char('[')) || path.startsWith(QLatin1Char('~'))
            || path.isEmpty())
            return false;
        if (!path.startsWith(QLatin1Char('/'))) {
            // Relative to the working directory: after a cd it is not known where that is.
            if (m_out.cdSeen)
                return false;
            path = m_home + QLatin1Char('/') + path;
        }
        const QString clean = QDir::cleanPath(path);
        return clean == m_home || clean.startsWith(m_home + QLatin1Char('/'));
    }

    void finishCommand()
    {
        if (m_words.isEmpty() && m_redirections.isEmpty()) {
            startCommand();
            return;
        }
        SimpleCommand command;
        command.words = m_words;
        command.redirections = m_redirections;
        command.depth = m_depth;
        if (m_cmdStart >= 0) {
            command.text = m_s.mid(m_cmdStart, m_cmdEnd - m_cmdStart);
            command.text.remove(QStringLiteral("\\\n"));
            command.text = command.text.trimmed();
        }
        const QStringList words = m_words;
        startCommand();
        m_out.commands << command;
        analyse(words);
    }

    // What a command runs beyond itself: eval's words, a shell's -c string, a wrapper's
    // command. Each is read as commands one level deeper.
    void analyse(const QStringList &allWords)
    {
        int first = 0;
        while (first < allWords.size() && isAssignment(allWords.at(first)))
            ++first;
        const QStringList words = allWords.mid(first);
        if (words.isEmpty())
            return;
        const QString program = baseName(words.first());
        if (program == QLatin1String("cd") || program == QLatin1String("pushd")
            || program == QLatin1String("popd"))
            m_out.cdSeen = true;
        if (program == QLatin1String("eval")) {
            flag(Eval, QStringLiteral("eval"));
            nested(words.mid(1).join(QLatin1Char(' ')), false);
            return;
        }
        if (isShell(program)) {
            for (int i = 1; i < words.size(); ++i) {
                const QString &w = words.at(i);
                if (w == QLatin1String("--"))
                    break;
                const bool option
                    = w.startsWith(QLatin1Char('-')) && !w.startsWith(QLatin1String("--"));
                if (option && w.mid(1).contains(QLatin1Char('c'))) {
                    flag(ShellString, QStringLiteral("a %1 -c string").arg(program));
                    if (i + 1 < words.size())
                        nested(words.at(i + 1), false);
                    return;
                }
                if (!option)
                    break; // a script file and its arguments
            }
            return;
        }
        const int inner = wrappedStart(words);
        if (inner > 0)
            nested(words.mid(inner), true);
    }

    void nested(const QString &source, bool viaWrapper)
    {
        if (m_depth + 1 > kMaxDepth) {
            flag(Complex, QStringLiteral("commands nested too deeply to read"));
            return;
        }
        const qsizetype before = m_out.commands.size();
        Parser inner(source, m_home, m_depth + 1, m_out);
        inner.parseList(0, false);
        for (qsizetype i = before; i < m_out.commands.size(); ++i)
            m_out.commands[i].viaWrapper = m_out.commands[i].viaWrapper || viaWrapper;
    }

    // A wrapper's command: its words as they are (already unquoted), one command.
    void nested(const QStringList &words, bool viaWrapper)
    {
        if (m_depth + 1 > kMaxDepth) {
            flag(Complex, QStringLiteral("commands nested too deeply to read"));
            return;
        }
        SimpleCommand command;
        command.words = words;
        QStringList quoted;
        for (const QString &w : words)
            quoted << quote(w);
        command.text = quoted.join(QLatin1Char(' '));
        command.depth = m_depth + 1;
        command.viaWrapper = viaWrapper;
        m_out.commands << command;
        const int saved = m_depth;
        ++m_depth;
        analyse(words);
        m_depth = saved;
    }

    void readHereDocs()
    {
        // m_i is just after the newline: each document's lines follow, in order.
        const QList<HereDoc> docs = std::exchange(m_pendingDocs, {});
        for (const HereDoc &doc : docs) {
            QString body;
            bool closed = false;
            while (m_i < m_s.size()) {
                qsizetype eol = m_s.indexOf(QLatin1Char('\n'), m_i);
                if (eol < 0)
                    eol = m_s.size();
                QString line = m_s.mid(m_i, eol - m_i);
                m_i = int(std::min<qsizetype>(eol + 1, m_s.size()));
                if (doc.stripTabs) {
                    while (line.startsWith(QLatin1Char('\t')))
                        line.remove(0, 1);
                }
                if (line == doc.delimiter) {
                    closed = true;
                    break;
                }
                body += line + QLatin1Char('\n');
            }
            if (!closed)
                flag(Unterminated,
                     QStringLiteral("a here-document without its end line %1").arg(doc.delimiter));
            if (doc.expands
                && (body.contains(QLatin1String("$(")) || body.contains(QLatin1Char('`'))))
                scanExpansions(body);
        }
    }

    // Text that the shell expands (a here-document's body): its substitutions run.
    void scanExpansions(const QString &text)
    {
        Parse scratch;
        Parser inner(text, m_home, m_depth, scratch);
        for (int i = 0; i < text.size(); ++i) {
            const QChar c = text.at(i);
            if (c == QLatin1Char('\\')) {
                ++i;
                continue;
            }
            if (c == QLatin1Char('$') && i + 1 < text.size()
                && text.at(i + 1) == QLatin1Char('(')) {
                QString ignored;
                inner.m_i = i;
                inner.dollar(&ignored);
                i = inner.m_i - 1;
            } else if (c == QLatin1Char('`')) {
                QString ignored;
                inner.m_i = i;
                inner.backticks(&ignored);
                i = inner.m_i - 1;
            }
        }
        m_out.flags |= scratch.flags;
        for (const QString &p : std::as_const(scratch.problems)) {
            if (!m_out.problems.contains(p))
                m_out.problems << p;
        }
        m_out.commands += scratch.commands;
    }

    // --- the tokenizer ---------------------------------------------------------------------

    Token next()
    {
        // Blanks, line continuations and comments.
        for (;;) {
            while (m_i < m_s.size() && isBlank(m_s.at(m_i)))
                ++m_i;
            if (m_i + 1 < m_s.size() && m_s.at(m_i) == QLatin1Char('\\')
                && m_s.at(m_i + 1) == QLatin1Char('\n')) {
                m_i += 2;
                continue;
            }
            if (m_i < m_s.size() && m_s.at(m_i) == QLatin1Char('#')) {
                while (m_i < m_s.size() && m_s.at(m_i) != QLatin1Char('\n'))
                    ++m_i;
                continue;
            }
            break;
        }
        Token t;
        t.start = m_i;
        if (m_i >= m_s.size()) {
            t.kind = Token::Kind::End;
            t.end = m_i;
            return t;
        }
        const QChar c = m_s.at(m_i);
        if (c == QLatin1Char('\n')) {
            ++m_i;
            t.kind = Token::Kind::Op;
            t.value = QStringLiteral("\n");
            t.end = m_i;
            return t;
        }
        // An fd number right before a redirection: 2>err, 2>&1.
        if (c.isDigit()) {
            int j = m_i;
            while (j < m_s.size() && m_s.at(j).isDigit())
                ++j;
            if (j < m_s.size() && (m_s.at(j) == QLatin1Char('<') || m_s.at(j) == QLatin1Char('>'))
                && !(j + 1 < m_s.size() && m_s.at(j + 1) == QLatin1Char('('))) {
                m_pendingFd = m_s.mid(m_i, j - m_i);
                m_i = j;
                Token op = operatorAt();
                op.start = t.start;
                return op;
            }
        }
        // <( and >( start a word (process substitution), not a redirection.
        const bool processSubstitution = (c == QLatin1Char('<') || c == QLatin1Char('>'))
            && m_i + 1 < m_s.size() && m_s.at(m_i + 1) == QLatin1Char('(');
        if (isMeta(c) && !processSubstitution) {
            m_pendingFd.clear();
            return operatorAt();
        }
        return readWord();
    }

    Token operatorAt()
    {
        Token t;
        t.kind = Token::Kind::Op;
        t.start = m_i;
        for (const QString &op : kOperators) {
            if (QStringView(m_s).mid(m_i).startsWith(op)) {
                t.value = op;
                m_i += int(op.size());
                t.end = m_i;
                return t;
            }
        }
        t.value = m_s.at(m_i); // not reached: every metacharacter starts an operator
        ++m_i;
        t.end = m_i;
        return t;
    }

    Token readWord()
    {
        Token t;
        t.kind = Token::Kind::Word;
        t.start = m_i;
        QString value;
        while (m_i < m_s.size()) {
            const QChar c = m_s.at(m_i);
            const bool processSubstitution = (c == QLatin1Char('<') || c == QLatin1Char('>'))
                && m_i + 1 < m_s.size() && m_s.at(m_i + 1) == QLatin1Char('(') && m_i == t.start;
            if (processSubstitution) {
                flag(ProcessSubstitution, QStringLiteral("a process substitution %1( )").arg(c));
                const int end = Parser(m_s, m_home, m_depth + 1, m_out).parseList(m_i + 2, true);
                const int stop = end < 0 ? int(m_s.size()) : end;
                value += m_s.mid(m_i, stop - m_i);
                m_i = stop;
                continue;
            }
            if (isMeta(c))
                break;
            if (c == QLatin1Char('\\')) {
                t.quoted = true;
                if (m_i + 1 >= m_s.size()) {
                    ++m_i;
                    break;
                }
                if (m_s.at(m_i + 1) != QLatin1Char('\n'))
                    value += m_s.at(m_i + 1);
                m_i += 2;
                continue;
            }
            if (c == QLatin1Char('\'')) {
                t.quoted = true;
                const qsizetype close = m_s.indexOf(QLatin1Char('\''), m_i + 1);
                if (close < 0) {
                    flag(Unterminated, QStringLiteral("an unclosed ' quote"));
                    value += m_s.mid(m_i + 1);
                    m_i = int(m_s.size());
                    break;
                }
                value += m_s.mid(m_i + 1, close - m_i - 1);
                m_i = int(close + 1);
                continue;
            }
            if (c == QLatin1Char('"')) {
                t.quoted = true;
                ++m_i;
                doubleQuoted(&value);
                continue;
            }
            if (c == QLatin1Char('$')) {
                if (m_i + 1 < m_s.size() && m_s.at(m_i + 1) == QLatin1Char('\'')) {
                    t.quoted = true;
                    m_i += 2;
                    ansiC(&value);
                    continue;
                }
                if (m_i + 1 < m_s.size() && m_s.at(m_i + 1) == QLatin1Char('"')) {
                    t.quoted = true;
                    m_i += 2;
                    doubleQuoted(&value);
                    continue;
                }
                dollar(&value);
                continue;
            }
            if (c == QLatin1Char('`')) {
                backticks(&value);
                continue;
            }
            value += c;
            ++m_i;
        }
        t.value = value;
        t.end = m_i;
        return t;
    }

    // After the opening ": up to the closing one; $ and ` expand inside.
    void doubleQuoted(QString *value)
    {
        while (m_i < m_s.size()) {
            const QChar c = m_s.at(m_i);
            if (c == QLatin1Char('"')) {
                ++m_i;
                return;
            }
            if (c == QLatin1Char('\\') && m_i + 1 < m_s.size()) {
                const QChar n = m_s.at(m_i + 1);
                if (n == QLatin1Char('$') || n == QLatin1Char('`') || n == QLatin1Char('"')
                    || n == QLatin1Char('\\')) {
                    *value += n;
                    m_i += 2;
                    continue;
                }
                if (n == QLatin1Char('\n')) {
                    m_i += 2;
                    continue;
                }
                *value += c;
                ++m_i;
                continue;
            }
            if (c == QLatin1Char('$')) {
                dollar(value);
                continue;
            }
            if (c == QLatin1Char('`')) {
                backticks(value);
                continue;
            }
            *value += c;
            ++m_i;
        }
        flag(Unterminated, QStringLiteral("an unclosed \" quote"));
    }

    // After $': up to the closing ', with C escapes.
    void ansiC(QString *value)
    {
        if (!Grammar::decodeAnsiC(m_s, &m_i, value))
            flag(Unterminated, QStringLiteral("an unclosed $' quote"));
    }

    // At a $ (outside single quotes): $( ), $(( )), ${ }, or a plain $NAME. The word keeps
    // the expansion as written; what it runs is read as commands.
    void dollar(QString *value)
    {
        const int start = m_i;
        if (m_i + 2 < m_s.size() && m_s.at(m_i + 1) == QLatin1Char('(')
            && m_s.at(m_i + 2) == QLatin1Char('(')) {
            // Arithmetic: nothing runs, unless a substitution hides inside.
            int depth = 0;
            int j = m_i + 1;
            for (; j < m_s.size(); ++j) {
                if (m_s.at(j) == QLatin1Char('('))
                    ++depth;
                else if (m_s.at(j) == QLatin1Char(')') && --depth == 0)
                    break;
            }
            if (j >= m_s.size()) {
                flag(Unterminated, QStringLiteral("an unclosed $(("));
                j = int(m_s.size()) - 1;
            }
            const QString inner = m_s.mid(m_i + 3, j - m_i - 3);
            if (inner.contains(QLatin1String("$(")) || inner.contains(QLatin1Char('`')))
                scanExpansions(inner);
            m_i = j + 1;
            *value += m_s.mid(start, m_i - start);
            return;
        }
        if (m_i + 1 < m_s.size() && m_s.at(m_i + 1) == QLatin1Char('(')) {
            flag(CommandSubstitution, QStringLiteral("a command substitution $( )"));
            if (m_depth + 1 > kMaxDepth) {
                flag(Complex, QStringLiteral("commands nested too deeply to read"));
                m_i = int(m_s.size());
            } else {
                const int end = Parser(m_s, m_home, m_depth + 1, m_out).parseList(m_i + 2, true);
                m_i = end < 0 ? int(m_s.size()) : end;
            }
            *value += m_s.mid(start, m_i - start);
            return;
        }
        if (m_i + 1 < m_s.size() && m_s.at(m_i + 1) == QLatin1Char('{')) {
            int depth = 0;
            int j = m_i + 1;
            bool single = false;
            for (; j < m_s.size(); ++j) {
                const QChar c = m_s.at(j);
                if (c == QLatin1Char('\\')) {
                    ++j;
                    continue;
                }
                if (c == QLatin1Char('\''))
                    single = !single;
                if (single)
                    continue;
                if (c == QLatin1Char('{'))
                    ++depth;
                else if (c == QLatin1Char('}') && --depth == 0)
                    break;
            }
            if (j >= m_s.size()) {
                flag(Unterminated, QStringLiteral("an unclosed ${"));
                j = int(m_s.size()) - 1;
            }
            const QString inner = m_s.mid(m_i + 2, j - m_i - 2);
            if (inner.contains(QLatin1String("$(")) || inner.contains(QLatin1Char('`')))
                scanExpansions(inner);
            m_i = j + 1;
            *value += m_s.mid(start, m_i - start);
            return;
        }
        *value += QLatin1Char('$');
        ++m_i;
    }

    // At a backtick: up to the next unescaped one; its content is a command line.
    void backticks(QString *value)
    {
        flag(Backticks, QStringLiteral("a command substitution in backticks"));
        const int start = m_i;
        QString inner;
        int j = m_i + 1;
        bool closed = false;
        for (; j < m_s.size(); ++j) {
            const QChar c = m_s.at(j);
            if (c == QLatin1Char('\\') && j + 1 < m_s.size()) {
                const QChar n = m_s.at(j + 1);
                if (n == QLatin1Char('`') || n == QLatin1Char('\\') || n == QLatin1Char('$'))
                    inner += n;
                else
                    inner += QString(c) + n;
                ++j;
                continue;
            }
            if (c == QLatin1Char('`')) {
                closed = true;
                break;
            }
            inner += c;
        }
        if (!closed)
            flag(Unterminated, QStringLiteral("an unclosed backtick"));
        m_i = closed ? j + 1 : int(m_s.size());
        *value += m_s.mid(start, m_i - start);
        if (m_depth + 1 > kMaxDepth) {
            flag(Complex, QStringLiteral("commands nested too deeply to read"));
            return;
        }
        Parser(inner, m_home, m_depth + 1, m_out).parseList(0, false);
    }

    const QString m_s;
    const QString m_home;
    int m_depth = 0;
    Parse &m_out;
    int m_i = 0;
    QStringList m_words;
    QList<Redirection> m_redirections;
    int m_cmdStart = -1;
    int m_cmdEnd = -1;
    bool m_skipUntilDo = false;
    QString m_pendingFd;
    QList<HereDoc> m_pendingDocs;
};

} // namespace

Parse parse(const QString &command, const QString &home)
{
    Parse out;
    Parser(command, home, 0, out).parseList(0, false);
    return out;
}

QStringList split(const QString &command)
{
    QStringList words;
    const Parse parsed = parse(command);
    for (const SimpleCommand &c : parsed.commands) {
        if (c.depth == 0)
            words += c.words;
    }
    return words;
}

} // namespace ShellWords
