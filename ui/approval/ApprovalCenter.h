// The GUI's Approver: keeps every tool call that waits for a person, across threads, in one
// queue and asks about them one at a time in an ApprovalDialog, or several at once in the
// ApprovalInbox. A call leaves the queue when the engine says it was resolved
// (ApprovalResolved) or its run ended (cancelled, failed). Closing the dialog answers nothing:
// the calls keep waiting, pendingChanged() tells the window how many, and showNext() asks
// again. It also remembers what the model wrote just before each call (its stated reason).
#pragma once

#include "agent/Approver.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

class AgentEngine;
class ApprovalDialog;
class ApprovalInbox;
class SandboxService;
class QWidget;
class ToolCatalog;
struct RunEvent;

class ApprovalCenter final : public QObject, public Approver
{
    Q_OBJECT

public:
    // Takes the calls the engine already has waiting (engine.pendingApprovals()). The caller
    // makes it the engine's approver (engine.setApprover); it stops being one when destroyed.
    // A child of dialogParent (when given), like its dialog; the engine must outlive it.
    ApprovalCenter(AgentEngine &engine, const ToolCatalog &tools, QWidget *dialogParent);
    ~ApprovalCenter() override;

    void approvalRequested(const ApprovalRequest &request) override;

    int pendingCount() const { return int(m_queue.size()); }
    QList<ApprovalRequest> pending() const { return m_queue; }
    // "2 waiting: runCommand in Alpha, deleteFile in Beta" style lines, one per call.
    QStringList pendingDescriptions() const;
    // Opens the dialog again, for the call at the head of the queue.
    void showNext();
    // Opens the dialog for one waiting call (from the window's list of them).
    void showPending(RowId toolCallRowId);
    // Names threads in the dialog and the queue ("Thread 7" without it).
    void setThreadTitleLookup(std::function<QString(RowId)> lookup);
    QString threadTitle(RowId threadId) const;

    // The dialog, once a call was asked about (nullptr before).
    ApprovalDialog *dialog() const;

    // Every waiting call in one list (the status bar's button opens it); while it is open,
    // new calls are added to it instead of popping up the dialog.
    void showInbox();
    ApprovalInbox *inbox() const;

    // Answers several waiting calls at once (the inbox's batch decisions), each as if it was
    // answered alone. Returns how many the engine took; *error says why the others were not.
    int resolve(const QList<RowId> &toolCallRowIds, const ApprovalAnswer &answer,
                QString *error = nullptr);
    // One waiting call by id (nullptr when it no longer waits).
    const ApprovalRequest *find(RowId toolCallRowId) const;
    // The text the model wrote in the step that proposed the call (its stated reason); empty
    // when it wrote none or the call was proposed before this center listened.
    QString reasonFor(RowId toolCallRowId) const { return m_reasons.value(toolCallRowId); }
    // Lets the dialog fetch a file's current content to show what a write would change.
    void setSandboxService(SandboxService *sandboxes);

signals:
    void pendingChanged(int count);
    // The queue changed in any way (a call added, answered or gone), also at the same count.
    void queueChanged();
    // A call started waiting (also when it was already waiting before this center existed).
    void callWaiting(const ApprovalRequest &request);

private:
    void onRunEvent(const RunEvent &event);
    void onAnswered(const ApprovalRequest &request, const ApprovalAnswer &answer);
    void removeWhere(const std::function<bool(const ApprovalRequest &)> &matches);
    // After the queue changed: show the next call if the one on screen is gone, refresh the
    // dialog's position and queue lines, tell the window.
    void settle();
    void present(const ApprovalRequest &request);
    void refreshDialog();
    ApprovalDialog *ensureDialog();
    bool inboxOpen() const;

    AgentEngine &m_engine;
    const ToolCatalog &m_tools;
    QPointer<QWidget> m_dialogParent;
    QPointer<ApprovalDialog> m_dialog;
    QPointer<ApprovalInbox> m_inbox;
    SandboxService *m_sandboxes = nullptr;
    QHash<RowId, QString> m_stepText; // by thread: what the model wrote in its current step
    QHash<RowId, QString> m_reasons; // by waiting call
    QList<ApprovalRequest> m_queue; // in the order asked
    std::function<QString(RowId)> m_titleOf;
    bool m_answering = false;
    int m_announcedCount = 0;
};
