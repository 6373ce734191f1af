#include "SystemPrompt.h"

#include <QFile>

namespace SystemPrompt {

QString defaultInstructions()
{
    QFile file(QStringLiteral(":/prompts/system-prompt.md"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("You are a coding agent. Write, run and test code in sandboxes.");
    return QString::fromUtf8(file.readAll()).trimmed();
}

QString build(const QString &instructions, const QList<SandboxSummary> &threadSandboxes)
{
    QString prompt = instructions.trimmed();
    prompt += QStringLiteral("\n\n");
    if (threadSandboxes.isEmpty()) {
        prompt += QStringLiteral("This thread has no sandbox yet.");
        return prompt;
    }
    prompt += QStringLiteral("This thread already has these sandboxes (reuse them):");
    for (const SandboxSummary &sandbox : threadSandboxes) {
        prompt += QStringLiteral("\n- sandboxId %1").arg(sandbox.id);
        if (!sandbox.name.isEmpty())
            prompt += QStringLiteral(", name \"%1\"").arg(sandbox.name);
        if (!sandbox.language.isEmpty())
            prompt += QStringLiteral(", language %1").arg(sandbox.language);
        if (!sandbox.state.isEmpty())
            prompt += QStringLiteral(", state %1").arg(sandbox.state);
    }
    return prompt;
}

} // namespace SystemPrompt
