// Paths the model gives to file tools, resolved the way the Mastra template's
// normalizeSandboxPath does: everything lands under the sandbox's working directory.
//   "/home/daytona/a" -> itself, "./a" -> "/home/daytona/a", "/a" -> "/home/daytona/a",
//   "a" -> "/home/daytona/a", "" or "/" or "." -> "/home/daytona".
// Unlike the template, ".." is resolved first and a path that would climb out of the working
// directory is refused with a clear reason (the sandbox server refuses it too).
#pragma once

#include <QString>

namespace SandboxPath {

inline QString workingDirectory()
{
    return QStringLiteral("/home/daytona");
}

struct Resolved
{
    QString path; // absolute, under workingDirectory(); empty on error
    QString error; // set when the path was refused
    bool ok() const { return error.isEmpty(); }
};

Resolved resolve(const QString &path);

} // namespace SandboxPath
