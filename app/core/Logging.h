// Logging categories, one per subsystem. Enable with QT_LOGGING_RULES, e.g.
// QT_LOGGING_RULES="studio.store.debug=true".
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcApp)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcSecrets)
Q_DECLARE_LOGGING_CATEGORY(lcLlm)
Q_DECLARE_LOGGING_CATEGORY(lcSandbox)
Q_DECLARE_LOGGING_CATEGORY(lcLocalSandbox)
Q_DECLARE_LOGGING_CATEGORY(lcAgent)
Q_DECLARE_LOGGING_CATEGORY(lcUi)

namespace Logging {
// Installs the default message pattern (with the category) unless QT_MESSAGE_PATTERN is set.
void setUp();
} // namespace Logging
