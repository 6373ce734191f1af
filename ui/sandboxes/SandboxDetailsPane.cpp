// SandboxDetailsPane: a form of selectable labels, refilled when the model changes the row.
#include "sandboxes/SandboxDetailsPane.h"

#include "sandboxes/SandboxListModel.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace {

QString when(const QString &iso)
{
    const QDateTime t = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : iso;
}

} // namespace

SandboxDetailsPane::SandboxDetailsPane(SandboxListModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("sandboxDetails"));
    setAccessibleName(tr("Sandbox details"));
    m_hint = new QLabel(tr("Select a sandbox to see its details."), this);
    m_hint->setObjectName(QStringLiteral("sandboxDetailsHint"));
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_fields = new QWidget(this);
    m_form = new QFormLayout(m_fields);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_name = addRow(tr("Sandbox:"), QStringLiteral("sandboxDetailsName"));
    m_state = addRow(tr("State:"), QStringLiteral("sandboxDetailsState"));
    m_owner = addRow(tr("Thread:"), QStringLiteral("sandboxDetailsThread"));
    m_created = addRow(tr("Created:"), QStringLiteral("sandboxDetailsCreated"));
    m_lastActive = addRow(tr("Last active:"), QStringLiteral("sandboxDetailsLastActive"));
    m_network = addRow(tr("Network:"), QStringLiteral("sandboxDetailsNetwork"));
    m_resources = addRow(tr("Resources:"), QStringLiteral("sandboxDetailsResources"));
    m_timers = addRow(tr("Lifecycle:"), QStringLiteral("sandboxDetailsLifecycle"));
    m_labels = addRow(tr("Labels:"), QStringLiteral("sandboxDetailsLabels"));
    m_env = addRow(tr("Environment:"), QStringLiteral("sandboxDetailsEnvironment"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_hint);
    layout->addWidget(m_fields);
    layout->addStretch(1);

    auto follow = [this] { refill(); };
    connect(m_model, &QAbstractItemModel::dataChanged, this, follow);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, follow);
    connect(m_model, &QAbstractItemModel::modelReset, this, follow);
    refill();
}

QLabel *SandboxDetailsPane::addRow(const QString &label, const QString &objectName)
{
    auto *value = new QLabel(m_fields);
    value->setObjectName(objectName);
    value->setWordWrap(true);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    auto *name = new QLabel(label, m_fields);
    name->setBuddy(value);
    value->setAccessibleName(label);
    m_form->addRow(name, value);
    m_values.append(value);
    return value;
}

void SandboxDetailsPane::showSandbox(const QString &id)
{
    m_id = id;
    refill();
}

QString SandboxDetailsPane::text() const
{
    if (m_fields->isHidden())
        return m_hint->text();
    QStringList lines;
    for (const QLabel *value : m_values)
        lines.append(value->accessibleName() + QLatin1Char(' ') + value->text());
    return lines.join(QLatin1Char('\n'));
}

void SandboxDetailsPane::refill()
{
    const int row = m_id.isEmpty() ? -1 : m_model->rowOf(m_id);
    m_hint->setVisible(row < 0);
    m_fields->setVisible(row >= 0);
    if (row < 0)
        return;
    const Sandbox s = m_model->sandbox(m_id);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto cell = [this, row](int column) { return m_model->index(row, column).data().toString(); };
    m_name->setText(
        tr("%1 (%2, %3)").arg(s.name, s.id, cell(SandboxListModel::Provider)).trimmed());
    m_state->setText(cell(SandboxListModel::State));
    const QString thread = cell(SandboxListModel::Thread);
    m_owner->setText(thread.isEmpty() ? tr("none of this app's threads") : thread);
    m_created->setText(when(s.createdAt));
    m_lastActive->setText(s.lastActivityAt.isEmpty() ? tr("%1 (last change)").arg(when(s.updatedAt))
                                                     : when(s.lastActivityAt));
    m_network->setText(SandboxListModel::networkText(s));
    QStringList resources;
    if (const QString cpu = SandboxListModel::cpuText(s); !cpu.isEmpty())
        resources.append(cpu);
    if (const QString memory = SandboxListModel::memoryText(s); !memory.isEmpty())
        resources.append(tr("%1 memory").arg(memory));
    if (const QString disk = SandboxListModel::diskText(s); !disk.isEmpty())
        resources.append(tr("%1 disk").arg(disk));
    m_resources->setText(resources.isEmpty() ? tr("not reported")
                                             : resources.join(QStringLiteral(", ")));
    m_timers->setText(
        tr("auto-stop: %1; auto-delete: %2")
            .arg(SandboxListModel::autoStopText(s, now), SandboxListModel::autoDeleteText(s, now)));
    QStringList labels;
    for (auto it = s.labels.cbegin(); it != s.labels.cend(); ++it)
        labels.append(it.key() + QLatin1Char('=') + it.value());
    m_labels->setText(labels.isEmpty() ? tr("none") : labels.join(QStringLiteral(", ")));
    // Names only: the values are often keys, and this pane is on screen.
    const QStringList names = s.env.keys();
    m_env->setText(names.isEmpty()
                       ? tr("no variables")
                       : tr("%1 (values hidden)").arg(names.join(QStringLiteral(", "))));
}
