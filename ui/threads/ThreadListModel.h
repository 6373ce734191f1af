// The sidebar's list of threads over the store: date groups (Pinned, Today, Yesterday,
// Previous 7 days, Older) as non-selectable header rows, pinned threads on top, or, while a
// search is active, the store's full-text hits in rank order. Stays fast with 10,000 threads:
// one query loads them all, and run events move or update one row instead of resetting.
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

class Store;

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

    explicit ThreadListModel(Store &store, QObject *parent = nullptr);

    // "Now" for the date groups; for tests. Default: the current local time.
    void setClock(std::function<QDateTime()> clock);

    // Reads every active thread from the store (and re-runs the search, if any). False and
    // lastError() when the store fails; the rows then stay as they were.
    bool reload();
    // Empty text: the grouped list. Otherwise the threads whose title or messages hold
    // every word, best first. Runs at once (the sidebar debounces typing).
    void setSearchText(const QString &text);
    // Shows hits for text that were found elsewhere (the sidebar's ThreadSearcher, off the
    // GUI thread); empty text shows the grouped list.
    void showSearchResults(const QString &text, const QList<SearchHit> &hits);
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

    // Incremental updates, one row each.
    // Re-reads the thread and puts its row where it now belongs (inserting it if new).
    bool refreshThread(RowId id);
    void removeThread(RowId id);
    void setRunning(RowId id, bool running);
    bool isRunning(RowId id) const { return m_running.contains(id); }
    // RunStarted / RunFinished / RunFailed / RunCancelled / ThreadTitleChanged.
    void applyRunEvent(const RunEvent &event);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    // A store call failed (rename, refresh, search); the message says what to do.
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
    void removeRowAt(int row);
    void fail(const QString &message);
    QDateTime now() const;

    Store &m_store;
    std::function<QDateTime()> m_clock;
    QList<Row> m_rows;
    QHash<RowId, ThreadRecord> m_records; // every active thread, whether shown or not
    QHash<RowId, SearchHit> m_hits; // search mode: snippet and highlights
    QSet<RowId> m_running;
    QString m_searchText;
    QString m_lastError;
    qint64 m_todayStart = 0; // ms since the epoch, see refreshDayBounds()
    qint64 m_yesterdayStart = 0;
    qint64 m_weekStart = 0;
};
