// The dialog in which a person decides about one tool call: the tool, the thread, the sandbox,
// the step, what the model said just before it (its stated reason), the call as a person reads
// it (a command as a command, a write as content and a diff: ApprovalCallView) and the full
// arguments ("Edit arguments": JSON checked against the tool's schema as it is typed), then
// Approve, Approve all (the step's batch), Always allow this tool in this thread, or Deny with
// a reason for the model. It says which mode or rule made the call ask, and offers the rule
// generalised from the call ("always allow `python3 -m pytest *` in this thread /
// everywhere"), editable, added with the approval. Opened with open() (window-modal), never
// exec(): runs in every thread go on behind it. Closing it (Esc, Decide Later) answers
// nothing; the call keeps waiting. ApprovalCenter feeds it.
#pragma once

#include "agent/Approver.h"

#include <QDialog>
#include <QJsonObject>

class ApprovalCallView;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class SandboxService;
class ToolCatalog;

class ApprovalDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ApprovalDialog(const ToolCatalog &tools, QWidget *parent = nullptr);

    // Shows a request afresh: the arguments as proposed, no reason, the box unticked.
    // modelReason: the model's text in the step that proposed the call (may be empty).
    void showRequest(const ApprovalRequest &request, const QString &threadTitle,
                     const QString &modelReason = QString());
    // Where the dialog reads a file's current content to show what a write changes.
    void setSandboxService(SandboxService *sandboxes);
    ApprovalCallView *callView() const { return m_callView; }
    const ApprovalRequest &request() const { return m_request; }
    bool hasRequest() const { return m_request.toolCallRowId != 0; }

    // Where the call stands without touching what the person has edited: "call i of n" in its
    // step (Approve all shows when more than one of the step waits), and the calls waiting
    // behind it with the titles of their threads.
    void setPosition(int callIndex, int callCount, int waitingInStep);
    void setQueue(int moreWaiting, const QStringList &threadTitles);
    // The other calls "Approve All" would run, each exactly as it runs, so that none is
    // approved unseen.
    void setCoveredCalls(const QList<ApprovalRequest> &others);
    void setThreadTitle(const QString &title);
    // An answer the engine refused (the call stays on screen).
    void showError(const QString &message);

    // The arguments as they stand in the editor, when they are valid.
    bool argumentsValid() const { return m_valid; }

signals:
    void answered(const ApprovalRequest &request, const ApprovalAnswer &answer);

private:
    void validate();
    void setEditorShown(bool shown);
    void showVerdictAndProposal();
    void approve(bool wholeBatch);
    void deny();

    const ToolCatalog &m_tools;
    ApprovalRequest m_request;
    QJsonObject m_edited;
    bool m_valid = false;

    QLabel *m_tool = nullptr;
    QLabel *m_description = nullptr;
    QLabel *m_thread = nullptr;
    QLabel *m_sandbox = nullptr;
    QLabel *m_step = nullptr;
    QLabel *m_hidden = nullptr;
    QLabel *m_modelReason = nullptr;
    ApprovalCallView *m_callView = nullptr;
    QPushButton *m_editArguments = nullptr;
    QLabel *m_argumentsTitle = nullptr;
    QPlainTextEdit *m_arguments = nullptr;
    QLabel *m_validation = nullptr;
    QCheckBox *m_alwaysAllow = nullptr;
    QLabel *m_why = nullptr;
    QCheckBox *m_addRule = nullptr;
    QLineEdit *m_rulePattern = nullptr;
    QComboBox *m_ruleScope = nullptr;
    QLineEdit *m_reason = nullptr;
    QLabel *m_queue = nullptr;
    QLabel *m_effects = nullptr;
    QLabel *m_covered = nullptr;
    QPushButton *m_approve = nullptr;
    QPushButton *m_approveAll = nullptr;
    QPushButton *m_deny = nullptr;
    QPushButton *m_later = nullptr;
};
