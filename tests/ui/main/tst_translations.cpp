// The window speaks the user's language when a translation exists, and English otherwise;
// plurals read right in both ("1 Tag", "2 Tage"; "1 day", "2 days").
#include "core/Translations.h"
#include "main/MainWindow.h"
#include "root/AppContext.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTest>

class TestTranslations final : public QObject
{
    Q_OBJECT

private slots:
    void englishNeedsNoTranslation();
    void germanWindow();
    void pluralsInBothLanguages();
    void unknownLanguageFallsBackToEnglish();

private:
    struct Window
    {
        QStringList menuTitles;
        QString composerPlaceholder;
        QStringList accelClashes;
    };
    static Window openWindow(const QLocale &locale);
    static QStringList accelClashes(const QString &where, const QList<QAction *> &actions);
    static QString days(int n)
    {
        return QCoreApplication::translate("SandboxListModel", "%n days", nullptr, n);
    }
};

// Two entries of one menu with the same underlined letter: Alt+letter reaches only one.
QStringList TestTranslations::accelClashes(const QString &where, const QList<QAction *> &actions)
{
    QStringList clashes;
    QHash<QChar, QString> seen;
    for (QAction *action : actions) {
        QString text = action->text();
        text.replace(QLatin1String("&&"), QString());
        const qsizetype at = text.indexOf(QLatin1Char('&'));
        if (action->isSeparator() || at < 0 || at + 1 >= text.size())
            continue;
        const QChar key = text.at(at + 1).toLower();
        if (seen.contains(key))
            clashes << QStringLiteral("%1: \"%2\" and \"%3\"")
                           .arg(where, seen.value(key), action->text());
        seen.insert(key, action->text());
        if (QMenu *sub = action->menu())
            clashes << accelClashes(action->text(), sub->actions());
    }
    return clashes;
}

TestTranslations::Window TestTranslations::openWindow(const QLocale &locale)
{
    Translations::install(*qApp, locale);
    QTemporaryDir dir;
    AppContext context(StudioPaths::underRoot(dir.path()));
    QString error;
    if (!context.open(&error))
        qFatal("%s", qPrintable(error));
    MainWindow window(context);
    Window seen;
    for (QAction *action : window.menuBar()->actions())
        seen.menuTitles << action->text();
    if (auto *composer = window.findChild<QPlainTextEdit *>(QStringLiteral("composer")))
        seen.composerPlaceholder = composer->placeholderText();
    seen.accelClashes = accelClashes(QStringLiteral("menu bar"), window.menuBar()->actions());
    return seen;
}

void TestTranslations::englishNeedsNoTranslation()
{
    const Window window = openWindow(QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(window.menuTitles.first(), QStringLiteral("&File"));
    QVERIFY(window.composerPlaceholder.startsWith(QLatin1String("Ask the agent")));
}

void TestTranslations::germanWindow()
{
    const Window window = openWindow(QLocale(QLocale::German, QLocale::Germany));
    qInfo() << "tried: the window in German, result: menus" << window.menuTitles
            << "composer:" << window.composerPlaceholder;
    QCOMPARE(window.menuTitles,
             QStringList({QStringLiteral("&Datei"), QStringLiteral("&Bearbeiten"),
                          QStringLiteral("&Ansicht"), QStringLiteral("&Unterhaltung"),
                          QStringLiteral("&Sandbox"), QStringLiteral("&Hilfe")}));
    QVERIFY2(window.composerPlaceholder.startsWith(QLatin1String("Bitten Sie den Agenten")),
             qPrintable(window.composerPlaceholder));
    QVERIFY2(window.accelClashes.isEmpty(),
             qPrintable(window.accelClashes.join(QLatin1Char('\n'))));
}

void TestTranslations::pluralsInBothLanguages()
{
    Translations::install(*qApp, QLocale(QLocale::German, QLocale::Germany));
    qInfo() << "tried: German plurals, result:" << days(1) << days(2);
    QCOMPARE(days(1), QStringLiteral("1 Tag"));
    QCOMPARE(days(2), QStringLiteral("2 Tage"));
    QCOMPARE(QCoreApplication::translate("SandboxListModel", "%1 · %n process(es)", nullptr, 1)
                 .arg(QStringLiteral("läuft")),
             QStringLiteral("läuft · 1 Prozess"));

    // English needs its plural forms too, or "%n days" would read "1 days".
    Translations::install(*qApp, QLocale(QLocale::English, QLocale::UnitedStates));
    qInfo() << "tried: English plurals, result:" << days(1) << days(2);
    QCOMPARE(days(1), QStringLiteral("1 day"));
    QCOMPARE(days(2), QStringLiteral("2 days"));
}

void TestTranslations::unknownLanguageFallsBackToEnglish()
{
    const QLocale finnish(QLocale::Finnish, QLocale::Finland);
    QVERIFY(!Translations::install(*qApp, finnish));
    QCOMPARE(QCoreApplication::translate("MainWindow", "&File"), QStringLiteral("&File"));
    QCOMPARE(days(1), QStringLiteral("1 day"));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
