// The GUI's Approver: keeps every tool call that waits for a person, across threads, in one
// queue and asks about them one at a time in an ApprovalDialog. A call leaves the queue when
// the engine says it was resolved (ApprovalResolved) or its run ended (cancelled, failed).
// Closing the dialog answers nothing: the calls keep waiting, pendingChanged() tells the
// window how many, and showNext() asks again.
#pragma once

#include "agent/Approver.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

class AgentEngine;
class ApprovalDialog;
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

signals:
    void pendingChanged(int count);

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

    AgentEngine &m_engine;
    const ToolCatalog &m_tools;
    QPointer<QWidget> m_dialogParent;
    QPointer<ApprovalDialog> m_dialog;
    QList<ApprovalRequest> m_queue; // in the order asked
    std::function<QString(RowId)> m_titleOf;
    bool m_answering = false;
    int m_announcedCount = 0;
};
