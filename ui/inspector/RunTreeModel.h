// The tool-call inspector's model: a thread's runs -> steps (finish reason, usage, time to
// first token, duration) -> tool calls (status, duration, approval) -> their arguments and
// result as JSON trees. Loaded from the store by setThread(), kept current by the engine's
// RunEvents (rows inserted and changed, never reset). Everything below a run is made when it
// is first expanded (canFetchMore/fetchMore), and a tool call's JSON is parsed only when the
// call is expanded, so a run of hundreds of steps with megabytes of output stays cheap.
#pragma once

#include "agent/RunEvent.h"
#include "store/StoreTypes.h"

#include <QAbstractItemModel>
#include <QByteArray>
#include <QJsonArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class Redactor;
class RunHistory;
struct CallNode;
struct JsonNode;
struct RunNode;
struct RunTreeNode;
struct StepNode;

class RunTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, ValueColumn, DurationColumn, TokensColumn, CostColumn, ColumnCount };
    enum Role {
        KindRole = Qt::UserRole + 1, // NodeKind as int
        RecordIdRole, // the store's row id of a run, step or tool call (0 for JSON values)
        FullValueRole, // the whole value, never elided (strings as they are, the rest as JSON)
        ElidedRole, // true when the Value column shows a shortened form
    };
    enum class NodeKind { Run, Step, ToolCall, Value };
    Q_ENUM(NodeKind)

    // Strings longer than this are shortened in the tree (the viewer shows all of them).
    static constexpr int kElideLength = 160;

    RunTreeModel(const RunHistory &history, const Redactor &redactor, QObject *parent = nullptr);
    ~RunTreeModel() override;

    // Shows the runs of a thread (0: none). False, with errorString(), when the store fails;
    // the tree is then empty.
    bool setThread(RowId threadId);
    RowId threadId() const { return m_threadId; }
    QString errorString() const { return m_error; }
    // Follows the live run of the current thread; events of other threads are ignored.
    void applyEvent(const RunEvent &event);
    // A call the engine is waiting on (the store only says "proposed"): for a thread opened
    // while its run waits for an approval. False when the call is not loaded.
    bool setAwaitingApproval(RowId toolCallRowId);

    // What a run's or step's usage cost with its model ("$0.0042", "no price"); without a
    // lookup the Cost column is empty (issue 18).
    using CostLookup = std::function<QString(const QString &model, const TokenUsage &usage)>;
    void setCostLookup(CostLookup lookup) { m_cost = std::move(lookup); }

    // The files a tool call changed (from its checkpoints), shown as a "changed files" detail
    // under the call; each one leads to its diff (changedFileAt).
    using ChangedFilesLookup = std::function<QStringList(RowId toolCallRowId)>;
    void setChangedFilesLookup(ChangedFilesLookup lookup) { m_changedFiles = std::move(lookup); }
    // Asks the lookup again for a call (its files were recorded after the call's row was made).
    void refreshChangedFiles(RowId toolCallRowId);
    // The changed file at index and its call (a file row, or the "changed files" row: its
    // first file); empty when index is neither.
    QString changedFileAt(const QModelIndex &index, RowId *toolCallRowId) const;
    // The background process a row stands for: the "background processes" row (its newest
    // process) or one of its entries (or a value inside one); empty for any other row.
    QString processAt(const QModelIndex &index) const;
    static QString changedFilesKey();

    // The background processes a tool call started (startProcess, issue 17), shown as a
    // "background processes" detail under the call: one row each with its state and exit code.
    // The array's items are {processId, command, state, exitCode?}.
    using ProcessesLookup = std::function<QJsonArray(RowId toolCallRowId)>;
    void setProcessesLookup(ProcessesLookup lookup) { m_processes = std::move(lookup); }
    // Asks the lookup again for a call (a process started, ended or changed state).
    void refreshProcesses(RowId toolCallRowId);
    static QString processesKey();

    // Where a record is; loads the run's steps if needed. Invalid when it is not in this thread.
    QModelIndex indexForRun(RowId runId) const;
    QModelIndex indexForStep(RowId stepId);
    QModelIndex indexForToolCall(RowId toolCallRowId);

    NodeKind kindOf(const QModelIndex &index) const;
    // The value of a node in full: a string as it is, anything else as indented JSON.
    QString fullValue(const QModelIndex &index);
    // The node with everything below it as one JSON document (indented), redacted like every
    // export (secret-looking fields and known keys hidden).
    QByteArray toJson(const QModelIndex &index);
    // The step-log line (specs/agent-tools.md) of the step at or above index: the engine's
    // own line when the step was followed live, else rebuilt from the store. Empty, with
    // *error, when there is no step or the store fails.
    QByteArray stepLogLine(const QModelIndex &index, QString *error);
    // The step at or above index (invalid if none).
    QModelIndex stepOf(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

signals:
    // The store failed while loading (the message says what to do).
    void loadFailed(const QString &message);
    // A live event added a run or a step (a view following the run may expand it).
    void liveRowAdded(const QModelIndex &index);

private:
    RunTreeNode *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(const RunTreeNode *node, int column = 0) const;
    void rowChanged(const RunTreeNode *node);
    void fail(const QString &message);

    void fetchRun(RunNode *run);
    void fetchCall(CallNode *call);
    void fetchJson(JsonNode *json);
    void insertChild(RunTreeNode *parent, std::unique_ptr<RunTreeNode> child);
    void removeChildren(RunTreeNode *parent);
    // Sets (or adds) the JSON detail row `key` of an already fetched parent.
    void setDetail(RunTreeNode *parent, const QString &key, int rank, const QJsonValue &value,
                   const QString &display = {});

    RunNode *findRun(RowId runId) const;
    StepNode *findStep(RunNode *run, RowId stepId) const;
    CallNode *findCall(RowId toolCallRowId) const;
    // For live events: the node, made from the store when the event is its first news.
    RunNode *liveRun(const RunEvent &event);
    StepNode *liveStep(const RunEvent &event);
    CallNode *liveCall(const RunEvent &event);
    std::unique_ptr<StepNode> makeStep(const StepRecord &record) const;
    std::unique_ptr<CallNode> makeCall(const ToolCallRecord &record) const;
    void addStepDetails(StepNode *step);
    void addCallDetails(CallNode *call);
    void addChangedFiles(CallNode *call);
    void addProcesses(CallNode *call);
    void runFinished(const RunEvent &event);

    QJsonValue jsonOf(RunTreeNode *node);

    const RunHistory &m_history;
    const Redactor &m_redactor;
    RowId m_threadId = 0;
    QString m_error;
    std::unique_ptr<RunTreeNode> m_root;
    int m_changing = 0; // > 0 while a change is being announced
    ChangedFilesLookup m_changedFiles;
    CostLookup m_cost;
    ProcessesLookup m_processes;
};
