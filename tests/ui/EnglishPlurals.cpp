// Linked into every test that shows widgets (studio_add_test GUI): the English plural forms
// are installed as main.cpp installs them for the app, so "%n file(s)" reads "1 file" in
// tests too.
#include "core/Translations.h"

#include <QCoreApplication>

namespace {

void installEnglishPlurals()
{
    Translations::install(*QCoreApplication::instance(),
                          QLocale(QLocale::English, QLocale::UnitedStates));
}

} // namespace

Q_COREAPP_STARTUP_FUNCTION(installEnglishPlurals)
