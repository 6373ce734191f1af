// Adds or edits one approval rule: allow / ask / deny, the tool (or every tool), what it
// matches (any call, exactly, starting with, or a glob such as `python3 -m pytest *` or
// `src/**/*.py`), an optional sandbox, and its scope (everywhere, or the thread it was made
// in). Checks the rule as it is typed; OK answers through ruleReady (opened with open()).
#pragma once

#include "agent/ApprovalRule.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

class RuleEditDialog final : public QDialog
{
    Q_OBJECT

public:
    RuleEditDialog(const ApprovalRule &rule, const QStringList &toolNames,
                   QWidget *parent = nullptr);

    // The rule as it stands in the fields (its id, counters and thread kept from the start).
    ApprovalRule rule() const;

    void accept() override;

signals:
    void ruleReady(const ApprovalRule &rule);

private:
    void check();

    ApprovalRule m_rule;
    QComboBox *m_action = nullptr;
    QComboBox *m_tool = nullptr;
    QComboBox *m_match = nullptr;
    QLineEdit *m_pattern = nullptr;
    QLineEdit *m_sandbox = nullptr;
    QComboBox *m_scope = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};
