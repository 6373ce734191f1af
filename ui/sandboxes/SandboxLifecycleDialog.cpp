// SandboxLifecycleDialog: two spin boxes; an unchanged auto-delete keeps its exact minutes.
#include "sandboxes/SandboxLifecycleDialog.h"

#include "core/Settings.h"
#include "services/SandboxService.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {
constexpr int kDayMinutes = 24 * 60;
}

SandboxLifecycleDialog::SandboxLifecycleDialog(SandboxService &sandboxes, const Sandbox &sandbox,
                                               QWidget *parent)
    : QDialog(parent)
    , m_sandboxes(sandboxes)
    , m_sandbox(sandbox)
{
    setObjectName(QStringLiteral("sandboxLifecycleDialog"));
    setWindowTitle(tr("Lifecycle of %1").arg(sandbox.name.isEmpty() ? sandbox.id : sandbox.name));

    m_autoStop = new QSpinBox(this);
    m_autoStop->setObjectName(QStringLiteral("sandboxAutoStopSpin"));
    m_autoStop->setRange(0, 7 * kDayMinutes);
    m_autoStop->setSuffix(tr(" min"));
    m_autoStop->setSpecialValueText(tr("Never"));
    m_autoStop->setValue(qMax(0, sandbox.autoStopInterval));
    m_autoStop->setAccessibleName(tr("Stop after idle minutes"));

    m_autoDelete = new QSpinBox(this);
    m_autoDelete->setObjectName(QStringLiteral("sandboxAutoDeleteSpin"));
    m_autoDelete->setRange(-1, Settings::kMaxAutoDeleteDays);
    m_autoDelete->setSuffix(tr(" days"));
    m_autoDelete->setSpecialValueText(tr("Never"));
    m_initialDays = sandbox.autoDeleteInterval < 0
        ? -1
        : (sandbox.autoDeleteInterval + kDayMinutes / 2) / kDayMinutes;
    m_autoDelete->setValue(m_initialDays);
    m_autoDelete->setAccessibleName(tr("Delete days after it stops"));

    auto *form = new QFormLayout;
    auto *stopLabel = new QLabel(tr("&Stop when idle for:"), this);
    stopLabel->setBuddy(m_autoStop);
    form->addRow(stopLabel, m_autoStop);
    auto *deleteLabel = new QLabel(tr("&Delete when stopped for:"), this);
    deleteLabel->setBuddy(m_autoDelete);
    form->addRow(deleteLabel, m_autoDelete);
    auto *note = new QLabel(tr("Idle: no command, file access or agent run; a live background "
                               "process keeps it awake. 0 days deletes it as soon as it stops."),
                            this);
    note->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SandboxLifecycleDialog::apply);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
}

int SandboxLifecycleDialog::autoStopMinutes() const
{
    return m_autoStop->value();
}

int SandboxLifecycleDialog::autoDeleteMinutes() const
{
    const int days = m_autoDelete->value();
    if (days == m_initialDays)
        return m_sandbox.autoDeleteInterval < 0 ? -1 : m_sandbox.autoDeleteInterval;
    return days < 0 ? -1 : days * kDayMinutes;
}

void SandboxLifecycleDialog::apply()
{
    m_sandboxes.setLifecycle(m_sandbox.id, autoStopMinutes(), autoDeleteMinutes());
    accept();
}
