// The agent's tools as one table: each row has a tool's name, its description for the model,
// the JSON Schema of its arguments (exactly as specs/agent-tools.md fixes them: the Mastra
// coding-agent template's thirteen, plus deleteSandbox, listSandboxes, searchFiles,
// findInFiles, getPreviewLink), its approval class and the ToolExecution member that runs it,
// so a tool cannot be offered to the model without a handler, nor handled without a row.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

class ToolExecution;

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

    // Runs the call; ToolExecutor calls it once the arguments passed the schema (and, when
    // needsRunningSandbox, once the call's sandbox was looked up and started).
    using Handler = void (ToolExecution::*)();

    QString name;
    QString description;
    QJsonObject inputSchema;
    Kind kind = Kind::Read;
    Handler handler = nullptr;
    bool needsRunningSandbox = false; // the call names an existing sandbox that must be running
    // The call can change files in its sandbox (a command can change anything): checkpoints
    // are taken around it (issue 15). Set by ToolCatalog from one list, not per row.
    bool changesFiles = false;
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
