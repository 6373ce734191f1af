// Reads a tool call's arguments and result into what its card shows (see ToolCardContent.h).
#include "ToolCardContent.h"

#include "agent/ToolResults.h"
#include "chat/AnsiText.h"

#include <QJsonArray>

namespace {

QString str(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

} // namespace

bool ToolCardContent::isEmpty() const
{
    return command.isEmpty() && processId.isEmpty() && !exitCode && !hasOutput && files.isEmpty()
        && error.isEmpty();
}

ToolCardContent ToolCardContent::from(const QString &toolName, const QJsonObject &arguments,
                                      const QJsonValue &result, bool failed)
{
    ToolCardContent content;
    const QJsonObject out = result.toObject();
    if (toolName == QLatin1String("runCommand") || toolName == QLatin1String("startProcess")) {
        content.command = str(arguments, "command");
        if (content.command.isEmpty())
            content.command = str(out, "command");
    } else if (toolName == QLatin1String("runCode")) {
        content.command = str(arguments, "code");
        content.isCode = true;
    } else if (toolName == QLatin1String("readProcessOutput")) {
        content.processId = str(arguments, "processId");
    }
    if (out.value(QLatin1String("exitCode")).isDouble())
        content.exitCode = out.value(QLatin1String("exitCode")).toInt();
    for (const char *key : {"stdout", "output"}) {
        if (out.value(QLatin1String(key)).isString()) {
            content.output = str(out, key);
            content.hasOutput = true;
            break;
        }
    }
    if (out.value(QLatin1String("stderr")).isString()) {
        content.stderrText = str(out, "stderr");
        content.hasOutput = true;
    }
    content.running = out.value(QLatin1String("running")).toBool()
        || str(out, "state") == QLatin1String("running");

    // writeFile(s): the paths the result names, sizes from what the arguments carried.
    if (toolName == QLatin1String("writeFile")) {
        const QString path = str(out, "path").isEmpty() ? str(arguments, "path") : str(out, "path");
        if (!path.isEmpty() && !failed)
            content.files.append({path, qint64(str(arguments, "content").toUtf8().size())});
    } else if (toolName == QLatin1String("writeFiles") && !failed) {
        const QJsonArray given = arguments.value(QLatin1String("files")).toArray();
        const QJsonArray written = out.value(QLatin1String("filesWritten")).toArray();
        for (qsizetype i = 0; i < given.size(); ++i) {
            const QJsonObject file = given.at(i).toObject();
            QString path = i < written.size() ? written.at(i).toString() : QString();
            if (path.isEmpty())
                path = str(file, "path");
            content.files.append({path, qint64(str(file, "data").toUtf8().size())});
        }
    }

    if (failed) {
        content.error = str(out, "error");
        if (content.error.isEmpty() && result.isString())
            content.error = result.toString();
        if (content.error.isEmpty())
            content.error = tr("The call did not run: it was denied, or the run ended first.");
    }
    return content;
}

QString ToolCardContent::accessibleDescription() const
{
    QStringList parts;
    if (!error.isEmpty())
        parts << tr("Error: %1").arg(error);
    if (exitCode)
        parts << tr("Exit code %1.").arg(*exitCode);
    if (running)
        parts << tr("Still running.");
    const auto lastLines = [](const QString &text) {
        QStringList lines = AnsiText::strip(text).split(QLatin1Char('\n'));
        while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
            lines.removeLast();
        constexpr int kSpoken = 10; // a screen reader reads the end; the card shows the rest
        if (lines.size() > kSpoken)
            lines = lines.mid(lines.size() - kSpoken);
        return lines.join(QLatin1Char('\n'));
    };
    if (hasOutput) {
        const QString text = lastLines(output);
        parts << (text.isEmpty() ? tr("No output.") : tr("Output: %1").arg(text));
        if (!stderrText.isEmpty())
            parts << tr("Errors: %1").arg(lastLines(stderrText));
    }
    for (const File &file : files) {
        parts
            << (file.size >= 0
                    ? tr("Wrote %1 (%2).").arg(file.path, ToolResults::humanReadableSize(file.size))
                    : tr("Wrote %1.").arg(file.path));
    }
    return parts.join(QLatin1Char(' '));
}
