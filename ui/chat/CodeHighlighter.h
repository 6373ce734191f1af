// Syntax highlighting for the code blocks of a rendered Markdown message. One highlighter per
// QTextDocument: it colours only the blocks that QTextDocument::setMarkdown() marked as code, in
// the language named by the fence (```python), and leaves prose alone. Colours follow the
// palette, so they read well in light and dark themes.
#pragma once

#include <QList>
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

class CodeHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    enum class Language { None, Python, JavaScript, TypeScript, Shell, Json, Cpp };
    Q_ENUM(Language)

    enum class Token { Keyword, String, Comment, Number, Builtin };
    Q_ENUM(Token)

    explicit CodeHighlighter(QTextDocument *document);

    // The language of a fence's info string ("py", "ts", "bash", "c++", ...); None when unknown.
    static Language languageFromFence(QStringView info);

    // Light or dark colours; call when the palette changes.
    void setDarkTheme(bool dark);
    QTextCharFormat format(Token token) const;

    // When set, blocks that are not Markdown code blocks are highlighted in this language
    // (for plain source files shown read-only).
    void setDefaultLanguage(Language language);

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rule
    {
        QRegularExpression pattern;
        Token token;
    };
    struct Grammar
    {
        QList<Rule> rules;
        QString lineComment; // "#" or "//"
        bool blockComments = false; // /* ... */
        bool tripleQuotedStrings = false; // Python """ and '''
        bool templateStrings = false; // JavaScript `...`
    };
    // Block states carried from line to line.
    enum State {
        Normal = 0,
        InBlockComment = 1,
        InTripleDouble = 2,
        InTripleSingle = 3,
        InTemplate = 4
    };

    const Grammar *grammarFor(Language language) const;
    void buildGrammars();
    void applyFormats();

    QList<Grammar> m_grammars; // indexed by Language
    QTextCharFormat m_formats[5];
    Language m_defaultLanguage = Language::None;
    bool m_dark = false;
};
