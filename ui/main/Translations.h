// Loads the translation of the user's language (compiled into :/i18n) and Qt's own, when
// they exist; English needs nothing.
#pragma once

#include <QLocale>

class QCoreApplication;

namespace Translations {
// Returns true when a translation for `locale` was found and installed.
bool install(QCoreApplication &app, const QLocale &locale = QLocale());
} // namespace Translations
