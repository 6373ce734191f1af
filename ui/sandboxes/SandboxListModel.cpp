// SandboxListModel: server list + store owners, merged by id; operations with busy rows.
#include "sandboxes/SandboxListModel.h"

#include "core/Logging.h"
#include "root/AppContext.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxBackend.h"
#include "sandbox/SandboxLister.h"
#include "sandbox/SandboxWaiter.h"

#include <QLocale>

namespace {

QString labelsText(const StringMap &labels)
{
    QStringList parts;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        parts.append(it.key() + QLatin1Char('=') + it.value());
    return parts.join(QStringLiteral(", "));
}

QString key(const QString &provider, const QString &remoteId)
{
    return provider + QLatin1Char('/') + remoteId;
}

} // namespace

SandboxListModel::SandboxListModel(AppContext &context, QObject *parent)
    : QAbstractTableModel(parent)
    , m_context(context)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SandboxListModel::refresh);
}

SandboxListModel::~SandboxListModel()
{
    // Cancelling reports through finished(); nothing of this model may hear it any more.
    for (const QPointer<SandboxLister> &lister : std::as_const(m_listers)) {
        if (!lister)
            continue;
        disconnect(lister.data(), nullptr, this, nullptr);
        lister->cancel();
    }
    for (const QPointer<QObject> &operation : std::as_const(m_operations)) {
        if (!operation)
            continue;
        disconnect(operation.data(), nullptr, this, nullptr);
        if (auto *call = qobject_cast<DaytonaCall *>(operation.data()))
            call->cancel();
        else if (auto *waiter = qobject_cast<SandboxWaiter *>(operation.data()))
            waiter->cancel();
    }
}

int SandboxListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SandboxListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SandboxListModel::stateText(const Row &row) const
{
    if (!row.busyText.isEmpty())
        return row.busyText;
    if (row.sandbox.state == QLatin1String("error") && !row.sandbox.errorReason.isEmpty())
        return tr("error: %1").arg(row.sandbox.errorReason);
    return row.sandbox.state;
}

QVariant SandboxListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const Sandbox &s = row.sandbox;
    switch (role) {
    case IdRole:
        return s.id;
    case StateRole:
        return s.state;
    case ThreadIdRole:
        return row.threadId;
    case BusyRole:
        return !row.busyText.isEmpty();
    case Qt::ToolTipRole:
        if (index.column() == Thread && row.threadId != 0)
            return tr("Thread #%1").arg(row.threadId);
        if (index.column() == State && !s.errorReason.isEmpty())
            return s.errorReason;
        return data(index, Qt::DisplayRole);
    case SortRole:
        if (index.column() == Created)
            return s.createdAt; // ISO 8601 sorts chronologically as text
        return data(index, Qt::DisplayRole);
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Name:
            return s.name;
        case Id:
            return s.id;
        case Provider:
            return row.provider;
        case State:
            return stateText(row);
        case Language:
            return s.language();
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
    case Thread:
        return tr("Thread");
    case Created:
        return tr("Created");
    case Labels:
        return tr("Labels");
    case ColumnCount:
        break;
    }
    return {};
}

DaytonaClient *SandboxListModel::client(const QString &provider, QString *error)
{
    // The sandbox backend is built with the engine; building it starts nothing yet.
    if (!m_context.agentEngine(error))
        return nullptr;
    return m_context.sandboxes().client(provider, error);
}

DaytonaClient *SandboxListModel::clientFor(const QString &id, QString *error)
{
    const QString provider = providerOf(id);
    if (provider.isEmpty()) {
        *error = tr("This sandbox is no longer in the list; refresh it (F5).");
        return nullptr;
    }
    return client(provider, error);
}

QStringList SandboxListModel::providers() const
{
    if (!m_context.hasEngine())
        return {SandboxBackend::local()};
    SandboxBackend &backend = m_context.sandboxes();
    QStringList out{backend.defaultProvider()};
    // With Daytona configured, local sandboxes are listed once a run has used them.
    if (backend.hasCloud() && backend.hasLocalServer())
        out.append(SandboxBackend::local());
    return out;
}

QString SandboxListModel::providerOf(const QString &id) const
{
    const int row = rowOf(id);
    return row < 0 ? QString() : m_rows.at(row).provider;
}

int SandboxListModel::countOf(const QString &provider) const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [&](const Row &row) { return row.provider == provider; }));
}

void SandboxListModel::refresh()
{
    m_timer.stop();
    if (!m_listers.isEmpty()) {
        m_refreshAgain = true;
        return;
    }
    QString error;
    if (!m_context.agentEngine(&error)) {
        DaytonaResult failed;
        failed.error = SandboxError::make(SandboxError::Kind::Configuration, error);
        m_listOk = true;
        onListed(SandboxBackend::local(), failed);
        return;
    }
    m_listOk = true;
    const QStringList wanted = providers();
    QList<QPair<QString, DaytonaResult>> failedNow;
    for (const QString &provider : wanted) {
        DaytonaClient *c = client(provider, &error);
        if (!c) {
            DaytonaResult failed;
            failed.error = SandboxError::make(SandboxError::Kind::Configuration, error);
            failedNow.append({provider, failed});
            continue;
        }
        SandboxLister *lister = c->listSandboxes();
        m_listers.insert(provider, lister);
        connect(lister, &SandboxLister::finished, this,
                [this, provider](const DaytonaResult &result) { onListed(provider, result); });
    }
    for (const auto &[provider, failed] : std::as_const(failedNow))
        onListed(provider, failed);
}

void SandboxListModel::setAutoRefresh(bool enabled)
{
    if (m_autoRefresh == enabled)
        return;
    m_autoRefresh = enabled;
    if (enabled)
        refresh();
    else
        m_timer.stop();
}

int SandboxListModel::nextRefreshMs() const
{
    if (m_failures == 0)
        return kRefreshMs;
    // 5, 10, 20, 40, 60 s: a dead server is asked less and less often.
    const int shift = std::min(m_failures - 1, 4);
    return std::min(kRefreshMs << shift, kMaxBackoffMs);
}

void SandboxListModel::scheduleNext()
{
    if (m_refreshAgain) {
        m_refreshAgain = false;
        QTimer::singleShot(0, this, &SandboxListModel::refresh);
        return;
    }
    if (m_autoRefresh)
        m_timer.start(nextRefreshMs());
}

void SandboxListModel::onListed(const QString &provider, const DaytonaResult &result)
{
    m_listers.remove(provider);
    if (result.ok()) {
        m_loaded = true;
        merge(provider, result.sandboxes);
    } else {
        m_listOk = false;
        m_lastError = result.error.message;
        qCWarning(lcUi) << "sandbox list of" << provider << "failed:" << result.error.message;
    }
    if (!m_listers.isEmpty())
        return; // the other provider's list is still on its way
    if (m_listOk) {
        m_failures = 0;
        m_lastError.clear();
    } else {
        ++m_failures;
    }
    scheduleNext();
    emit refreshed(m_listOk);
}

void SandboxListModel::fillOwner(Row &row, const QHash<QString, RowId> &owners)
{
    row.threadId = owners.value(key(row.provider, row.sandbox.id), 0);
    if (row.threadId == 0) {
        row.threadTitle.clear();
        return;
    }
    auto cached = m_threadTitles.constFind(row.threadId);
    if (cached == m_threadTitles.cend()) {
        const auto thread = m_context.store().thread(row.threadId);
        cached = m_threadTitles.insert(row.threadId, thread ? thread->title : QString());
    }
    row.threadTitle = *cached;
}

void SandboxListModel::merge(const QString &provider, const QList<Sandbox> &sandboxes)
{
    // Owners from the store; titles are read again each time (threads get renamed).
    QHash<QString, RowId> owners;
    if (const auto records = m_context.store().listSandboxes()) {
        for (const SandboxRecord &record : *records)
            owners.insert(key(record.provider, record.remoteId), record.threadId);
    } else {
        qCWarning(lcUi) << "sandbox owners unavailable:" << records.error();
    }
    m_threadTitles.clear();

    QHash<QString, int> incoming;
    QList<Sandbox> fresh;
    for (const Sandbox &s : sandboxes) {
        if (s.state == QLatin1String("destroyed") || m_deleted.contains(key(provider, s.id)))
            continue;
        incoming.insert(s.id, int(fresh.size()));
        fresh.append(s);
    }
    // Ids deleted here that the server no longer lists need no more hiding.
    for (auto it = m_deleted.begin(); it != m_deleted.end();) {
        if (it->startsWith(provider + QLatin1Char('/'))
            && std::none_of(sandboxes.cbegin(), sandboxes.cend(),
                            [&](const Sandbox &s) { return key(provider, s.id) == *it; }))
            it = m_deleted.erase(it);
        else
            ++it;
    }

    // Rows of this provider gone from its server go, in contiguous blocks from the bottom up;
    // the other provider's rows stay as they are.
    const auto stays = [&](int row) {
        const Row &r = m_rows.at(row);
        return r.provider != provider || incoming.contains(r.sandbox.id);
    };
    for (int row = int(m_rows.size()) - 1; row >= 0;) {
        if (stays(row)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !stays(first - 1))
            --first;
        beginRemoveRows(QModelIndex(), first, row);
        m_rows.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }

    // Rows still there are updated in place.
    QSet<QString> known;
    for (int row = 0; row < m_rows.size(); ++row) {
        Row &r = m_rows[row];
        if (r.provider != provider)
            continue;
        known.insert(r.sandbox.id);
        const Sandbox &s = fresh.at(incoming.value(r.sandbox.id));
        const RowId oldThread = r.threadId;
        const QString oldTitle = r.threadTitle;
        const QJsonObject before = r.sandbox.toJson();
        r.sandbox = s;
        fillOwner(r, owners);
        if (before != s.toJson() || oldThread != r.threadId || oldTitle != r.threadTitle)
            emitRowChanged(row);
    }

    // New sandboxes are appended, in the server's order.
    QList<Row> added;
    for (const Sandbox &s : std::as_const(fresh)) {
        if (known.contains(s.id))
            continue;
        Row r;
        r.sandbox = s;
        r.provider = provider;
        fillOwner(r, owners);
        added.append(r);
    }
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows(QModelIndex(), first, first + int(added.size()) - 1);
        m_rows += added;
        endInsertRows();
    }
}

void SandboxListModel::emitRowChanged(int row)
{
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

RowId SandboxListModel::threadIdOf(const QString &id) const
{
    const int row = rowOf(id);
    return row < 0 ? 0 : m_rows.at(row).threadId;
}

bool SandboxListModel::isBusy(const QString &id) const
{
    const int row = rowOf(id);
    return row >= 0 && !m_rows.at(row).busyText.isEmpty();
}

QStringList SandboxListModel::idsInState(const QString &state) const
{
    QStringList ids;
    for (const Row &row : m_rows) {
        if (row.sandbox.state == state)
            ids.append(row.sandbox.id);
    }
    return ids;
}

void SandboxListModel::setBusy(const QString &id, const QString &text)
{
    const int row = rowOf(id);
    if (row < 0 || m_rows.at(row).busyText == text)
        return;
    m_rows[row].busyText = text;
    emitRowChanged(row);
}

void SandboxListModel::updateSandbox(const Sandbox &sandbox)
{
    const int row = rowOf(sandbox.id);
    if (row < 0 || !sandbox.isValid())
        return;
    m_rows[row].sandbox = sandbox;
    emitRowChanged(row);
}

void SandboxListModel::removeRow(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows(QModelIndex(), row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

void SandboxListModel::track(QObject *operation)
{
    m_operations.removeIf([](const QPointer<QObject> &done) { return done.isNull(); });
    m_operations.append(operation);
}

void SandboxListModel::startSandbox(const QString &id)
{
    QString error;
    DaytonaClient *c = clientFor(id, &error);
    if (!c || isBusy(id)) {
        emit operationFinished(id, QStringLiteral("start"),
                               c ? tr("Another operation on this sandbox is still running.")
                                 : error);
        return;
    }
    setBusy(id, tr("starting…"));
    SandboxWaiter *waiter = c->startAndWait(id);
    track(waiter);
    connect(waiter, &SandboxWaiter::finished, this, [this, id](const DaytonaResult &result) {
        setBusy(id, QString());
        updateSandbox(result.sandbox);
        emit operationFinished(id, QStringLiteral("start"),
                               result.ok() ? QString() : result.error.message);
    });
}

void SandboxListModel::stopSandbox(const QString &id)
{
    QString error;
    DaytonaClient *c = clientFor(id, &error);
    if (!c || isBusy(id)) {
        emit operationFinished(id, QStringLiteral("stop"),
                               c ? tr("Another operation on this sandbox is still running.")
                                 : error);
        return;
    }
    setBusy(id, tr("stopping…"));
    SandboxWaiter *waiter = c->stopAndWait(id);
    track(waiter);
    connect(waiter, &SandboxWaiter::finished, this, [this, id](const DaytonaResult &result) {
        setBusy(id, QString());
        updateSandbox(result.sandbox);
        emit operationFinished(id, QStringLiteral("stop"),
                               result.ok() ? QString() : result.error.message);
    });
}

void SandboxListModel::deleteSandbox(const QString &id)
{
    QString error;
    DaytonaClient *c = clientFor(id, &error);
    if (!c || isBusy(id)) {
        emit operationFinished(id, QStringLiteral("delete"),
                               c ? tr("Another operation on this sandbox is still running.")
                                 : error);
        return;
    }
    setBusy(id, tr("deleting…"));
    DaytonaCall *call = c->deleteSandbox(id);
    track(call);
    const QString provider = providerOf(id);
    connect(call, &DaytonaCall::finished, this, [this, id, provider](const DaytonaResult &result) {
        // 404: someone else deleted it first; either way it is gone.
        const bool gone = result.ok() || result.error.kind == SandboxError::Kind::NotFound;
        if (!gone) {
            setBusy(id, QString());
            emit operationFinished(id, QStringLiteral("delete"), result.error.message);
            return;
        }
        m_deleted.insert(key(provider, id));
        // The store forgets it as the agent's own deleteSandbox tool does.
        if (const auto status = m_context.store().deleteSandbox(provider, id); !status)
            qCWarning(lcUi) << "could not forget sandbox" << id << status.error();
        removeRow(id);
        emit operationFinished(id, QStringLiteral("delete"), QString());
    });
}
