// Loads the translation of the user's language (compiled into :/i18n) and Qt's own, for the
// window and for the command line. English needs only its plural forms ("%n files").
#pragma once

#include <QLocale>

class QCoreApplication;

namespace Translations {
// Returns true when `locale` is English or a translation for it was found and installed.
// The language follows the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
bool install(QCoreApplication &app, const QLocale &locale = QLocale());
} // namespace Translations
