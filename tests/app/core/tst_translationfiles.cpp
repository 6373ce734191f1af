// Every translation is complete: lupdate runs over app/ and ui/ into a temporary .ts, and
// each resources/translations/*.ts must hold every message the code can show, finished,
// with the same placeholders and keyboard accelerators as the English source. The failure
// lists each problem as (file, context, source), so whoever adds a string knows what to
// translate (see README, "Translations").
#include <QDir>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <algorithm>

namespace {

struct Message
{
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    QString type; // "", "unfinished", "vanished" or "obsolete"
    QStringList translations; // one, or one per numerus form

    QString key() const { return context + QChar(0x1f) + source + QChar(0x1f) + comment; }
};

struct TsFile
{
    QString language;
    QList<Message> messages;
    QString error;
};

TsFile readTs(const QString &path)
{
    TsFile ts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ts.error = file.errorString();
        return ts;
    }
    QXmlStreamReader xml(&file);
    QString context;
    Message message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const QStringView name = xml.name();
        if (name == QLatin1String("TS")) {
            ts.language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message = Message();
            message.context = context;
            message.numerus
                = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("comment")) {
            message.comment = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            message.type = xml.attributes().value(QLatin1String("type")).toString();
            if (message.numerus) {
                while (xml.readNextStartElement())
                    message.translations << xml.readElementText();
            } else {
                message.translations << xml.readElementText();
            }
            ts.messages << message;
        }
    }
    if (xml.hasError())
        ts.error = xml.errorString();
    return ts;
}

// %1 ... %99 and %n, each once: a translation may reorder them, never lose or add one.
QStringList placeholders(const QString &text, bool withN)
{
    static const QRegularExpression pattern(QStringLiteral("%(\\d{1,2}|n)"));
    QStringList found;
    for (auto it = pattern.globalMatch(text); it.hasNext();) {
        const QString p = it.next().captured(0);
        if ((withN || p != QLatin1String("%n")) && !found.contains(p))
            found << p;
    }
    found.sort();
    return found;
}

// The mnemonic letter of "&File" ("&&" is a literal ampersand), lower-case; empty if none.
QString accelerator(const QString &text)
{
    QString plain = text;
    plain.replace(QLatin1String("&&"), QString());
    const qsizetype at = plain.indexOf(QLatin1Char('&'));
    if (at < 0 || at + 1 >= plain.size() || plain.at(at + 1).isSpace())
        return {};
    return plain.at(at + 1).toLower();
}

QString describe(const Message &m)
{
    QString source = m.source;
    source.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    if (source.size() > 90)
        source = source.left(87) + QLatin1String("...");
    return QStringLiteral("[%1] \"%2\"").arg(m.context, source);
}

// The source language's file (English) only needs the plural forms ("%n day(s)").
bool isSourceLanguage(const TsFile &ts)
{
    return ts.language.isEmpty() || ts.language.startsWith(QLatin1String("en"));
}

QStringList problemsOf(const TsFile &ts, const QList<Message> &used)
{
    QStringList problems;
    QHash<QString, Message> translated;
    for (const Message &m : ts.messages)
        translated.insert(m.key(), m);
    QSet<QString> usedKeys;
    qsizetype numerusForms = -1;
    for (const Message &source : used) {
        usedKeys.insert(source.key());
        const auto it = translated.constFind(source.key());
        if (it == translated.constEnd()) {
            problems << QStringLiteral("missing: %1").arg(describe(source));
            continue;
        }
        const Message &m = it.value();
        if (m.type == QLatin1String("vanished") || m.type == QLatin1String("obsolete")) {
            problems << QStringLiteral("vanished but used: %1").arg(describe(m));
            continue;
        }
        if (isSourceLanguage(ts) && !m.numerus)
            continue;
        if (m.numerus != source.numerus) {
            problems << QStringLiteral("plural form changed (run update_translations): %1")
                            .arg(describe(m));
            continue;
        }
        const bool empty = m.translations.isEmpty()
            || std::any_of(m.translations.cbegin(), m.translations.cend(),
                           [](const QString &t) { return t.trimmed().isEmpty(); });
        if (m.type == QLatin1String("unfinished") || empty) {
            problems << QStringLiteral("%1: %2").arg(
                empty ? QStringLiteral("untranslated") : QStringLiteral("unfinished"), describe(m));
            continue;
        }
        if (m.numerus) {
            if (numerusForms < 0)
                numerusForms = m.translations.size();
            if (m.translations.size() != numerusForms)
                problems << QStringLiteral("%1 plural forms instead of %2: %3")
                                .arg(m.translations.size())
                                .arg(numerusForms)
                                .arg(describe(m));
            if (!m.translations.constLast().contains(QLatin1String("%n")))
                problems << QStringLiteral("plural without %n: %1").arg(describe(m));
        }
        for (const QString &translation : m.translations) {
            // In a plural form, "%n" may be spelled out ("eine Datei"); the others may not.
            if (placeholders(translation, !m.numerus) != placeholders(m.source, !m.numerus))
                problems << QStringLiteral("placeholders differ: %1 -> \"%2\"")
                                .arg(describe(m), translation);
            if (accelerator(translation).isEmpty() != accelerator(m.source).isEmpty())
                problems << QStringLiteral("accelerator (&) %1: %2 -> \"%3\"")
                                .arg(accelerator(m.source).isEmpty() ? QStringLiteral("added")
                                                                     : QStringLiteral("lost"),
                                     describe(m), translation);
        }
    }
    for (const Message &m : ts.messages) {
        if (!usedKeys.contains(m.key()) && m.type != QLatin1String("vanished")
            && m.type != QLatin1String("obsolete"))
            problems << QStringLiteral("no longer in the sources (run update_translations): %1")
                            .arg(describe(m));
    }
    return problems;
}

} // namespace

class TestTranslationFiles final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyLanguageIsComplete();
    void everyLanguageIsCompiledIn();
    void findsWhatIsWrong();

private:
    QString translationsDir() const;
    QList<Message> m_used;
};

QString TestTranslationFiles::translationsDir() const
{
    return QStringLiteral(STUDIO_SOURCE_DIR "/resources/translations");
}

void TestTranslationFiles::initTestCase()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fresh = dir.filePath(QStringLiteral("fresh.ts"));
    // The same options as update_translations (resources/CMakeLists.txt).
    QProcess lupdate;
    lupdate.start(QStringLiteral(STUDIO_LUPDATE),
                  {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"),
                   QStringLiteral("none"), QStringLiteral(STUDIO_SOURCE_DIR "/app"),
                   QStringLiteral(STUDIO_SOURCE_DIR "/ui"), QStringLiteral("-ts"), fresh});
    QVERIFY2(lupdate.waitForFinished(60000), "lupdate did not finish");
    const QString output = QString::fromLocal8Bit(lupdate.readAllStandardError())
        + QString::fromLocal8Bit(lupdate.readAllStandardOutput());
    QCOMPARE(lupdate.exitCode(), 0);
    // A tr() lupdate cannot place is a string no translator ever sees.
    QStringList lost;
    for (const QString &line : output.split(QLatin1Char('\n')))
        if (line.contains(QLatin1String("cannot be called without context")))
            lost << line;
    QVERIFY2(lost.isEmpty(),
             qPrintable(QStringLiteral("strings invisible to lupdate:\n")
                        + lost.join(QLatin1Char('\n'))));
    const TsFile ts = readTs(fresh);
    QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
    m_used = ts.messages;
    QVERIFY(m_used.size() > 900);
    qInfo() << "tried: lupdate over app/ and ui/, result:" << m_used.size() << "messages";
}

void TestTranslationFiles::everyLanguageIsComplete()
{
    const QStringList files
        = QDir(translationsDir()).entryList({QStringLiteral("*.ts")}, QDir::Files, QDir::Name);
    QVERIFY(files.contains(QStringLiteral("agent-studio_de.ts")));
    QStringList report;
    for (const QString &name : files) {
        const TsFile ts = readTs(QDir(translationsDir()).filePath(name));
        QVERIFY2(ts.error.isEmpty(), qPrintable(name + QLatin1String(": ") + ts.error));
        const QStringList problems = problemsOf(ts, m_used);
        qInfo().noquote() << "tried:" << name << "(" << ts.language << ") against" << m_used.size()
                          << "messages, result:" << problems.size() << "problems";
        for (const QString &problem : problems)
            report << name + QLatin1String(": ") + problem;
    }
    QVERIFY2(report.isEmpty(),
             qPrintable(QStringLiteral("%1 problems; translate in Qt Linguist or edit the .ts "
                                       "(after `ninja -C build/dev update_translations`):\n%2")
                            .arg(report.size())
                            .arg(report.join(QLatin1Char('\n')))));
}

void TestTranslationFiles::everyLanguageIsCompiledIn()
{
    QFile cmake(QStringLiteral(STUDIO_SOURCE_DIR "/resources/CMakeLists.txt"));
    QVERIFY(cmake.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(cmake.readAll());
    const QStringList files
        = QDir(translationsDir()).entryList({QStringLiteral("*.ts")}, QDir::Files, QDir::Name);
    for (const QString &name : files)
        QVERIFY2(text.contains(QStringLiteral("translations/") + name),
                 qPrintable(name + QLatin1String(" is not in qt_add_translations")));
    qInfo() << "tried: every .ts listed in resources/CMakeLists.txt, result:" << files;
}

// The checks themselves: a German file with one message of each kind of damage.
void TestTranslationFiles::findsWhatIsWrong()
{
    TsFile ts = readTs(QDir(translationsDir()).filePath(QStringLiteral("agent-studio_de.ts")));
    QVERIFY(ts.messages.size() > 900);
    // Problems the file has already (strings added since it was translated) are not counted.
    const QStringList before = problemsOf(ts, m_used);
    const auto find = [&ts](const QString &context, const QString &source) -> Message * {
        for (Message &m : ts.messages)
            if (m.context == context && m.source == source)
                return &m;
        return nullptr;
    };
    Message *menu = find(QStringLiteral("MainWindow"), QStringLiteral("&File"));
    Message *plural = find(QStringLiteral("SandboxListModel"), QStringLiteral("%n days"));
    Message *args = find(QStringLiteral("ApprovalArguments"),
                         QStringLiteral("These arguments do not fit %1:"));
    Message *stop = find(QStringLiteral("ChatPane"), QStringLiteral("Stop"));
    QVERIFY(menu && plural && args && stop);
    menu->translations = {QStringLiteral("Datei")}; // lost its accelerator
    plural->translations[1].clear(); // an empty plural form
    args->translations = {QStringLiteral("Diese Argumente passen nicht:")}; // lost %1
    stop->type = QStringLiteral("unfinished");
    ts.messages.removeIf([](const Message &m) { return m.source == QLatin1String("Refresh"); });

    QStringList problems = problemsOf(ts, m_used);
    problems.removeIf([&before](const QString &p) { return before.contains(p); });
    qInfo().noquote() << "tried: a damaged German file, result:\n"
                      << problems.join(QLatin1Char('\n'));
    QCOMPARE(problems.size(), 5);
    QVERIFY(problems.contains(QStringLiteral("missing: [ChatPane] \"Refresh\"")));
    QVERIFY(problems.contains(QStringLiteral("unfinished: [ChatPane] \"Stop\"")));
    QVERIFY(problems.contains(QStringLiteral("untranslated: [SandboxListModel] \"%n days\"")));
    QVERIFY(problems.contains(
        QStringLiteral("accelerator (&) lost: [MainWindow] \"&File\" -> \"Datei\"")));
    QVERIFY(problems.contains(QStringLiteral("placeholders differ: [ApprovalArguments] \"These "
                                             "arguments do not fit %1:\" -> \"Diese Argumente "
                                             "passen nicht:\"")));
}

QTEST_GUILESS_MAIN(TestTranslationFiles)
#include "tst_translationfiles.moc"
