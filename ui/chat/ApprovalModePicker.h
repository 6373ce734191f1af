// The approval mode in force for the current thread, always visible beside the composer and
// switchable at any time, also while a call waits (Plan, Ask, Auto-edit, Full; Ctrl+Shift+M
// cycles through them). The thread's mode is ApprovalRules' fact: the picker asks it to change
// and follows what it announces (another window, the CLI). Before a thread exists, the choice
// is kept and applied to the thread the first send creates.
#pragma once

#include "agent/ApprovalMode.h"
#include "store/StoreTypes.h"

#include <QComboBox>

#include <optional>

class ApprovalRules;

class ApprovalModePicker final : public QComboBox
{
    Q_OBJECT

public:
    explicit ApprovalModePicker(ApprovalRules &rules, QWidget *parent = nullptr);

    void setThread(RowId threadId);
    ApprovalMode mode() const;
    // Chooses a mode as the person would (stored for the thread, or kept until it exists).
    void choose(ApprovalMode mode);
    // The next mode in the list (wraps around).
    void cycle();
    // The choice made before the thread existed; taken (and cleared) by the pane.
    std::optional<ApprovalMode> takePendingMode();

signals:
    // A change could not be stored: what happened and what to do.
    void errorOccurred(const QString &message);

private:
    void showMode(ApprovalMode mode);

    ApprovalRules &m_rules;
    RowId m_thread = 0;
    std::optional<ApprovalMode> m_pending;
};
