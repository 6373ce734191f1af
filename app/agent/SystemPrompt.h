// The system prompt of a run: the default instructions (resources/prompts/system-prompt.md),
// then what the model must know about this thread, so that it reuses the thread's sandboxes
// instead of creating new ones.
#pragma once

#include <QList>
#include <QString>

struct SandboxSummary
{
    QString id;
    QString name;
    QString language;
    QString state;
};

namespace SystemPrompt {

QString defaultInstructions();
QString build(const QString &instructions, const QList<SandboxSummary> &threadSandboxes);

} // namespace SystemPrompt
