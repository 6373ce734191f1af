#include "ToolCatalog.h"

// Each row names its handler. The schema fuzz target (tests/fuzz) compiles the table without
// the executor and the network, and defines STUDIO_TOOL_SCHEMAS_ONLY.
#ifdef STUDIO_TOOL_SCHEMAS_ONLY
#define TOOL_HANDLER(member) ToolDefinition::Handler(nullptr)
#else
#include "agent/ToolExecutor.h"
#define TOOL_HANDLER(member) &ToolExecution::member
#endif

namespace {

QJsonObject str(const QString &description, int maxLength = 0)
{
    QJsonObject s{{QStringLiteral("type"), QStringLiteral("string")},
                  {QStringLiteral("description"), description}};
    if (maxLength > 0)
        s.insert(QStringLiteral("maxLength"), maxLength);
    return s;
}

QJsonObject boolean(const QString &description)
{
    return {{QStringLiteral("type"), QStringLiteral("boolean")},
            {QStringLiteral("description"), description}};
}

QJsonObject number(const QString &description, double minimum = -1)
{
    QJsonObject n{{QStringLiteral("type"), QStringLiteral("number")},
                  {QStringLiteral("description"), description}};
    if (minimum >= 0)
        n.insert(QStringLiteral("minimum"), minimum);
    return n;
}

QJsonObject stringMap(const QString &description)
{
    return {{QStringLiteral("type"), QStringLiteral("object")},
            {QStringLiteral("description"), description},
            {QStringLiteral("additionalProperties"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}};
}

QJsonObject object(const QJsonObject &properties, const QStringList &required)
{
    return {{QStringLiteral("type"), QStringLiteral("object")},
            {QStringLiteral("properties"), properties},
            {QStringLiteral("required"), QJsonArray::fromStringList(required)},
            {QStringLiteral("additionalProperties"), false}};
}

// Paths longer than this are refused before anything runs (security.md §6 row 5).
constexpr int kMaxPath = 4096;

QJsonObject sandboxId()
{
    return str(
        QStringLiteral("The id of the sandbox, as returned by createSandbox or listSandboxes"),
        128);
}

QJsonObject path(const QString &what)
{
    return str(what
                   + QStringLiteral(". Relative paths, ./x and /x all resolve under the "
                                    "sandbox's working directory /home/daytona"),
               kMaxPath);
}

} // namespace

ToolCatalog::ToolCatalog()
{
    using K = ToolDefinition::Kind;
    const QString id = QStringLiteral("sandboxId");
    const QString p = QStringLiteral("path");

    m_tools = {
        {QStringLiteral("createSandbox"),
         QStringLiteral(
             "Create a new sandbox to write and run code in. Reuse a sandbox this thread "
             "already has instead of creating another. Returns {sandboxId}."),
         object({{QStringLiteral("name"), str(QStringLiteral("A short name for the sandbox"), 128)},
                 {QStringLiteral("language"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                              {QStringLiteral("enum"),
                               QJsonArray{QStringLiteral("python"), QStringLiteral("typescript"),
                                          QStringLiteral("javascript")}},
                              {QStringLiteral("description"),
                               QStringLiteral("The language for runCode (default python)")}}},
                 {QStringLiteral("labels"), stringMap(QStringLiteral("Labels to attach"))},
                 {QStringLiteral("envVars"),
                  stringMap(QStringLiteral(
                      "Environment variables for every command. The user is asked to approve "
                      "them; names that change how programs start (PATH, LD_PRELOAD, BASH_ENV, "
                      "PYTHONPATH, NODE_OPTIONS, ...) are refused"))},
                 {QStringLiteral("cpu"),
                  number(QStringLiteral("CPU cores (default: the server's)"), 0)},
                 {QStringLiteral("memory"),
                  number(QStringLiteral("Memory limit in GiB (default 4 on the local server)"), 0)},
                 {QStringLiteral("disk"),
                  number(QStringLiteral("Disk limit in GiB (default 10 on the local server)"), 0)}},
                {}),
         K::CreateSandbox, TOOL_HANDLER(createSandbox), false},
        {QStringLiteral("runCode"),
         QStringLiteral(
             "Run a snippet of code in the sandbox's language. Returns {exitCode, stdout}."),
         object({{id, sandboxId()},
                 {QStringLiteral("code"), str(QStringLiteral("The code to run"))},
                 {QStringLiteral("argv"),
                  QJsonObject{
                      {QStringLiteral("type"), QStringLiteral("array")},
                      {QStringLiteral("items"),
                       QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
                      {QStringLiteral("description"), QStringLiteral("Command-line arguments")}}},
                 {QStringLiteral("envs"), stringMap(QStringLiteral("Environment variables"))},
                 {QStringLiteral("timeoutSeconds"),
                  number(QStringLiteral("Stop the code after this many seconds (default: the "
                                        "user's command timeout, 30 minutes unless changed; "
                                        "at most 86400)"),
                         0)}},
                {id, QStringLiteral("code")}),
         K::Execute, TOOL_HANDLER(runCode), true},
        {QStringLiteral("readFile"),
         QStringLiteral("Read a text file from the sandbox. Returns {content, path}."),
         object({{id, sandboxId()}, {p, path(QStringLiteral("The file to read"))}}, {id, p}),
         K::Read, TOOL_HANDLER(readFile), true},
        {QStringLiteral("writeFile"),
         QStringLiteral("Write a text file in the sandbox, creating folders as needed. Returns "
                        "{success, path}."),
         object({{id, sandboxId()},
                 {p, path(QStringLiteral("The file to write"))},
                 {QStringLiteral("content"), str(QStringLiteral("The whole content of the file"))}},
                {id, p, QStringLiteral("content")}),
         K::Write, TOOL_HANDLER(writeFile), true},
        {QStringLiteral("writeFiles"),
         QStringLiteral("Write several text files at once. Returns {success, filesWritten}."),
         object({{id, sandboxId()},
                 {QStringLiteral("files"),
                  QJsonObject{
                      {QStringLiteral("type"), QStringLiteral("array")},
                      {QStringLiteral("minItems"), 1},
                      {QStringLiteral("items"),
                       object({{p, path(QStringLiteral("The file to write"))},
                               {QStringLiteral("data"), str(QStringLiteral("The whole content"))}},
                              {p, QStringLiteral("data")})}}}},
                {id, QStringLiteral("files")}),
         K::Write, TOOL_HANDLER(writeFiles), true},
        {QStringLiteral("listFiles"),
         QStringLiteral(
             "List a folder of the sandbox. Returns {files: [{name, path, isDirectory}], path}."),
         object({{id, sandboxId()}, {p, path(QStringLiteral("The folder (default /)"))}}, {id}),
         K::Read, TOOL_HANDLER(listFiles), true},
        {QStringLiteral("deleteFile"),
         QStringLiteral("Delete a file or a folder (with its contents) in the sandbox. Returns "
                        "{success, path}."),
         object({{id, sandboxId()}, {p, path(QStringLiteral("The file or folder to delete"))}},
                {id, p}),
         K::Destroy, TOOL_HANDLER(deleteFile), true},
        {QStringLiteral("createDirectory"),
         QStringLiteral(
             "Create a folder (and its parents) in the sandbox. Returns {success, path}."),
         object({{id, sandboxId()}, {p, path(QStringLiteral("The folder to create"))}}, {id, p}),
         K::Write, TOOL_HANDLER(createDirectory), true},
        {QStringLiteral("getFileInfo"),
         QStringLiteral(
             "Details of a file: {name, isDir, size, mode, permissions, owner, group, modTime}."),
         object({{id, sandboxId()}, {p, path(QStringLiteral("The file"))}}, {id, p}), K::Read,
         TOOL_HANDLER(getFileInfo), true},
        {QStringLiteral("checkFileExists"),
         QStringLiteral("Whether a path exists: {exists, path, isDirectory?}. A missing path is "
                        "exists:false, not an error."),
         object({{id, sandboxId()}, {p, path(QStringLiteral("The path to check"))}}, {id, p}),
         K::Read, TOOL_HANDLER(checkFileExists), true},
        {QStringLiteral("getFileSize"),
         QStringLiteral(
             "The size of a file or folder: {size, humanReadableSize?, path, isDirectory}."),
         object({{id, sandboxId()},
                 {p, path(QStringLiteral("The file or folder"))},
                 {QStringLiteral("humanReadable"),
                  boolean(QStringLiteral("Also give a size like 1.5 KB"))}},
                {id, p}),
         K::Read, TOOL_HANDLER(getFileSize), true},
        {QStringLiteral("watchDirectory"),
         QStringLiteral("Watch a folder for changes for watchDuration milliseconds and return the "
                        "changes seen: {watchStarted, path, events: [{type, name, timestamp}]}."),
         object({{id, sandboxId()},
                 {p, path(QStringLiteral("The folder to watch"))},
                 {QStringLiteral("recursive"), boolean(QStringLiteral("Watch subfolders too"))},
                 {QStringLiteral("watchDuration"),
                  QJsonObject{
                      {QStringLiteral("type"), QStringLiteral("number")},
                      {QStringLiteral("minimum"), 0},
                      {QStringLiteral("maximum"), 300000},
                      {QStringLiteral("description"),
                       QStringLiteral("How long to watch, in milliseconds (at most 300000)")}}}},
                {id, p, QStringLiteral("watchDuration")}),
         K::Read, TOOL_HANDLER(watchDirectory), true},
        {QStringLiteral("runCommand"),
         QStringLiteral("Run a shell command in the sandbox. Returns {success, exitCode, stdout, "
                        "command, executionTime}."),
         object({{id, sandboxId()},
                 {QStringLiteral("command"), str(QStringLiteral("The shell command"))},
                 {QStringLiteral("envs"), stringMap(QStringLiteral("Environment variables"))},
                 {QStringLiteral("workingDirectory"),
                  path(QStringLiteral("Where to run it (default /home/daytona)"))},
                 {QStringLiteral("timeoutSeconds"),
                  number(QStringLiteral("Stop the command after this many seconds (default: the "
                                        "user's command timeout, 30 minutes unless changed; "
                                        "at most 86400); set it for long builds"),
                         0)},
                 {QStringLiteral("captureOutput"),
                  boolean(QStringLiteral("Return the output (default true)"))}},
                {id, QStringLiteral("command")}),
         K::Execute, TOOL_HANDLER(runCommand), true},
        {QStringLiteral("deleteSandbox"),
         QStringLiteral("Delete a sandbox and everything in it. Returns {success, sandboxId}."),
         object({{id, sandboxId()}}, {id}), K::Destroy, TOOL_HANDLER(deleteSandbox), false},
        {QStringLiteral("listSandboxes"),
         QStringLiteral(
             "List this thread's sandboxes: {sandboxes: [{sandboxId, name, state, language}]}."),
         object({}, {}), K::Read, TOOL_HANDLER(listSandboxes), false},
        {QStringLiteral("searchFiles"),
         QStringLiteral(
             "Find files whose names match a glob pattern under a folder: {files: [paths]}."),
         object({{id, sandboxId()},
                 {p, path(QStringLiteral("The folder to search"))},
                 {QStringLiteral("pattern"), str(QStringLiteral("A glob such as *.py"), 1024)}},
                {id, p, QStringLiteral("pattern")}),
         K::Read, TOOL_HANDLER(searchFiles), true},
        {QStringLiteral("findInFiles"),
         QStringLiteral(
             "Find lines containing a text under a folder: {matches: [{file, line, content}]}."),
         object({{id, sandboxId()},
                 {p, path(QStringLiteral("The folder to search"))},
                 {QStringLiteral("pattern"), str(QStringLiteral("The text to find"), 1024)}},
                {id, p, QStringLiteral("pattern")}),
         K::Read, TOOL_HANDLER(findInFiles), true},
        {QStringLiteral("getPreviewLink"),
         QStringLiteral("A URL at which a server listening on a port inside the sandbox can be "
                        "opened in the user's browser: {url, port, signed, expiresInSeconds}. "
                        "Start the server first (it may bind 127.0.0.1 or 0.0.0.0); give the "
                        "user the url exactly as returned."),
         object({{id, sandboxId()},
                 {QStringLiteral("port"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")},
                              {QStringLiteral("minimum"), 1},
                              {QStringLiteral("maximum"), 65535},
                              {QStringLiteral("description"), QStringLiteral("The port")}}}},
                {id, QStringLiteral("port")}),
         K::Expose, TOOL_HANDLER(getPreviewLink), true},
        {QStringLiteral("startProcess"),
         QStringLiteral(
             "Start a long-running command in the background (a dev server, a watcher, a long "
             "build) and return at once with {processId, sandboxId, command, state}. It keeps "
             "running after this call; read what it prints with readProcessOutput and end it "
             "with stopProcess. Use runCommand instead for commands that finish on their own."),
         object({{id, sandboxId()},
                 {QStringLiteral("command"), str(QStringLiteral("The shell command"))},
                 {QStringLiteral("cwd"),
                  path(QStringLiteral("Where to run it (default /home/daytona)"))}},
                {id, QStringLiteral("command")}),
         K::Execute, TOOL_HANDLER(startProcess), true},
        {QStringLiteral("readProcessOutput"),
         QStringLiteral(
             "Read what a background process printed (stdout and stderr, in order) since an "
             "offset: {output, since, nextOffset, running, exitCode?}. Pass the nextOffset of "
             "the previous read as since to get only new output; waits up to 2 seconds when "
             "there is nothing new yet."),
         object({{QStringLiteral("processId"),
                  str(QStringLiteral("The id startProcess returned"), 128)},
                 {QStringLiteral("since"),
                  number(QStringLiteral("Offset to read from (default 0: from the start)"), 0)}},
                {QStringLiteral("processId")}),
         K::Read, TOOL_HANDLER(readProcessOutput), false},
        {QStringLiteral("stopProcess"),
         QStringLiteral("Stop a background process and everything it started: {processId, "
                        "state, exitCode?}."),
         object({{QStringLiteral("processId"),
                  str(QStringLiteral("The id startProcess returned"), 128)}},
                {QStringLiteral("processId")}),
         K::Write, TOOL_HANDLER(stopProcess), false},
    };
    // Tools that can change files in their sandbox get checkpoints around them (issue 15).
    // deleteSandbox ends the sandbox instead; the read tools change nothing.
    static const QStringList changesFiles
        = {QStringLiteral("writeFile"),   QStringLiteral("writeFiles"),
           QStringLiteral("deleteFile"),  QStringLiteral("createDirectory"),
           QStringLiteral("runCommand"),  QStringLiteral("runCode"),
           QStringLiteral("startProcess")};
    for (ToolDefinition &tool : m_tools)
        tool.changesFiles = changesFiles.contains(tool.name);
}

const ToolDefinition *ToolCatalog::find(const QString &name) const
{
    for (const ToolDefinition &tool : m_tools) {
        if (tool.name == name)
            return &tool;
    }
    return nullptr;
}

QStringList ToolCatalog::names() const
{
    QStringList names;
    for (const ToolDefinition &tool : m_tools)
        names << tool.name;
    return names;
}

QJsonArray ToolCatalog::toJson() const
{
    QJsonArray array;
    for (const ToolDefinition &tool : m_tools)
        array.append(QJsonObject{{QStringLiteral("name"), tool.name},
                                 {QStringLiteral("description"), tool.description},
                                 {QStringLiteral("parameters"), tool.inputSchema}});
    return array;
}
