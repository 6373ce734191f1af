// Which tool calls run at once, which wait for a person, and which never run. The engine asks
// this policy at the execution boundary; the model has no say in it. Fails closed: a tool the
// catalog does not know is denied.
#pragma once

#include <QHash>
#include <QSet>
#include <QString>

#include <optional>

class ToolCatalog;

class ApprovalPolicy final
{
public:
    enum class Decision { Auto, Ask, Deny };
    enum class Preset {
        // reads, new files and createSandbox run; commands, code, deletes, links, overwrites
        // of existing files and sandboxes created with environment variables ask
        Default,
        AskEverything, // every call waits for a person
        NeverAsk, // every known tool runs at once (the sandbox is still the boundary)
    };

    explicit ApprovalPolicy(const ToolCatalog &catalog, Preset preset = Preset::Default);

    Preset preset() const { return m_preset; }
    const ToolCatalog &catalog() const { return m_catalog; }
    void setPreset(Preset preset) { m_preset = preset; }

    // A person's choice for one tool, above the preset; std::nullopt clears it.
    void setToolDecision(const QString &tool, std::optional<Decision> decision);
    std::optional<Decision> toolDecision(const QString &tool) const;

    // What the gate learned about one call beyond its tool's kind: a write that replaces an
    // existing file (or empties it) is destructive; a sandbox created with environment
    // variables decides what every later command runs with.
    struct CallFacts
    {
        bool overwritesFile = false;
        bool setsEnvironment = false;
    };

    // The decision for a call in a thread whose "always allow" set is given.
    Decision decide(const QString &tool, const QSet<QString> &alwaysAllowedInThread = {}) const;
    Decision decide(const QString &tool, const CallFacts &facts,
                    const QSet<QString> &alwaysAllowedInThread = {}) const;

    static QString toString(Decision decision);
    static std::optional<Decision> decisionFromString(QStringView text);
    static QString toString(Preset preset);
    static std::optional<Preset> presetFromString(QStringView text);

private:
    const ToolCatalog &m_catalog;
    Preset m_preset;
    QHash<QString, Decision> m_overrides;
};
