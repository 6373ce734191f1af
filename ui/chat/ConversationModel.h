// The conversation of one thread as a flat list of renderable items: user messages, assistant
// text, reasoning blocks, tool-call cards, run errors (with Retry), "stopped at the step
// limit" notes (with Continue) and, under a finished run that changed files, a changes card
// ("3 files changed, +20 −4"). Loaded from the RunHistory, then kept current by the engine's
// RunEvents: a streamed delta changes only the row it extends, so a view re-lays out only that.
// A long thread is read newest page first; older pages come as the user scrolls up. The rows
// held are a bounded window over the thread (kMaxRows): reading an older page drops the
// newest rows past the cap, which come back from the store as the user scrolls down again.
#pragma once

#include "agent/RunEvent.h"

#include <QAbstractListModel>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

class RunHistory;

// What a run changed in its sandbox, for the card under it.
struct RunChangeSummary
{
    int files = 0;
    int linesAdded = 0;
    int linesRemoved = 0;
};

class ConversationModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    // Messages read per page: reading one (~2.5 ms for 100) and laying out what it adds share a
    // frame with painting the rows that come into view.
    static constexpr int kPageMessages = 100;
    // Rows held at most (whole pages are dropped past it; the page read and the one beside it
    // stay): a view lays out every row it holds on each insert and on each height a paint
    // corrects, twice in a frame that reads a page (~0.35 ms per 1,000 rows each time). About
    // five pages of a thread with tool calls, many screens.
    static constexpr int kMaxRows = 1200;
    enum class Kind {
        UserMessage,
        AssistantText,
        Reasoning,
        ToolCall,
        Error,
        StepLimit,
        RunChanges,
        Notice // a line the run tells the user (TextRole), e.g. a sandbox started again
    };
    Q_ENUM(Kind)
    // Preparing: the model is still streaming the call's arguments.
    enum class ToolStatus { Preparing, WaitingApproval, Running, Done, Failed };
    Q_ENUM(ToolStatus)

    enum Role {
        KindRole = Qt::UserRole + 1, // Kind
        TextRole, // Markdown (messages), plain text (reasoning, errors, notes)
        RevisionRole, // int, bumped whenever what the row shows changes
        KeyRole, // qint64, stable for the row's lifetime (layout caches key on it)
        MessageIdRole,
        RunIdRole,
        StreamingRole, // bool: text is still arriving
        ExpandedRole, // bool, reasoning and tool calls; settable (tool calls: open while the run
                      // runs, closed after it unless the user opened or closed it)
        ToolNameRole,
        ToolSummaryRole, // one line about the arguments
        ToolStatusRole, // ToolStatus
        ToolStatusTextRole, // "done", "waiting for approval", ...
        ToolDurationRole, // qint64 ms, -1 when unknown
        ToolCallRowIdRole, // the tool call's row id in the store, 0 until it is proposed
        ErrorKindRole,
        ActionableRole, // bool: Retry / Continue applies (the thread's latest run)
        ToolLinkRole, // QUrl the card opens in the browser (getPreviewLink's url); empty: none
        ToolArgumentsRole, // QJsonObject
        ToolResultRole, // QJsonValue: the finished call's result ({"error": ...} when failed)
        ToolShowAllRole, // bool: the card shows all of a long output; settable
    };

    explicit ConversationModel(const RunHistory &history, QObject *parent = nullptr);

    // Loads the thread (0: empty). False and *error when the store cannot be read.
    bool setThread(RowId threadId, QString *error = nullptr);
    RowId thread() const { return m_thread; }
    // A long thread is read a page at a time, newest first: whether older messages are still
    // in the store only, and reading the next older page into rows at the top (how many).
    bool hasOlder() const { return m_hasOlder; }
    int loadOlder();
    // The same below the rows held, once older pages pushed the newest out of the window: whether
    // newer messages are in the store only, and reading the next newer page into rows at the
    // bottom (how many; the oldest rows past the cap go). Events of the thread change no rows
    // while newer ones are not held: the engine stored what they say, read with those pages.
    bool hasNewer() const { return m_hasNewer; }
    int loadNewer();
    // Reads the newest page again if it is not held (End, sending); false: the store failed.
    bool showNewest(QString *error = nullptr);
    // Reads the thread's oldest page in place of the rows held, if it is not held (Home); the
    // rest is read as the user scrolls down. False: the store failed.
    bool showOldest(QString *error = nullptr);
    // Updates the rows from one engine event; events of other threads are ignored.
    void applyEvent(const RunEvent &event);
    // Where the changes card of a finished run gets its counts (nullopt or no files: no card).
    using RunChangesLookup = std::function<std::optional<RunChangeSummary>(RowId runId)>;
    void setRunChangesLookup(RunChangesLookup lookup) { m_runChanges = std::move(lookup); }
    // Asks the lookup again for a run (its checkpoints were recorded or evicted later).
    void refreshRunChanges(RowId runId);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    // "python3 test.py", "reverse_string.py, test_reverse_string.py", ...; one line, elided.
    static QString argumentSummary(const QString &toolName, const QJsonObject &arguments);
    // The URL a finished tool call offers to open: getPreviewLink's http(s) url; else empty.
    static QUrl linkOf(const QString &toolName, const QJsonValue &result);
    static QString statusText(ToolStatus status);

private:
    struct Item
    {
        Kind kind = Kind::AssistantText;
        qint64 key = 0;
        RowId messageId = 0;
        RowId runId = 0;
        QString text;
        int revision = 0;
        bool streaming = false;
        bool expanded = false;
        bool actionable = false;
        QString errorKind;
        // Tool calls.
        QString toolCallId;
        RowId toolCallRowId = 0;
        QString toolName;
        QJsonObject arguments;
        ToolStatus status = ToolStatus::Preparing;
        qint64 durationMs = -1;
        QUrl link; // ToolLinkRole
        QJsonValue result{QJsonValue::Undefined}; // from the finished event, else parsed from
                                                  // resultText when asked
        mutable QString resultText; // as stored, read when first asked for (resultOf)
        mutable bool resultRead = false;
        int userExpanded = -1; // -1: follows the run; 0/1: the user closed/opened it
        bool showAll = false;
        int page = 0; // Page::serial of the page it was read with (or appended to)
    };
    // A page of messages read into rows: the unit the window gains and drops.
    struct Page
    {
        int serial = 0;
        int firstPosition = 0;
        int lastPosition = -1;
        qint64 silentFromMs = 0; // its runs without messages started at or after this
        RowId firstRun = -1; // run of its first user or assistant message
    };
    enum class Direction { Older, Newer };

    Item newItem(Kind kind, RowId messageId, RowId runId);
    bool loadPage(Direction direction, QList<Item> *out, QString *error);
    bool readFrom(RowId threadId, Direction direction, QString *error);
    void append(QList<Item> items);
    // Past kMaxRows: drops whole pages at the other end from the one just read.
    void dropNewest();
    void dropOldest();
    void reindex();
    void changed(int row, const QList<int> &roles);
    int findToolCall(RowId toolCallRowId, RowId runId, const QString &callId) const;
    void appendDelta(const RunEvent &event, Kind kind);
    void setToolStatus(int row, ToolStatus status, qint64 durationMs = -1);
    void endStreaming(RowId runId);
    void clearActions();
    void catchUpWithStore();
    void indexItem(int row);
    bool isExpanded(const Item &item) const;
    void runEnded(RowId runId);
    QString accessibleText(const Item &item) const;
    QJsonValue resultOf(const Item &item) const;
    // The key of m_byCallId: a call id is unique within its run.
    static QString callKey(RowId runId, const QString &callId);
    QString accessibleDescription(const Item &item) const;
    std::optional<Item> runChangesItem(RowId runId);
    static QString runChangesText(const RunChangeSummary &summary);

    const RunHistory &m_history;
    RowId m_thread = 0;
    RowId m_lastMessageId = 0;
    // The oldest message read so far: where the next older page ends.
    int m_oldestPosition = 0;
    qint64 m_oldestAtMs = 0;
    RowId m_oldestRunId = -1; // run of the first user or assistant message shown
    bool m_hasOlder = false;
    bool m_hasNewer = false;
    QList<Page> m_pages; // held, oldest first
    int m_nextPage = 1;
    QList<Item> m_pendingNotices; // notices (not stored) that came while newer rows were not held
    RowId m_latestRun = 0; // the thread's latest run (its error row offers Retry)
    qint64 m_nextKey = 1;
    QList<Item> m_items;
    QHash<RowId, int> m_byToolCallRowId;
    QHash<QString, int> m_byCallId; // "runId:callId"
    RunChangesLookup m_runChanges;
    QSet<RowId> m_activeRuns; // their tool cards are open
};
