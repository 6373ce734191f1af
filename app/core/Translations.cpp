#include "Translations.h"

#include "core/Logging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace Translations {

namespace {

QTranslator *s_english = nullptr;
QTranslator *s_ours = nullptr;
QTranslator *s_qt = nullptr;

// Replaces what an earlier call installed, so that a test (or a language switch) can call
// install() again without stacking translators.
void remove(QTranslator *&translator)
{
    if (!translator)
        return;
    QCoreApplication::removeTranslator(translator);
    delete translator;
    translator = nullptr;
}

QTranslator *load(QCoreApplication &app, const QLocale &locale, const QString &name,
                  const QString &folder)
{
    auto *translator = new QTranslator(&app);
    if (translator->load(locale, name, QStringLiteral("_"), folder)
        && QCoreApplication::installTranslator(translator))
        return translator;
    delete translator;
    return nullptr;
}

} // namespace

bool install(QCoreApplication &app, const QLocale &locale)
{
    remove(s_ours);
    remove(s_qt);
    remove(s_english);
    // The English plural forms come first: the user's language, installed after them, wins,
    // and a message it lacks still reads "1 file", not "1 file(s)".
    const QLocale english(QLocale::English, QLocale::UnitedStates);
    s_english = load(app, english, QStringLiteral("agent-studio"), QStringLiteral(":/i18n"));
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return true;
    s_qt = load(app, locale, QStringLiteral("qtbase"),
                QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    s_ours = load(app, locale, QStringLiteral("agent-studio"), QStringLiteral(":/i18n"));
    if (!s_ours)
        return false;
    qCDebug(lcUi) << "translation loaded for" << locale.name();
    return true;
}

} // namespace Translations
