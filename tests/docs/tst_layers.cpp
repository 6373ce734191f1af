// The layers of DESIGN.md ("Layers", "Services own facts"), checked on the source tree: each
// row of the table is a rule "no file under SCOPE (except EXEMPT) includes or calls FORBIDDEN".
// Includes are resolved the way the build resolves them (the file's folder, then app/, then
// ui/; Qt's headers by the module folder they are in), so a rule names real files, not
// spellings. A failure lists every offending file and line.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>

// What a rule's pattern is matched against: each resolved include, or each line of code.
enum class Match { Include, Code };
Q_DECLARE_METATYPE(Match)

namespace {

const QString &sourceDir()
{
    static const QString dir = QDir(QStringLiteral(STUDIO_SOURCE_DIR)).absolutePath();
    return dir;
}

// The Qt modules an angle-bracket include is looked up in.
const QStringList &qtModules()
{
    static const QStringList modules{QStringLiteral("QtCore"),    QStringLiteral("QtGui"),
                                     QStringLiteral("QtWidgets"), QStringLiteral("QtNetwork"),
                                     QStringLiteral("QtSql"),     QStringLiteral("QtConcurrent"),
                                     QStringLiteral("QtTest"),    QStringLiteral("QtHttpServer")};
    return modules;
}

QString qtHeadersDir()
{
    return QLibraryInfo::path(QLibraryInfo::HeadersPath);
}

// What an include names: "app/store/Store.h" or "ui/main/MainWindow.h" for the project's
// headers (relative to the source folder), "qt/QtGui/QColor" for Qt's, else the text as written.
QString resolveInclude(const QString &file, const QString &name, bool quoted)
{
    if (quoted) {
        const QStringList bases{QFileInfo(file).absolutePath(),
                                sourceDir() + QStringLiteral("/app"),
                                sourceDir() + QStringLiteral("/ui")};
        for (const QString &base : bases) {
            const QFileInfo candidate(base + QLatin1Char('/') + name);
            if (candidate.exists())
                return QDir(sourceDir()).relativeFilePath(candidate.absoluteFilePath());
        }
        return name;
    }
    const QString module = name.section(QLatin1Char('/'), 0, 0);
    if (qtModules().contains(module))
        return QStringLiteral("qt/") + name;
    for (const QString &candidate : qtModules()) {
        if (QFileInfo::exists(qtHeadersDir() + QLatin1Char('/') + candidate + QLatin1Char('/')
                              + name))
            return QStringLiteral("qt/") + candidate + QLatin1Char('/') + name;
    }
    return name;
}

// The project's sources under `scope` (a folder relative to the source folder), relative paths.
QStringList sourcesUnder(const QString &scope)
{
    QStringList files;
    QDirIterator it(sourceDir() + QLatin1Char('/') + scope,
                    {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(sourceDir()).relativeFilePath(it.next());
    files.sort();
    return files;
}

// The code of a line without its // comment; empty for lines inside a block comment's usual
// layout (" * ...").
QString codeOf(const QString &line)
{
    const QString trimmed = line.trimmed();
    if (trimmed.startsWith(QLatin1String("*")) || trimmed.startsWith(QLatin1String("/*")))
        return {};
    const qsizetype comment = line.indexOf(QLatin1String("//"));
    return comment < 0 ? line : line.left(comment);
}

} // namespace

class TestLayers final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rule_data();
    void rule();
};

void TestLayers::initTestCase()
{
    // Without Qt's headers every <QWidget> would pass as an unknown header.
    QVERIFY2(QFileInfo::exists(qtHeadersDir() + QStringLiteral("/QtWidgets/QWidget")),
             qPrintable(qtHeadersDir()));
    QVERIFY(QFileInfo::exists(sourceDir() + QStringLiteral("/ui/main/MainWindow.cpp")));
}

void TestLayers::rule_data()
{
    QTest::addColumn<QString>("scope");
    QTest::addColumn<QStringList>("exempt");
    QTest::addColumn<Match>("match");
    QTest::addColumn<QString>("forbidden"); // over a resolved include, or a line of code

    // MainWindow assembles: it alone holds the composition root and hands each pane the
    // services it uses.
    const QStringList assembler{QStringLiteral("ui/main/MainWindow.cpp"),
                                QStringLiteral("ui/main/MainWindow.h")};
    QTest::newRow("ui: only MainWindow includes the composition root")
        << QStringLiteral("ui") << assembler << Match::Include
        << QStringLiteral("^app/root/AppContext\\.h$");
    QTest::newRow("ui: only MainWindow includes the store")
        << QStringLiteral("ui") << assembler << Match::Include
        << QStringLiteral("^app/store/Store\\.h$");
    QTest::newRow("ui: only MainWindow builds the engine")
        << QStringLiteral("ui") << assembler << Match::Code
        << QStringLiteral("\\bagentEngine\\s*\\(");
    // Sandboxes are reached through SandboxService (list, lifecycle, files), not a client.
    QTest::newRow("ui: sandboxes only through the service")
        << QStringLiteral("ui") << QStringList() << Match::Include
        << QStringLiteral("^app/sandbox/(DaytonaClient|SandboxBackend)\\.h$");
    // Widgets ask services; only app/ speaks SQL or HTTP.
    QTest::newRow("ui: no SQL") << QStringLiteral("ui") << QStringList() << Match::Include
                                << QStringLiteral("^qt/QtSql(/|$)");
    QTest::newRow("ui: no network") << QStringLiteral("ui") << QStringList() << Match::Include
                                    << QStringLiteral("^qt/QtNetwork(/|$)");
    // core/ is the floor: logging, paths, settings.
    QTest::newRow("core: includes only core")
        << QStringLiteral("app/core") << QStringList() << Match::Include
        << QStringLiteral("^(app/(?!core/)|ui/)");
    // The store is reached through its owners: the services, the engine (which owns runs),
    // the composition root that builds them, and the store's own folder.
    const QStringList storeOwners{QStringLiteral("app/store/"), QStringLiteral("app/services/"),
                                  QStringLiteral("app/agent/"), QStringLiteral("app/root/")};
    QTest::newRow("app: only the services, the engine and the root reach the store")
        << QStringLiteral("app") << storeOwners << Match::Include
        << QStringLiteral("^app/store/Store\\.h$");
    // The sandbox client talks to a server; which one is started is the root's business.
    QTest::newRow("sandbox: does not include the local server")
        << QStringLiteral("app/sandbox") << QStringList() << Match::Include
        << QStringLiteral("^app/localsandbox/");
    // studio_core builds where QtWidgets is not installed; app/main.cpp is agent-studio's
    // entry point (GUI or CLI), not studio_core.
    const QStringList entryPoint{QStringLiteral("app/main.cpp")};
    QTest::newRow("app: no QtGui or QtWidgets")
        << QStringLiteral("app") << entryPoint << Match::Include
        << QStringLiteral("^qt/(QtGui|QtWidgets)(/|$)");
    QTest::newRow("app: includes nothing of ui")
        << QStringLiteral("app") << entryPoint << Match::Include << QStringLiteral("^ui/");
}

void TestLayers::rule()
{
    QFETCH(QString, scope);
    QFETCH(QStringList, exempt);
    QFETCH(Match, match);
    QFETCH(QString, forbidden);

    const QRegularExpression pattern(forbidden);
    QVERIFY2(pattern.isValid(), qPrintable(pattern.errorString()));
    static const QRegularExpression include(
        QStringLiteral("^\\s*#\\s*include\\s*([<\"])([^>\"]+)[>\"]"));

    const QStringList files = sourcesUnder(scope);
    QVERIFY2(!files.isEmpty(), qPrintable(scope));
    QStringList offences;
    for (const QString &relative : files) {
        // An exemption names a file, or a folder when it ends in '/'.
        if (std::any_of(exempt.cbegin(), exempt.cend(), [&relative](const QString &e) {
                return e.endsWith(QLatin1Char('/')) ? relative.startsWith(e) : relative == e;
            }))
            continue;
        QFile file(sourceDir() + QLatin1Char('/') + relative);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QString &line = lines.at(i);
            QString subject;
            if (match == Match::Include) {
                const QRegularExpressionMatch found = include.match(line);
                if (!found.hasMatch())
                    continue;
                subject = resolveInclude(file.fileName(), found.captured(2),
                                         found.captured(1) == QLatin1String("\""));
            } else {
                subject = codeOf(line);
            }
            if (pattern.match(subject).hasMatch())
                offences
                    << QStringLiteral("%1:%2: %3").arg(relative).arg(i + 1).arg(line.trimmed());
        }
    }
    QVERIFY2(offences.isEmpty(),
             qPrintable(QStringLiteral("\n") + offences.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestLayers)
#include "tst_layers.moc"
