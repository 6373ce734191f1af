// CodeHighlighter on Markdown rendered by QTextDocument: code blocks are coloured by their
// fence's language, prose is not, and multi-line strings and comments carry across lines.
#include "chat/CodeHighlighter.h"

#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using Token = CodeHighlighter::Token;
using Language = CodeHighlighter::Language;

class TestCodeHighlighter final : public QObject
{
    Q_OBJECT

private slots:
    void fenceNames_data();
    void fenceNames();
    void tokens_data();
    void tokens();
    void proseIsNotHighlighted();
    void multiLineConstructs();
    void darkThemeChangesColours();

private:
    // The highlight format at the first occurrence of `needle` after `after`; a format without
    // a foreground (see highlighted()) when nothing covers it.
    static QTextCharFormat formatAt(const QTextDocument &doc, const QString &needle,
                                    const QString &after = {});
    static bool highlighted(const QTextCharFormat &format)
    {
        return format.hasProperty(QTextFormat::ForegroundBrush);
    }
};

QTextCharFormat TestCodeHighlighter::formatAt(const QTextDocument &doc, const QString &needle,
                                              const QString &after)
{
    const QString plain = doc.toPlainText();
    const qsizetype from = after.isEmpty() ? 0 : plain.indexOf(after);
    const qsizetype at = plain.indexOf(needle, from);
    if (at < 0)
        return {};
    const QTextBlock block = doc.findBlock(int(at));
    const int offset = int(at) - block.position();
    for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
        if (offset >= range.start && offset < range.start + range.length
            && range.format.hasProperty(QTextFormat::ForegroundBrush))
            return range.format;
    }
    return {};
}

void TestCodeHighlighter::fenceNames_data()
{
    QTest::addColumn<QString>("info");
    QTest::addColumn<Language>("language");
    QTest::newRow("py") << QStringLiteral("py") << Language::Python;
    QTest::newRow("Python with title") << QStringLiteral("Python title=a.py") << Language::Python;
    QTest::newRow("ts") << QStringLiteral("ts") << Language::TypeScript;
    QTest::newRow("javascript") << QStringLiteral("javascript") << Language::JavaScript;
    QTest::newRow("bash") << QStringLiteral("bash") << Language::Shell;
    QTest::newRow("json") << QStringLiteral("json") << Language::Json;
    QTest::newRow("c++") << QStringLiteral("c++") << Language::Cpp;
    QTest::newRow("c") << QStringLiteral("c") << Language::Cpp;
    QTest::newRow("unknown") << QStringLiteral("brainfuck") << Language::None;
    QTest::newRow("empty") << QString() << Language::None;
}

void TestCodeHighlighter::fenceNames()
{
    QFETCH(QString, info);
    QFETCH(Language, language);
    QCOMPARE(CodeHighlighter::languageFromFence(info), language);
}

void TestCodeHighlighter::tokens_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QString>("needle");
    QTest::addColumn<Token>("token");

    const QString python = QStringLiteral(
        "Here:\n\n```python\ndef reverse_string(s):\n    # flip it\n    return s[::-1] + \"end\"\n"
        "x = 42\nformat_value = None\n```\n");
    QTest::newRow("python keyword") << python << QStringLiteral("def") << Token::Keyword;
    QTest::newRow("python comment") << python << QStringLiteral("flip") << Token::Comment;
    QTest::newRow("python string") << python << QStringLiteral("end\"") << Token::String;
    QTest::newRow("python number") << python << QStringLiteral("42") << Token::Number;
    QTest::newRow("python None") << python << QStringLiteral("None") << Token::Keyword;

    const QString ts
        = QStringLiteral("```ts\ninterface A { n: number }\nconst s = `hi ${1}`; // note\n```\n");
    QTest::newRow("ts interface") << ts << QStringLiteral("interface") << Token::Keyword;
    QTest::newRow("ts const") << ts << QStringLiteral("const") << Token::Keyword;
    QTest::newRow("ts template") << ts << QStringLiteral("`hi") << Token::String;
    QTest::newRow("ts comment") << ts << QStringLiteral("note") << Token::Comment;

    const QString js = QStringLiteral("```js\nconsole.log('Hello, world!');\n```\n");
    QTest::newRow("js builtin") << js << QStringLiteral("console") << Token::Builtin;
    QTest::newRow("js string") << js << QStringLiteral("'Hello") << Token::String;

    const QString sh
        = QStringLiteral("```bash\nif [ -n \"$HOME\" ]; then echo $PATH; fi # done\n```\n");
    QTest::newRow("shell keyword") << sh << QStringLiteral("then") << Token::Keyword;
    QTest::newRow("shell variable") << sh << QStringLiteral("$PATH") << Token::Builtin;
    QTest::newRow("shell comment") << sh << QStringLiteral("# done") << Token::Comment;

    const QString json = QStringLiteral("```json\n{\"ok\": true, \"n\": 1.5e3}\n```\n");
    QTest::newRow("json key") << json << QStringLiteral("\"ok\"") << Token::String;
    QTest::newRow("json true") << json << QStringLiteral("true") << Token::Keyword;
    QTest::newRow("json number") << json << QStringLiteral("1.5e3") << Token::Number;

    const QString cpp
        = QStringLiteral("```cpp\n#include <cstdio>\nint main() { return 0x1F; } // ok\n```\n");
    QTest::newRow("cpp preprocessor") << cpp << QStringLiteral("#include") << Token::Builtin;
    QTest::newRow("cpp keyword") << cpp << QStringLiteral("int") << Token::Keyword;
    QTest::newRow("cpp hex") << cpp << QStringLiteral("0x1F") << Token::Number;
    QTest::newRow("cpp comment") << cpp << QStringLiteral("// ok") << Token::Comment;
}

void TestCodeHighlighter::tokens()
{
    QFETCH(QString, markdown);
    QFETCH(QString, needle);
    QFETCH(Token, token);

    QTextDocument doc;
    doc.setMarkdown(markdown);
    CodeHighlighter highlighter(&doc);
    highlighter.rehighlight();
    const QTextCharFormat found = formatAt(doc, needle);
    QVERIFY2(highlighted(found), qPrintable(QStringLiteral("no highlight on ") + needle));
    QCOMPARE(found.foreground().color(), highlighter.format(token).foreground().color());
}

void TestCodeHighlighter::proseIsNotHighlighted()
{
    QTextDocument doc;
    doc.setMarkdown(
        QStringLiteral("for each def in the \"list\" # not code\n\n```\nfor x in y\n```\n"));
    CodeHighlighter highlighter(&doc);
    highlighter.rehighlight();
    QVERIFY(!highlighted(formatAt(doc, QStringLiteral("for"))));
    QVERIFY(!highlighted(formatAt(doc, QStringLiteral("\"list\""))));
    // A fence without a language stays plain too (but monospace, from the Markdown importer).
    QVERIFY(!highlighted(formatAt(doc, QStringLiteral("for x"))));
}

void TestCodeHighlighter::multiLineConstructs()
{
    QTextDocument doc;
    doc.setMarkdown(
        QStringLiteral("```python\ns = \"\"\"first\nif inside\n\"\"\"\nif after: pass\n```\n\n"
                       "```c\n/* one\nwhile two */ while (1) {}\n```\n"));
    CodeHighlighter highlighter(&doc);
    highlighter.rehighlight();
    const QColor string = highlighter.format(Token::String).foreground().color();
    const QColor keyword = highlighter.format(Token::Keyword).foreground().color();
    const QColor comment = highlighter.format(Token::Comment).foreground().color();
    QCOMPARE(formatAt(doc, QStringLiteral("if inside")).foreground().color(), string);
    QCOMPARE(formatAt(doc, QStringLiteral("if after")).foreground().color(), keyword);
    QCOMPARE(formatAt(doc, QStringLiteral("while two")).foreground().color(), comment);
    QCOMPARE(formatAt(doc, QStringLiteral("while ("), QStringLiteral("*/")).foreground().color(),
             keyword);
}

void TestCodeHighlighter::darkThemeChangesColours()
{
    QTextDocument doc;
    doc.setMarkdown(QStringLiteral("```py\nimport os\n```\n"));
    CodeHighlighter highlighter(&doc);
    highlighter.rehighlight();
    const QColor light = formatAt(doc, QStringLiteral("import")).foreground().color();
    highlighter.setDarkTheme(true);
    const QColor dark = formatAt(doc, QStringLiteral("import")).foreground().color();
    QVERIFY(light != dark);
    QCOMPARE(dark, highlighter.format(Token::Keyword).foreground().color());
}

QTEST_MAIN(TestCodeHighlighter)
#include "tst_codehighlighter.moc"
