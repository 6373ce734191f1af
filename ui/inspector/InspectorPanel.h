// The tool-call inspector (side panel): a tree of the current thread's runs, steps and tool
// calls with their arguments and results (RunTreeModel), following the live run; a viewer for
// a value in full; copy a value, a subtree as JSON, or a step's raw step-log line; the files a
// call changed, each one click from its diff in the Changes tab.
#pragma once

#include "store/StoreTypes.h"

#include <QWidget>

#include <memory>

class AgentEngine;
class QAction;
class QLabel;
class QModelIndex;
class QPushButton;
class QSplitter;
class QTreeView;
class Redactor;
class RunHistory;
class RunTreeModel;
class ValueViewer;

class InspectorPanel final : public QWidget
{
    Q_OBJECT

public:
    // Reads runs from `history`; follows `engine` when there is one (see followEngine for one
    // built later). `redactor` hides secrets in what is copied.
    InspectorPanel(const RunHistory &history, const Redactor &redactor, AgentEngine *engine,
                   QWidget *parent = nullptr);
    ~InspectorPanel() override;

    // Shows a thread's runs (0: none) and expands its latest run.
    void setThread(RowId id);
    // Expands and selects a tool call's node and scrolls to it (switching to its thread when
    // it belongs to another one).
    void selectToolCall(RowId toolCallRowId);
    // Renders the engine's RunEvents as they happen (once per engine).
    void followEngine(AgentEngine &engine);

    QTreeView *tree() const { return m_tree; }
    RunTreeModel *model() const { return m_model; }
    ValueViewer *valueViewer() const { return m_viewer; }

    // The actions of the context menu, also reachable by their shortcuts in the tree.
    QAction *showValueAction() const { return m_showValue; }
    QAction *copyValueAction() const { return m_copyValue; }
    QAction *copyJsonAction() const { return m_copyJson; }
    QAction *copyStepLogAction() const { return m_copyStepLog; }
    QAction *rewindAction() const { return m_rewind; }
    // Whether the context menu offers "Rewind to After This Step…" (there are checkpoints).
    void setRewindAvailable(bool available) { m_rewindAvailable = available; }

    // Opens the viewer on a node's full value.
    void showValue(const QModelIndex &index);
    // Enter or double-click: a run or step opens or closes, a changed file opens its diff,
    // anything else shows its value.
    void activate(const QModelIndex &index);

signals:
    // A file under a tool call's "changed files" was clicked: show its diff.
    void changedFileActivated(RowId toolCallRowId, const QString &path);
    // A background process row was opened (Enter or double-click): show its live output.
    void processActivated(const QString &processId);
    // "Rewind to After This Step…" on a step (or anything in it).
    void rewindToStepRequested(RowId threadId, RowId runId, int stepIndex);

private:
    void build(const Redactor &redactor);
    void updateActions();
    void showMessage(const QString &text, bool isError);
    void copyValue();
    void copyJson();
    void copyStepLog();
    void rewindToStep();
    QString pathOf(const QModelIndex &index) const;

    const RunHistory &m_history;
    AgentEngine *m_engine = nullptr;
    RunTreeModel *m_model = nullptr;
    QTreeView *m_tree = nullptr;
    QSplitter *m_splitter = nullptr;
    ValueViewer *m_viewer = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_showValueButton = nullptr;
    QAction *m_showValue = nullptr;
    QAction *m_copyValue = nullptr;
    QAction *m_copyJson = nullptr;
    QAction *m_copyStepLog = nullptr;
    QAction *m_rewind = nullptr;
    bool m_rewindAvailable = false;
};
