// The sidebar's list of threads, fed by the ThreadService: date groups (Pinned, Today,
// Yesterday, Previous 7 days, Older) as non-selectable header rows, pinned threads on top, or,
// while a search is active, the search's hits in rank order. Stays fast with 10,000 threads:
// one query loads them all, and the service's added / changed / removed signals insert, move,
// update or remove one row instead of resetting. Run events only set the running dot.
#pragma once

#include "agent/RunEvent.h"
#include "store/StoreTypes.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>

class ThreadService;

class ThreadListModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1, // RowId; 0 on header rows
        TitleRole, // the stored title (may be empty)
        UpdatedRole, // QDateTime
        PinnedRole, // bool
        RunningRole, // bool: a run of this thread is going on
        HeaderRole, // bool: a group header row
        GroupRole, // int (Group)
        SnippetRole, // search mode: the text around the match
        SnippetHighlightsRole, // QVariantList of QPoint(start, length): the matched words
        ModelRole, // "provider/model"
    };
    enum class Group { Pinned, Today, Yesterday, Previous7Days, Older };

    explicit ThreadListModel(ThreadService &threads, QObject *parent = nullptr);

    // "Now" for the date groups; for tests. Default: the current local time.
    void setClock(std::function<QDateTime()> clock);

    // Reads every active thread from the service (a search keeps its hits). False and
    // lastError() when the store fails; the rows then stay as they were.
    bool reload();
    // Shows the hits of a search (the service's, off the GUI thread) in rank order; empty
    // text shows the grouped list.
    void showSearchResults(const QString &text, const QList<SearchHit> &hits);
    void clearSearch() { showSearchResults(QString(), {}); }
    static constexpr int kSearchLimit = 200; // more than anyone scrolls through
    QString searchText() const { return m_searchText; }
    bool isSearching() const { return !m_searchText.isEmpty(); }
    QString lastError() const { return m_lastError; }

    int threadCount() const; // rows that are threads (not headers)
    int totalThreadCount() const { return int(m_records.size()); } // loaded, searched or not
    QModelIndex indexOfThread(RowId id) const;
    RowId threadIdAt(int row) const;
    bool isHeader(int row) const;
    std::optional<ThreadRecord> record(RowId id) const;
    static QString displayTitle(const QString &title);
    static QString groupName(Group group);

    // Reads the thread from the service and puts its row where it belongs (inserting it if
    // new): for a thread made by another process that the service has not announced yet.
    bool refreshThread(RowId id);
    void setRunning(RowId id, bool running);
    bool isRunning(RowId id) const { return m_running.contains(id); }
    // The running dot: RunStarted / RunFinished / RunFailed / RunCancelled. (Where a run moves
    // its thread, and the title it gets, come from the service's threadChanged.)
    void applyRunEvent(const RunEvent &event);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    // A store call failed (rename, refresh, reload); the message says what to do.
    void errorOccurred(const QString &message);

private:
    struct Row
    {
        bool header = false;
        Group group = Group::Older;
        RowId id = 0;
    };

    void refreshDayBounds();
    Group groupOf(const ThreadRecord &thread) const;
    static bool comesBefore(const ThreadRecord &a, const ThreadRecord &b);
    QList<Row> groupedRows(const QList<ThreadRecord> &sorted) const;
    QList<Row> rowsForHits(const QList<SearchHit> &hits);
    QList<Row> allRowsGrouped();
    void resetRows(QList<Row> rows);
    int rowOf(RowId id) const;
    int headerRow(Group group) const;
    bool groupHasThreads(Group group) const;
    void placeRow(const ThreadRecord &thread);
    void applyThread(const ThreadRecord &thread);
    void removeThread(RowId id);
    void removeRowAt(int row);
    void fail(const QString &message);
    QDateTime now() const;

    ThreadService &m_threads;
    std::function<QDateTime()> m_clock;
    QList<Row> m_rows;
    QHash<RowId, ThreadRecord> m_records; // every active thread, whether shown or not
    QList<SearchHit> m_searchHits; // search mode: the hits, best first
    QHash<RowId, SearchHit> m_hits; // search mode: snippet and highlights
    QSet<RowId> m_running;
    QString m_searchText;
    QString m_lastError;
    qint64 m_todayStart = 0; // ms since the epoch, see refreshDayBounds()
    qint64 m_yesterdayStart = 0;
    qint64 m_weekStart = 0;
};
