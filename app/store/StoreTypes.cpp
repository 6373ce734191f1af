// Names of the store's enums as written to the database, and small helpers on the records.
#include "StoreTypes.h"

#include <QLatin1StringView>

#include <array>
#include <iterator>

namespace {

template<typename Enum, std::size_t N>
QString nameOf(const std::array<QLatin1StringView, N> &names, Enum value)
{
    return QString(names.at(static_cast<std::size_t>(value)));
}

template<typename Enum, std::size_t N>
Enum valueOf(const std::array<QLatin1StringView, N> &names, const QString &name, Enum fallback,
             bool *ok)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (name == names[i]) {
            if (ok)
                *ok = true;
            return static_cast<Enum>(i);
        }
    }
    if (ok)
        *ok = false;
    return fallback;
}

using namespace Qt::StringLiterals;

const std::array<QLatin1StringView, 4> roleNames
    = {"system"_L1, "user"_L1, "assistant"_L1, "tool"_L1};
const std::array<QLatin1StringView, 4> messageStatusNames
    = {"complete"_L1, "streaming"_L1, "interrupted"_L1, "failed"_L1};
const std::array<QLatin1StringView, 2> chunkKindNames = {"text"_L1, "reasoning"_L1};
const std::array<QLatin1StringView, 5> runStatusNames
    = {"running"_L1, "completed"_L1, "failed"_L1, "cancelled"_L1, "interrupted"_L1};
const std::array<QLatin1StringView, 7> toolCallStatusNames
    = {"proposed"_L1, "approved"_L1, "denied"_L1,         "running"_L1,
       "done"_L1,     "failed"_L1,   "outcome_unknown"_L1};
const std::array<QLatin1StringView, 4> decisionNames
    = {""_L1, "approved"_L1, "denied"_L1, "auto"_L1};
const std::array<QLatin1StringView, 3> planStatusNames
    = {"pending"_L1, "approved"_L1, "rejected"_L1};

} // namespace

QString MessageRecord::text() const
{
    QStringList texts;
    for (const QJsonValue &part : parts) {
        const QJsonObject object = part.toObject();
        if (object.value(QLatin1String("type")).toString() == QLatin1String("text"))
            texts << object.value(QLatin1String("text")).toString();
    }
    return texts.join(QLatin1Char('\n'));
}

QJsonArray NewMessage::textParts(const QString &text)
{
    return QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                  {QStringLiteral("text"), text}}};
}

namespace StoreEnums {

QString toString(MessageRole role)
{
    return nameOf(roleNames, role);
}
QString toString(MessageStatus status)
{
    return nameOf(messageStatusNames, status);
}
QString toString(ChunkKind kind)
{
    return nameOf(chunkKindNames, kind);
}
QString toString(RunStatus status)
{
    return nameOf(runStatusNames, status);
}
QString toString(ToolCallStatus status)
{
    return nameOf(toolCallStatusNames, status);
}
QString toString(ApprovalDecision decision)
{
    return nameOf(decisionNames, decision);
}
QString toString(PlanStatus status)
{
    return nameOf(planStatusNames, status);
}

MessageRole messageRoleFrom(const QString &name, bool *ok)
{
    return valueOf(roleNames, name, MessageRole::User, ok);
}
MessageStatus messageStatusFrom(const QString &name, bool *ok)
{
    return valueOf(messageStatusNames, name, MessageStatus::Interrupted, ok);
}
RunStatus runStatusFrom(const QString &name, bool *ok)
{
    return valueOf(runStatusNames, name, RunStatus::Interrupted, ok);
}
ToolCallStatus toolCallStatusFrom(const QString &name, bool *ok)
{
    return valueOf(toolCallStatusNames, name, ToolCallStatus::OutcomeUnknown, ok);
}
ApprovalDecision approvalDecisionFrom(const QString &name, bool *ok)
{
    return valueOf(decisionNames, name, ApprovalDecision::None, ok);
}
PlanStatus planStatusFrom(const QString &name, bool *ok)
{
    // Unknown: treated as decided, so nothing acts on it.
    return valueOf(planStatusNames, name, PlanStatus::Rejected, ok);
}

} // namespace StoreEnums
