// ThreadListModel: rows over the thread service's threads; see the header for the shape.
#include "ThreadListModel.h"

#include "services/ThreadService.h"

#include <QLocale>
#include <QPoint>

#include <algorithm>

ThreadListModel::ThreadListModel(ThreadService &threads, QObject *parent)
    : QAbstractListModel(parent)
    , m_threads(threads)
{
    connect(&threads, &ThreadService::threadAdded, this, &ThreadListModel::applyThread);
    connect(&threads, &ThreadService::threadChanged, this, &ThreadListModel::applyThread);
    connect(&threads, &ThreadService::threadRemoved, this, &ThreadListModel::removeThread);
}

void ThreadListModel::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
}

QDateTime ThreadListModel::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTime();
}

void ThreadListModel::fail(const QString &message)
{
    m_lastError = message;
    emit errorOccurred(message);
}

QString ThreadListModel::displayTitle(const QString &title)
{
    const QString trimmed = title.trimmed();
    return trimmed.isEmpty() ? tr("New thread") : trimmed;
}

QString ThreadListModel::groupName(Group group)
{
    switch (group) {
    case Group::Pinned:
        return tr("Pinned");
    case Group::Today:
        return tr("Today");
    case Group::Yesterday:
        return tr("Yesterday");
    case Group::Previous7Days:
        return tr("Previous 7 days");
    case Group::Older:
        break;
    }
    return tr("Older");
}

// Where today, yesterday and the previous 7 days begin, computed once per pass: asking the
// clock and converting each thread's time to a local date cost more than the rest of a
// 10,000-row rebuild.
void ThreadListModel::refreshDayBounds()
{
    const QDate today = now().toLocalTime().date();
    m_todayStart = today.startOfDay().toMSecsSinceEpoch();
    m_yesterdayStart = today.addDays(-1).startOfDay().toMSecsSinceEpoch();
    m_weekStart = today.addDays(-7).startOfDay().toMSecsSinceEpoch();
}

ThreadListModel::Group ThreadListModel::groupOf(const ThreadRecord &thread) const
{
    if (thread.pinned)
        return Group::Pinned;
    const qint64 updated = thread.updatedAt.toMSecsSinceEpoch();
    if (updated >= m_todayStart)
        return Group::Today;
    if (updated >= m_yesterdayStart)
        return Group::Yesterday;
    if (updated >= m_weekStart)
        return Group::Previous7Days;
    return Group::Older;
}

// The store's order: pinned first, then most recently updated, then newest.
bool ThreadListModel::comesBefore(const ThreadRecord &a, const ThreadRecord &b)
{
    if (a.pinned != b.pinned)
        return a.pinned;
    if (a.updatedAt != b.updatedAt)
        return a.updatedAt > b.updatedAt;
    return a.id > b.id;
}

QList<ThreadListModel::Row> ThreadListModel::groupedRows(const QList<ThreadRecord> &sorted) const
{
    QList<Row> rows;
    rows.reserve(sorted.size() + 5);
    std::optional<Group> current;
    for (const ThreadRecord &thread : sorted) {
        const Group group = groupOf(thread);
        if (group != current) {
            rows.append(Row{true, group, 0});
            current = group;
        }
        rows.append(Row{false, group, thread.id});
    }
    return rows;
}

// Hits come best first; archived threads are not in the list.
QList<ThreadListModel::Row> ThreadListModel::rowsForHits(const QList<SearchHit> &hits)
{
    QList<Row> rows;
    m_searchHits = hits;
    m_hits.clear();
    for (const SearchHit &hit : hits) {
        const auto it = m_records.constFind(hit.threadId);
        if (it == m_records.constEnd())
            continue;
        rows.append(Row{false, groupOf(*it), hit.threadId});
        if (!hit.snippet.isEmpty()) // a title match needs no snippet: the title shows it
            m_hits.insert(hit.threadId, hit);
    }
    return rows;
}

QList<ThreadListModel::Row> ThreadListModel::allRowsGrouped()
{
    m_searchHits.clear();
    m_hits.clear();
    QList<ThreadRecord> sorted = m_records.values();
    std::sort(sorted.begin(), sorted.end(), &ThreadListModel::comesBefore);
    return groupedRows(sorted);
}

void ThreadListModel::resetRows(QList<Row> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

bool ThreadListModel::reload()
{
    refreshDayBounds();
    auto threads = m_threads.threads(ThreadFilter::Active);
    if (!threads) {
        fail(threads.error());
        return false;
    }
    QHash<RowId, ThreadRecord> records;
    records.reserve(threads->size());
    for (const ThreadRecord &thread : *threads)
        records.insert(thread.id, thread);
    m_records = std::move(records);
    m_lastError.clear();
    // A search keeps its hits (minus the threads that are gone) until it is run again.
    resetRows(isSearching() ? rowsForHits(m_searchHits) : groupedRows(*threads));
    return true;
}

void ThreadListModel::showSearchResults(const QString &text, const QList<SearchHit> &hits)
{
    m_searchText = text.trimmed();
    m_lastError.clear();
    refreshDayBounds();
    resetRows(isSearching() ? rowsForHits(hits) : allRowsGrouped());
}

int ThreadListModel::threadCount() const
{
    return int(
        std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Row &r) { return !r.header; }));
}

int ThreadListModel::rowOf(RowId id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (!m_rows.at(i).header && m_rows.at(i).id == id)
            return i;
    }
    return -1;
}

int ThreadListModel::headerRow(Group group) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).header && m_rows.at(i).group == group)
            return i;
    }
    return -1;
}

bool ThreadListModel::groupHasThreads(Group group) const
{
    return std::any_of(m_rows.cbegin(), m_rows.cend(),
                       [group](const Row &r) { return !r.header && r.group == group; });
}

QModelIndex ThreadListModel::indexOfThread(RowId id) const
{
    const int row = rowOf(id);
    return row < 0 ? QModelIndex() : index(row);
}

RowId ThreadListModel::threadIdAt(int row) const
{
    if (row < 0 || row >= m_rows.size() || m_rows.at(row).header)
        return 0;
    return m_rows.at(row).id;
}

bool ThreadListModel::isHeader(int row) const
{
    return row >= 0 && row < m_rows.size() && m_rows.at(row).header;
}

std::optional<ThreadRecord> ThreadListModel::record(RowId id) const
{
    const auto it = m_records.constFind(id);
    if (it == m_records.constEnd())
        return std::nullopt;
    return *it;
}

void ThreadListModel::removeRowAt(int row)
{
    beginRemoveRows(QModelIndex(), row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

// Moves (or inserts) one thread row to where the grouped order puts it, adding its group's
// header when the group was empty and dropping the old group's header when it empties.
// Moving rather than removing keeps the view's selection on the row.
void ThreadListModel::placeRow(const ThreadRecord &thread)
{
    m_records.insert(thread.id, thread);
    refreshDayBounds();
    int from = rowOf(thread.id);
    if (isSearching()) {
        if (from >= 0)
            emit dataChanged(index(from), index(from));
        return;
    }
    const Group group = groupOf(thread);
    const bool existed = from >= 0;
    const Group oldGroup = existed ? m_rows.at(from).group : group;

    int header = headerRow(group);
    if (header < 0) {
        header = int(m_rows.size());
        for (int i = 0; i < m_rows.size(); ++i) {
            if (m_rows.at(i).group > group) {
                header = i;
                break;
            }
        }
        beginInsertRows(QModelIndex(), header, header);
        m_rows.insert(header, Row{true, group, 0});
        endInsertRows();
        if (from >= header)
            ++from;
    }

    int to = header + 1;
    while (to < m_rows.size() && !m_rows.at(to).header && m_rows.at(to).group == group) {
        const RowId other = m_rows.at(to).id;
        if (other != thread.id && comesBefore(thread, m_records.value(other)))
            break;
        ++to;
    }

    if (from < 0) {
        beginInsertRows(QModelIndex(), to, to);
        m_rows.insert(to, Row{false, group, thread.id});
        endInsertRows();
        return;
    }
    if (to != from && to != from + 1) {
        beginMoveRows(QModelIndex(), from, from, QModelIndex(), to);
        m_rows.move(from, to > from ? to - 1 : to);
        endMoveRows();
    }
    m_rows[rowOf(thread.id)].group = group;
    if (existed && oldGroup != group && !groupHasThreads(oldGroup))
        removeRowAt(headerRow(oldGroup));
    const QModelIndex changed = indexOfThread(thread.id);
    emit dataChanged(changed, changed);
}

bool ThreadListModel::refreshThread(RowId id)
{
    auto thread = m_threads.thread(id);
    if (!thread) {
        fail(thread.error());
        return false;
    }
    applyThread(*thread);
    return true;
}

void ThreadListModel::applyThread(const ThreadRecord &thread)
{
    if (thread.archived)
        removeThread(thread.id);
    else
        placeRow(thread);
}

void ThreadListModel::removeThread(RowId id)
{
    m_records.remove(id);
    m_hits.remove(id);
    m_running.remove(id);
    const int row = rowOf(id);
    if (row < 0)
        return;
    const Group group = m_rows.at(row).group;
    removeRowAt(row);
    if (!isSearching() && !groupHasThreads(group)) {
        if (const int header = headerRow(group); header >= 0)
            removeRowAt(header);
    }
}

void ThreadListModel::setRunning(RowId id, bool running)
{
    if (running == m_running.contains(id))
        return;
    if (running)
        m_running.insert(id);
    else
        m_running.remove(id);
    if (const QModelIndex changed = indexOfThread(id); changed.isValid())
        emit dataChanged(changed, changed, {RunningRole});
}

void ThreadListModel::applyRunEvent(const RunEvent &event)
{
    switch (event.type) {
    case RunEvent::Type::RunStarted:
        setRunning(event.threadId, true);
        break;
    case RunEvent::Type::RunFinished:
    case RunEvent::Type::RunFailed:
    case RunEvent::Type::RunCancelled:
        setRunning(event.threadId, false);
        break;
    default:
        break;
    }
}

int ThreadListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ThreadListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    if (row.header) {
        switch (role) {
        case Qt::DisplayRole:
        case Qt::AccessibleTextRole:
            return groupName(row.group);
        case HeaderRole:
            return true;
        case GroupRole:
            return int(row.group);
        case IdRole:
            return RowId(0);
        default:
            return {};
        }
    }
    const auto it = m_records.constFind(row.id);
    if (it == m_records.constEnd())
        return {};
    const ThreadRecord &thread = *it;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return displayTitle(thread.title);
    case Qt::EditRole:
        return thread.title.isEmpty() ? displayTitle(thread.title) : thread.title;
    case Qt::ToolTipRole: {
        QString tip
            = tr("%1\nUpdated %2 · %3")
                  .arg(displayTitle(thread.title),
                       QLocale().toString(thread.updatedAt.toLocalTime(), QLocale::ShortFormat),
                       thread.model);
        // While searching, the whole snippet (the row may cut it).
        if (const auto hit = m_hits.constFind(thread.id); hit != m_hits.constEnd())
            tip += QLatin1Char('\n') + hit->snippet;
        return tip;
    }
    case Qt::AccessibleDescriptionRole: // a screen reader hears why the thread was found
        return m_hits.value(thread.id).snippet;
    case IdRole:
        return thread.id;
    case TitleRole:
        return thread.title;
    case UpdatedRole:
        return thread.updatedAt;
    case PinnedRole:
        return thread.pinned;
    case RunningRole:
        return m_running.contains(thread.id);
    case HeaderRole:
        return false;
    case GroupRole:
        return int(row.group);
    case SnippetRole:
        return m_hits.value(thread.id).snippet;
    case SnippetHighlightsRole: {
        QVariantList highlights;
        for (const auto &[start, length] : m_hits.value(thread.id).highlights)
            highlights << QPoint(start, length);
        return highlights;
    }
    case ModelRole:
        return thread.model;
    default:
        return {};
    }
}

bool ThreadListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const Row &row = m_rows.at(index.row());
    if (row.header)
        return false;
    const QString title = value.toString().simplified();
    auto it = m_records.find(row.id);
    if (title.isEmpty() || it == m_records.end())
        return false; // an empty name keeps the old one
    if (title == it->title)
        return true;
    // The row changes when the service announces the new title.
    if (StoreStatus status = m_threads.rename(row.id, title); !status) {
        fail(status.error());
        return false;
    }
    return true;
}

Qt::ItemFlags ThreadListModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    if (m_rows.at(index.row()).header)
        return Qt::ItemNeverHasChildren; // a label: not selectable, skipped by the keyboard
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> ThreadListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "threadId");
    names.insert(TitleRole, "title");
    names.insert(UpdatedRole, "updated");
    names.insert(PinnedRole, "pinned");
    names.insert(RunningRole, "running");
    names.insert(HeaderRole, "header");
    names.insert(GroupRole, "group");
    names.insert(SnippetRole, "snippet");
    names.insert(SnippetHighlightsRole, "snippetHighlights");
    names.insert(ModelRole, "model");
    return names;
}
