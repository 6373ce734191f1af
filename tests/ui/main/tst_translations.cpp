// The window speaks the user's language when a translation exists, and English otherwise.
#include "core/Translations.h"
#include "main/MainWindow.h"
#include "root/AppContext.h"

#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QTest>

class TestTranslations final : public QObject
{
    Q_OBJECT

private slots:
    void englishNeedsNoTranslation();
    void germanMenus();

private:
    static QStringList menuTitles(const QLocale &locale);
};

QStringList TestTranslations::menuTitles(const QLocale &locale)
{
    Translations::install(*qApp, locale);
    QTemporaryDir dir;
    AppContext context(StudioPaths::underRoot(dir.path()));
    QString error;
    if (!context.open(&error))
        qFatal("%s", qPrintable(error));
    MainWindow window(context);
    QStringList titles;
    for (QAction *action : window.menuBar()->actions())
        titles << action->text();
    return titles;
}

void TestTranslations::englishNeedsNoTranslation()
{
    QCOMPARE(menuTitles(QLocale(QLocale::English, QLocale::UnitedStates)).first(),
             QStringLiteral("&File"));
}

void TestTranslations::germanMenus()
{
    const QStringList titles = menuTitles(QLocale(QLocale::German, QLocale::Germany));
    QCOMPARE(titles,
             QStringList({QStringLiteral("&Datei"), QStringLiteral("&Bearbeiten"),
                          QStringLiteral("&Ansicht"), QStringLiteral("&Unterhaltung"),
                          QStringLiteral("&Sandbox"), QStringLiteral("&Hilfe")}));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
