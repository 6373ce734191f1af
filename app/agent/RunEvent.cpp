// RunEvent's names for people and logs.
#include "RunEvent.h"

QString RunEvent::errorKindName() const
{
    switch (failure) {
    case Failure::None:
        return QString();
    case Failure::Model:
        return LlmError::kindName(modelError);
    case Failure::Storage:
        return QStringLiteral("storage");
    case Failure::InvalidToolCalls:
        return QStringLiteral("invalid-tool-calls");
    }
    return QString();
}
