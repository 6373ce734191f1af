// Definitions of the per-subsystem logging categories. Debug output is off by default;
// QT_LOGGING_RULES turns it on per category.
#include "Logging.h"

Q_LOGGING_CATEGORY(lcApp, "studio.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "studio.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSecrets, "studio.secrets", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLlm, "studio.llm", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSandbox, "studio.sandbox", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLocalSandbox, "studio.localsandbox", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAgent, "studio.agent", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "studio.ui", QtInfoMsg)

namespace Logging {

void setUp()
{
    if (qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN")) {
        qSetMessagePattern(QStringLiteral(
            "%{time yyyy-MM-ddTHH:mm:ss.zzz} "
            "%{if-debug}debug%{endif}%{if-info}info%{endif}%{if-warning}warning%{endif}"
            "%{if-critical}critical%{endif}%{if-fatal}fatal%{endif} %{category}: %{message}"));
    }
}

} // namespace Logging
