// The agent's tools as data: names, descriptions for the model and JSON Schemas of their
// arguments, exactly as specs/agent-tools.md fixes them (the Mastra coding-agent template's
// thirteen, plus deleteSandbox, listSandboxes, searchFiles, findInFiles, getPreviewLink).
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

struct ToolDefinition
{
    // What a tool does to the world; the approval policy's defaults follow from it.
    enum class Kind {
        Read, // reads a sandbox: files, listings, sandboxes
        Write, // changes files inside a disposable sandbox
        CreateSandbox, // creates a disposable sandbox
        Execute, // runs code or commands
        Destroy, // deletes files or sandboxes
        Expose, // opens a sandbox port to the outside (preview link)
    };

    QString name;
    QString description;
    QJsonObject inputSchema;
    Kind kind = Kind::Read;
};

class ToolCatalog final
{
public:
    ToolCatalog();

    const QList<ToolDefinition> &tools() const { return m_tools; }
    const ToolDefinition *find(const QString &name) const;
    QStringList names() const;

    // The same tools in the two wire formats' shapes (name, description, schema), for
    // request builders: [{"name","description","parameters"}].
    QJsonArray toJson() const;

private:
    QList<ToolDefinition> m_tools;
};
