#include "CodeHighlighter.h"

#include <QTextBlock>
#include <QTextBlockFormat>

namespace {

QRegularExpression words(const char *list)
{
    return QRegularExpression(QStringLiteral("\\b(?:%1)\\b").arg(QString::fromLatin1(list)));
}

const QRegularExpression &numberPattern()
{
    static const QRegularExpression pattern(
        QStringLiteral("\\b(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|\\d[\\d_]*(?:\\.\\d+)?(?:[eE][+-]?\\d+"
                       ")?[fFlLuUn]?)\\b"));
    return pattern;
}

bool isIdentifierChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$');
}

} // namespace

CodeHighlighter::CodeHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    buildGrammars();
    applyFormats();
}

CodeHighlighter::Language CodeHighlighter::languageFromFence(QStringView info)
{
    // The info string may carry more after the language ("python title=x.py").
    const QString name = info.trimmed().toString().section(QLatin1Char(' '), 0, 0).toLower();
    static const QHash<QString, Language> names = {
        {QStringLiteral("python"), Language::Python},
        {QStringLiteral("py"), Language::Python},
        {QStringLiteral("python3"), Language::Python},
        {QStringLiteral("javascript"), Language::JavaScript},
        {QStringLiteral("js"), Language::JavaScript},
        {QStringLiteral("jsx"), Language::JavaScript},
        {QStringLiteral("mjs"), Language::JavaScript},
        {QStringLiteral("node"), Language::JavaScript},
        {QStringLiteral("typescript"), Language::TypeScript},
        {QStringLiteral("ts"), Language::TypeScript},
        {QStringLiteral("tsx"), Language::TypeScript},
        {QStringLiteral("sh"), Language::Shell},
        {QStringLiteral("bash"), Language::Shell},
        {QStringLiteral("shell"), Language::Shell},
        {QStringLiteral("zsh"), Language::Shell},
        {QStringLiteral("console"), Language::Shell},
        {QStringLiteral("json"), Language::Json},
        {QStringLiteral("jsonc"), Language::Json},
        {QStringLiteral("c"), Language::Cpp},
        {QStringLiteral("cpp"), Language::Cpp},
        {QStringLiteral("c++"), Language::Cpp},
        {QStringLiteral("cc"), Language::Cpp},
        {QStringLiteral("cxx"), Language::Cpp},
        {QStringLiteral("h"), Language::Cpp},
        {QStringLiteral("hpp"), Language::Cpp},
    };
    return names.value(name, Language::None);
}

void CodeHighlighter::buildGrammars()
{
    m_grammars.resize(int(Language::Cpp) + 1);

    Grammar &python = m_grammars[int(Language::Python)];
    python.rules = {
        {words("and|as|assert|async|await|break|class|continue|def|del|elif|else|except|finally|"
               "for|from|global|if|import|in|is|lambda|nonlocal|not|or|pass|raise|return|try|"
               "while|with|yield|True|False|None|match|case"),
         Token::Keyword},
        {words("print|len|range|str|int|float|dict|list|set|tuple|open|isinstance|super|self|"
               "enumerate|zip|map|filter|sorted|reversed|Exception|ValueError|TypeError"),
         Token::Builtin},
        {QRegularExpression(QStringLiteral("@[A-Za-z_][\\w.]*")), Token::Builtin},
    };
    python.lineComment = QStringLiteral("#");
    python.tripleQuotedStrings = true;

    const char *jsKeywords
        = "break|case|catch|class|const|continue|debugger|default|delete|do|"
          "else|export|extends|finally|for|function|if|import|in|instanceof|"
          "let|new|return|super|switch|this|throw|try|typeof|var|void|while|"
          "with|yield|async|await|of|from|true|false|null|undefined|static|get|set";
    Grammar &js = m_grammars[int(Language::JavaScript)];
    js.rules = {
        {words(jsKeywords), Token::Keyword},
        {words("console|require|module|exports|process|Promise|Array|Object|String|Number|JSON|"
               "Math|Map|Set|Error"),
         Token::Builtin},
    };
    js.lineComment = QStringLiteral("//");
    js.blockComments = true;
    js.templateStrings = true;

    Grammar &ts = m_grammars[int(Language::TypeScript)];
    ts = js;
    ts.rules.prepend({words("interface|type|enum|implements|private|public|protected|readonly|"
                            "declare|namespace|abstract|as|is|keyof|never|unknown|any|string|"
                            "number|boolean|satisfies"),
                      Token::Keyword});

    Grammar &shell = m_grammars[int(Language::Shell)];
    shell.rules = {
        {words("if|then|else|elif|fi|for|in|do|done|case|esac|while|until|function|return|"
               "local|export|readonly|set|unset|exit|source"),
         Token::Keyword},
        {QRegularExpression(
             QStringLiteral("\\$(?:\\{[^}]*\\}|[A-Za-z_][A-Za-z0-9_]*|[0-9@#?*$!-])")),
         Token::Builtin},
        {words("echo|cd|pwd|cat|ls|grep|sed|awk|python3|python|node|npm|npx|pip|git|mkdir|rm|cp|mv|"
               "chmod|test|printf|curl"),
         Token::Builtin},
    };
    shell.lineComment = QStringLiteral("#");

    Grammar &json = m_grammars[int(Language::Json)];
    json.rules = {{words("true|false|null"), Token::Keyword}};
    json.lineComment = QStringLiteral("//"); // JSONC; harmless for plain JSON

    Grammar &cpp = m_grammars[int(Language::Cpp)];
    cpp.rules = {
        {QRegularExpression(QStringLiteral("^\\s*#\\s*[a-z]+")), Token::Builtin},
        {words("alignas|alignof|auto|bool|break|case|catch|char|class|const|constexpr|consteval|"
               "const_cast|continue|co_await|co_return|co_yield|decltype|default|delete|do|double|"
               "dynamic_cast|else|enum|explicit|export|extern|false|final|float|for|friend|goto|"
               "if|inline|int|long|mutable|namespace|new|noexcept|nullptr|operator|override|"
               "private|protected|public|register|reinterpret_cast|return|short|signed|sizeof|"
               "static|static_assert|static_cast|struct|switch|template|this|throw|true|try|"
               "typedef|typename|union|unsigned|using|virtual|void|volatile|while|size_t|"
               "uint8_t|int64_t|uint64_t|int32_t|uint32_t"),
         Token::Keyword},
        {words("std|printf|malloc|free|memcpy|strlen|NULL|assert"), Token::Builtin},
    };
    cpp.lineComment = QStringLiteral("//");
    cpp.blockComments = true;
}

void CodeHighlighter::setDarkTheme(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    applyFormats();
    rehighlight();
}

void CodeHighlighter::applyFormats()
{
    const auto make = [this](const char *light, const char *dark, bool bold, bool italic) {
        QTextCharFormat format;
        format.setForeground(QColor(QLatin1String(m_dark ? dark : light)));
        if (bold)
            format.setFontWeight(QFont::DemiBold);
        format.setFontItalic(italic);
        return format;
    };
    m_formats[int(Token::Keyword)] = make("#0033b3", "#cc7832", true, false);
    m_formats[int(Token::String)] = make("#067d17", "#6aab73", false, false);
    m_formats[int(Token::Comment)] = make("#8c8c8c", "#7a7e85", false, true);
    m_formats[int(Token::Number)] = make("#1750eb", "#2aacb8", false, false);
    m_formats[int(Token::Builtin)] = make("#871094", "#c77dbb", false, false);
}

QTextCharFormat CodeHighlighter::format(Token token) const
{
    return m_formats[int(token)];
}

void CodeHighlighter::setDefaultLanguage(Language language)
{
    m_defaultLanguage = language;
    rehighlight();
}

const CodeHighlighter::Grammar *CodeHighlighter::grammarFor(Language language) const
{
    if (language == Language::None)
        return nullptr;
    return &m_grammars.at(int(language));
}

void CodeHighlighter::highlightBlock(const QString &text)
{
    setCurrentBlockState(Normal);
    const QTextBlockFormat block = currentBlock().blockFormat();
    const bool isCode = block.hasProperty(QTextFormat::BlockCodeFence)
        || block.hasProperty(QTextFormat::BlockCodeLanguage);
    const Language language = isCode
        ? languageFromFence(block.stringProperty(QTextFormat::BlockCodeLanguage))
        : m_defaultLanguage;
    const Grammar *grammar = grammarFor(language);
    if (!grammar)
        return;

    const qsizetype n = text.size();
    qsizetype i = 0;

    // Finishes a construct that may span lines; returns false when it goes on past this line.
    const auto finishMultiLine = [&](const QString &closing, Token token, State state) {
        const qsizetype end = text.indexOf(closing, i);
        if (end < 0) {
            setFormat(int(i), int(n - i), format(token));
            setCurrentBlockState(state);
            i = n;
            return false;
        }
        setFormat(int(i), int(end + closing.size() - i), format(token));
        i = end + closing.size();
        return true;
    };

    switch (previousBlockState()) {
    case InBlockComment:
        if (!finishMultiLine(QStringLiteral("*/"), Token::Comment, InBlockComment))
            return;
        break;
    case InTripleDouble:
        if (!finishMultiLine(QStringLiteral("\"\"\""), Token::String, InTripleDouble))
            return;
        break;
    case InTripleSingle:
        if (!finishMultiLine(QStringLiteral("'''"), Token::String, InTripleSingle))
            return;
        break;
    case InTemplate:
        if (!finishMultiLine(QStringLiteral("`"), Token::String, InTemplate))
            return;
        break;
    default:
        break;
    }

    while (i < n) {
        const QChar c = text.at(i);
        const QStringView rest = QStringView(text).mid(i);

        if (grammar->blockComments && rest.startsWith(QLatin1String("/*"))) {
            const qsizetype start = i;
            i += 2;
            const qsizetype end = text.indexOf(QLatin1String("*/"), i);
            if (end < 0) {
                setFormat(int(start), int(n - start), format(Token::Comment));
                setCurrentBlockState(InBlockComment);
                return;
            }
            setFormat(int(start), int(end + 2 - start), format(Token::Comment));
            i = end + 2;
            continue;
        }
        if (!grammar->lineComment.isEmpty() && rest.startsWith(grammar->lineComment)
            && (grammar->lineComment != QLatin1String("#") || i == 0 || text.at(i - 1).isSpace())) {
            setFormat(int(i), int(n - i), format(Token::Comment));
            return;
        }
        if (grammar->tripleQuotedStrings
            && (rest.startsWith(QLatin1String("\"\"\""))
                || rest.startsWith(QLatin1String("'''")))) {
            const bool dbl = c == QLatin1Char('"');
            const qsizetype start = i;
            i += 3;
            const QString closing = dbl ? QStringLiteral("\"\"\"") : QStringLiteral("'''");
            const qsizetype end = text.indexOf(closing, i);
            if (end < 0) {
                setFormat(int(start), int(n - start), format(Token::String));
                setCurrentBlockState(dbl ? InTripleDouble : InTripleSingle);
                return;
            }
            setFormat(int(start), int(end + 3 - start), format(Token::String));
            i = end + 3;
            continue;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')
            || (grammar->templateStrings && c == QLatin1Char('`'))) {
            const qsizetype start = i++;
            bool closed = false;
            while (i < n) {
                if (text.at(i) == QLatin1Char('\\')) {
                    i += 2;
                    continue;
                }
                if (text.at(i++) == c) {
                    closed = true;
                    break;
                }
            }
            i = qMin(i, n);
            setFormat(int(start), int(i - start), format(Token::String));
            if (!closed && c == QLatin1Char('`')) {
                setCurrentBlockState(InTemplate);
                return;
            }
            continue;
        }

        bool matched = false;
        for (const Rule &rule : grammar->rules) {
            const QRegularExpressionMatch match
                = rule.pattern.match(text, i, QRegularExpression::NormalMatch,
                                     QRegularExpression::AnchorAtOffsetMatchOption);
            if (match.hasMatch() && match.capturedLength() > 0) {
                setFormat(int(i), int(match.capturedLength()), format(rule.token));
                i += match.capturedLength();
                matched = true;
                break;
            }
        }
        if (matched)
            continue;
        const QRegularExpressionMatch number
            = numberPattern().match(text, i, QRegularExpression::NormalMatch,
                                    QRegularExpression::AnchorAtOffsetMatchOption);
        if (number.hasMatch() && (i == 0 || !isIdentifierChar(text.at(i - 1)))) {
            setFormat(int(i), int(number.capturedLength()), format(Token::Number));
            i += number.capturedLength();
            continue;
        }
        // Skip a whole identifier so that keywords never match inside one ("format" has "for").
        if (isIdentifierChar(c)) {
            while (i < n && isIdentifierChar(text.at(i)))
                ++i;
            continue;
        }
        ++i;
    }
}
