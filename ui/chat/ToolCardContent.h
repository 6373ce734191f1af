// What a tool card shows when it is open, read from the call's arguments and result: the
// command (runCommand, runCode's code, startProcess, readProcessOutput's process), its exit
// code and output (stdout and stderr apart when the result keeps them apart), the files a
// writeFile(s) call wrote with their sizes, and the error of a failed call. Plain values, no
// widgets; the card's layout and its accessible text are made from it.
#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

struct ToolCardContent
{
    Q_DECLARE_TR_FUNCTIONS(ToolCardContent)

public:
    struct File
    {
        QString path; // as the result names it (absolute in the sandbox)
        qint64 size = -1; // bytes written; -1 unknown
    };

    QString command; // "$ command" line; for runCode the code
    bool isCode = false; // command holds source code, not a shell line
    QString processId; // readProcessOutput: the background process read
    std::optional<int> exitCode;
    QString output; // raw, may hold ANSI escapes; stdout and stderr merged unless stderr is set
    QString stderrText; // only where the provider kept stderr apart
    bool hasOutput = false; // the call reports output (even when empty)
    bool running = false; // a background process that was still running when read
    QList<File> files;
    QString error; // a failed call's reason

    // Nothing to show beyond the card's one line.
    bool isEmpty() const;

    // failed: the call failed (its result may hold {"error": ...}; denied calls may have none).
    static ToolCardContent from(const QString &toolName, const QJsonObject &arguments,
                                const QJsonValue &result, bool failed);

    // One paragraph for screen readers: "exit code 3. Output: red err. Wrote a.py (12 bytes)."
    // Output is stripped of escapes and cut to its last lines.
    QString accessibleDescription() const;
};
