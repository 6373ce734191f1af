// SandboxListModel: the service's entries as rows, kept in step with its signals.
#include "sandboxes/SandboxListModel.h"

#include "services/ProcessService.h"

#include <QCoreApplication>
#include <QLocale>

#include <limits>

namespace {

QString labelsText(const StringMap &labels)
{
    QStringList parts;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        parts.append(it.key() + QLatin1Char('=') + it.value());
    return parts.join(QStringLiteral(", "));
}

QString number(double value)
{
    return QLocale().toString(value, 'g', 3);
}

constexpr qint64 kMinuteMs = 60 * 1000;
constexpr qint64 kNever = std::numeric_limits<qint64>::max();

qint64 msOf(const QString &iso)
{
    const QDateTime t = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return t.isValid() ? t.toMSecsSinceEpoch() : -1;
}

} // namespace

QString SandboxListModel::bytesText(qint64 bytes)
{
    if (bytes < 0)
        return QString();
    return QLocale().formattedDataSize(bytes, bytes >= (1ll << 30) ? 1 : 0,
                                       QLocale::DataSizeIecFormat);
}

QString SandboxListModel::durationText(qint64 ms)
{
    const qint64 minutes = (qMax<qint64>(0, ms) + kMinuteMs - 1) / kMinuteMs;
    if (minutes < 120)
        return tr("%n min", nullptr, int(minutes));
    const qint64 hours = (minutes + 59) / 60;
    if (hours < 48)
        return tr("%n h", nullptr, int(hours));
    return tr("%n days", nullptr, int((hours + 23) / 24));
}

QString SandboxListModel::cpuText(const Sandbox &s)
{
    if (s.cpuUsage >= 0 && s.cpu > 0)
        return tr("%1 / %2 CPU").arg(QLocale().toString(s.cpuUsage, 'f', 2), number(s.cpu));
    return s.cpu > 0 ? tr("%1 CPU").arg(number(s.cpu)) : QString();
}

QString SandboxListModel::memoryText(const Sandbox &s)
{
    const qint64 limit = qint64(s.memory * double(1ll << 30));
    if (s.memoryUsageBytes >= 0 && limit > 0)
        return tr("%1 / %2").arg(bytesText(s.memoryUsageBytes), bytesText(limit));
    return limit > 0 ? bytesText(limit) : QString();
}

QString SandboxListModel::diskText(const Sandbox &s)
{
    const qint64 limit = qint64(s.disk * double(1ll << 30));
    if (s.diskUsageBytes >= 0 && limit > 0)
        return tr("%1 / %2").arg(bytesText(s.diskUsageBytes), bytesText(limit));
    return limit > 0 ? bytesText(limit) : QString();
}

qint64 SandboxListModel::autoStopLeftMs(const Sandbox &s, const QDateTime &now)
{
    if (s.state != QLatin1String("started") || s.autoStopInterval <= 0)
        return s.autoStopInterval <= 0 ? kNever : -1;
    // The last activity the server reports (local), else its last change (Daytona).
    const qint64 last = qMax(msOf(s.lastActivityAt), msOf(s.updatedAt));
    if (last < 0)
        return -1;
    return qMax<qint64>(0, last + s.autoStopInterval * kMinuteMs - now.toMSecsSinceEpoch());
}

qint64 SandboxListModel::autoDeleteLeftMs(const Sandbox &s, const QDateTime &now)
{
    if (s.autoDeleteInterval < 0)
        return kNever;
    if (s.state != QLatin1String("stopped"))
        return -1;
    const qint64 stopped = msOf(s.updatedAt);
    if (stopped < 0)
        return -1;
    return qMax<qint64>(0, stopped + s.autoDeleteInterval * kMinuteMs - now.toMSecsSinceEpoch());
}

QString SandboxListModel::autoStopText(const Sandbox &s, const QDateTime &now)
{
    if (s.autoStopInterval <= 0)
        return tr("off");
    const qint64 left = autoStopLeftMs(s, now);
    if (left < 0)
        return tr("after %1 idle").arg(durationText(s.autoStopInterval * kMinuteMs));
    return left == 0 ? tr("stops now") : tr("stops in %1").arg(durationText(left));
}

QString SandboxListModel::autoDeleteText(const Sandbox &s, const QDateTime &now)
{
    if (s.autoDeleteInterval < 0)
        return tr("off");
    const qint64 left = autoDeleteLeftMs(s, now);
    if (left < 0)
        return s.autoDeleteInterval == 0
            ? tr("when stopped")
            : tr("%1 after it stops").arg(durationText(s.autoDeleteInterval * kMinuteMs));
    return left == 0 ? tr("deleted now") : tr("deleted in %1").arg(durationText(left));
}

QString SandboxListModel::networkText(const Sandbox &s)
{
    // The sandbox's own policy: the network setting applies to new sandboxes only.
    return s.networkBlockAll           ? tr("Off")
        : s.networkAllowList.isEmpty() ? tr("Open")
                                       : tr("Allowlist: %1").arg(s.networkAllowList);
}

SandboxListModel::SandboxListModel(SandboxService &sandboxes, QObject *parent)
    : QAbstractTableModel(parent)
    , m_sandboxes(sandboxes)
{
    m_rows = sandboxes.sandboxes();
    connect(&sandboxes, &SandboxService::sandboxAdded, this, &SandboxListModel::onAdded);
    connect(&sandboxes, &SandboxService::sandboxChanged, this, &SandboxListModel::onChanged);
    connect(&sandboxes, &SandboxService::sandboxRemoved, this, &SandboxListModel::onRemoved);
    // A running operation shows in its row's state.
    connect(&sandboxes, &SandboxService::operationStarted, this,
            [this](const QString &id) { emitRowChanged(rowOf(id)); });
    connect(&sandboxes, &SandboxService::operationFinished, this,
            [this](const QString &id) { emitRowChanged(rowOf(id)); });
}

void SandboxListModel::setProcesses(ProcessService *processes)
{
    m_processes = processes;
    if (!processes)
        return;
    const auto changed
        = [this](const BackgroundProcess &process) { emitRowChanged(rowOf(process.sandboxId)); };
    connect(processes, &ProcessService::processStarted, this, changed);
    connect(processes, &ProcessService::processChanged, this, changed);
}

int SandboxListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SandboxListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SandboxListModel::stateText(const SandboxEntry &row) const
{
    const QString running = m_sandboxes.runningOperation(row.sandbox.id);
    if (running == QLatin1String("start"))
        return tr("starting…");
    if (running == QLatin1String("stop"))
        return tr("stopping…");
    if (running == QLatin1String("delete"))
        return tr("deleting…");
    if (row.sandbox.state == QLatin1String("error") && !row.sandbox.errorReason.isEmpty())
        return tr("error: %1").arg(row.sandbox.errorReason);
    return row.sandbox.state;
}

QVariant SandboxListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SandboxEntry &row = m_rows.at(index.row());
    const Sandbox &s = row.sandbox;
    switch (role) {
    case IdRole:
        return s.id;
    case StateRole:
        return s.state;
    case ThreadIdRole:
        return row.threadId;
    case BusyRole:
        return m_sandboxes.isBusy(s.id);
    case ProcessCountRole:
        return m_processes ? m_processes->runningCount(s.id) : 0;
    case Qt::ToolTipRole:
        if (index.column() == Thread && row.threadId != 0)
            return tr("Thread #%1").arg(row.threadId);
        if (index.column() == State && !s.errorReason.isEmpty())
            return s.errorReason;
        if (index.column() == Cpu || index.column() == Memory || index.column() == Disk)
            return tr("What the sandbox uses now (measured for local sandboxes, as the API "
                      "reports for Daytona) against what it may use");
        if (index.column() == Network)
            return s.networkBlockAll ? tr("No network: fixed when the sandbox was created")
                : s.networkAllowList.isEmpty()
                ? tr("Network open; a local sandbox never reaches this computer's own addresses "
                     "or services. Fixed when the sandbox was created.")
                : tr("Only these networks: %1. Fixed when the sandbox was created.")
                      .arg(s.networkAllowList);
        return data(index, Qt::DisplayRole);
    case SortRole:
        switch (index.column()) {
        case Created:
            return s.createdAt; // ISO 8601 sorts chronologically as text
        case Cpu:
            return s.cpuUsage >= 0 ? s.cpuUsage : -1.0;
        case Memory:
            return s.memoryUsageBytes;
        case Disk:
            return s.diskUsageBytes;
        case AutoStop:
            return autoStopLeftMs(s, QDateTime::currentDateTimeUtc());
        case AutoDelete:
            return autoDeleteLeftMs(s, QDateTime::currentDateTimeUtc());
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Name:
            return s.name;
        case Id:
            return s.id;
        case Provider:
            return row.provider;
        case State: {
            const int processes = m_processes ? m_processes->runningCount(s.id) : 0;
            if (processes == 0)
                return stateText(row);
            return tr("%1 · %n process(es)", nullptr, processes).arg(stateText(row));
        }
        case Language:
            return s.language();
        case Network:
            return networkText(s);
        case Cpu:
            return cpuText(s);
        case Memory:
            return memoryText(s);
        case Disk:
            return diskText(s);
        case AutoStop:
            return autoStopText(s, QDateTime::currentDateTimeUtc());
        case AutoDelete:
            return autoDeleteText(s, QDateTime::currentDateTimeUtc());
        case Thread:
            return row.threadId == 0
                ? QString()
                : (row.threadTitle.isEmpty() ? tr("Thread #%1").arg(row.threadId)
                                             : row.threadTitle);
        case Created: {
            const QDateTime created = QDateTime::fromString(s.createdAt, Qt::ISODateWithMs);
            return created.isValid()
                ? QLocale().toString(created.toLocalTime(), QLocale::ShortFormat)
                : s.createdAt;
        }
        case Labels:
            return labelsText(s.labels);
        case ColumnCount:
            break;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant SandboxListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Name:
        return tr("Name");
    case Id:
        return tr("ID");
    case Provider:
        return tr("Provider");
    case State:
        return tr("State");
    case Language:
        return tr("Language");
    case Network:
        return tr("Network");
    case Thread:
        return tr("Thread");
    case Created:
        return tr("Created");
    case Cpu:
        return tr("CPU");
    case Memory:
        return tr("Memory");
    case Disk:
        return tr("Disk");
    case AutoStop:
        return tr("Auto-stop");
    case AutoDelete:
        return tr("Auto-delete");
    case Labels:
        return tr("Labels");
    case ColumnCount:
        break;
    }
    return {};
}

void SandboxListModel::onAdded(const QString &id)
{
    const SandboxEntry *entry = m_sandboxes.find(id);
    if (!entry)
        return;
    if (rowOf(id) >= 0) {
        onChanged(id);
        return;
    }
    const int row = int(m_rows.size());
    beginInsertRows(QModelIndex(), row, row);
    m_rows.append(*entry);
    endInsertRows();
}

void SandboxListModel::onChanged(const QString &id)
{
    const SandboxEntry *entry = m_sandboxes.find(id);
    const int row = rowOf(id);
    if (!entry || row < 0) {
        onAdded(id);
        return;
    }
    m_rows[row] = *entry;
    emitRowChanged(row);
}

void SandboxListModel::onRemoved(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows(QModelIndex(), row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

void SandboxListModel::emitRowChanged(int row)
{
    if (row >= 0)
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int SandboxListModel::rowOf(const QString &id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).sandbox.id == id)
            return row;
    }
    return -1;
}

QString SandboxListModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).sandbox.id : QString();
}

Sandbox SandboxListModel::sandbox(const QString &id) const
{
    const int row = rowOf(id);
    return row < 0 ? Sandbox() : m_rows.at(row).sandbox;
}

QString SandboxListModel::providerOf(const QString &id) const
{
    const int row = rowOf(id);
    return row < 0 ? QString() : m_rows.at(row).provider;
}

RowId SandboxListModel::threadIdOf(const QString &id) const
{
    const int row = rowOf(id);
    return row < 0 ? 0 : m_rows.at(row).threadId;
}

QStringList SandboxListModel::idsInState(const QString &state) const
{
    QStringList ids;
    for (const SandboxEntry &row : m_rows) {
        if (row.sandbox.state == state)
            ids.append(row.sandbox.id);
    }
    return ids;
}
