#include "ApprovalPolicy.h"

#include "agent/ToolCatalog.h"

ApprovalPolicy::ApprovalPolicy(const ToolCatalog &catalog, Preset preset)
    : m_catalog(catalog)
    , m_preset(preset)
{
}

void ApprovalPolicy::setToolDecision(const QString &tool, std::optional<Decision> decision)
{
    if (decision)
        m_overrides.insert(tool, *decision);
    else
        m_overrides.remove(tool);
}

std::optional<ApprovalPolicy::Decision> ApprovalPolicy::toolDecision(const QString &tool) const
{
    const auto it = m_overrides.constFind(tool);
    if (it == m_overrides.cend())
        return std::nullopt;
    return *it;
}

ApprovalPolicy::Decision ApprovalPolicy::decide(const QString &tool,
                                                const QSet<QString> &alwaysAllowedInThread) const
{
    return decide(tool, CallFacts{}, alwaysAllowedInThread);
}

ApprovalPolicy::Decision ApprovalPolicy::decide(const QString &tool, const CallFacts &facts,
                                                const QSet<QString> &alwaysAllowedInThread) const
{
    const ToolDefinition *definition = m_catalog.find(tool);
    if (!definition)
        return Decision::Deny;

    Decision decision = Decision::Ask;
    if (const auto chosen = toolDecision(tool)) {
        decision = *chosen;
    } else {
        switch (m_preset) {
        case Preset::AskEverything:
            decision = Decision::Ask;
            break;
        case Preset::NeverAsk:
            decision = Decision::Auto;
            break;
        case Preset::Default:
            switch (definition->kind) {
            case ToolDefinition::Kind::Read:
                decision = Decision::Auto;
                break;
            case ToolDefinition::Kind::Write:
                // Replacing a file's content destroys the old one, as deleteFile does.
                decision = facts.overwritesFile ? Decision::Ask : Decision::Auto;
                break;
            case ToolDefinition::Kind::CreateSandbox:
                decision = facts.setsEnvironment ? Decision::Ask : Decision::Auto;
                break;
            case ToolDefinition::Kind::Execute:
            case ToolDefinition::Kind::Destroy:
            case ToolDefinition::Kind::Expose:
                decision = Decision::Ask;
                break;
            }
            break;
        }
    }
    // "Always allow this tool in this thread" lifts Ask, never Deny.
    if (decision == Decision::Ask && alwaysAllowedInThread.contains(tool))
        decision = Decision::Auto;
    return decision;
}

QString ApprovalPolicy::toString(Decision decision)
{
    switch (decision) {
    case Decision::Auto:
        return QStringLiteral("auto");
    case Decision::Ask:
        return QStringLiteral("ask");
    case Decision::Deny:
        return QStringLiteral("deny");
    }
    return {};
}

std::optional<ApprovalPolicy::Decision> ApprovalPolicy::decisionFromString(QStringView text)
{
    for (Decision d : {Decision::Auto, Decision::Ask, Decision::Deny}) {
        if (text.compare(toString(d), Qt::CaseInsensitive) == 0)
            return d;
    }
    return std::nullopt;
}

QString ApprovalPolicy::toString(Preset preset)
{
    switch (preset) {
    case Preset::Default:
        return QStringLiteral("default");
    case Preset::AskEverything:
        return QStringLiteral("ask-everything");
    case Preset::NeverAsk:
        return QStringLiteral("never-ask");
    }
    return {};
}

std::optional<ApprovalPolicy::Preset> ApprovalPolicy::presetFromString(QStringView text)
{
    for (Preset p : {Preset::Default, Preset::AskEverything, Preset::NeverAsk}) {
        if (text.compare(toString(p), Qt::CaseInsensitive) == 0)
            return p;
    }
    return std::nullopt;
}
