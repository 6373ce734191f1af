// "Lifecycle…" of one sandbox in the list: its auto-stop (idle minutes, or never) and
// auto-delete (days after it stops, when it stops, or never). Opened with open(); OK sends the
// intent to the sandbox service, which changes the timers on the sandbox's server.
#pragma once

#include "sandbox/SandboxTypes.h"

#include <QDialog>

class QSpinBox;
class SandboxService;

class SandboxLifecycleDialog final : public QDialog
{
    Q_OBJECT
public:
    SandboxLifecycleDialog(SandboxService &sandboxes, const Sandbox &sandbox,
                           QWidget *parent = nullptr);

    QSpinBox *autoStopSpin() const { return m_autoStop; }
    QSpinBox *autoDeleteSpin() const { return m_autoDelete; }
    // What OK sends, in minutes (autoDelete -1 = never, 0 = when stopped).
    int autoStopMinutes() const;
    int autoDeleteMinutes() const;

private:
    void apply();

    SandboxService &m_sandboxes;
    Sandbox m_sandbox;
    QSpinBox *m_autoStop = nullptr;
    QSpinBox *m_autoDelete = nullptr;
    int m_initialDays = -1;
};
