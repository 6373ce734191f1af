// Settings > Approvals, the rules part: every approval rule with its scope, when it last
// matched and how often; add, edit, disable, delete (each change is stored at once through
// ApprovalRules and applies to the next call, also in a running run); and the default mode of
// threads that have none of their own (written with the dialog's OK / Apply).
#pragma once

#include "agent/ApprovalRule.h"

#include <QWidget>

#include <functional>

class ApprovalRules;
class ApprovalRulesModel;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;
class Settings;

class ApprovalRulesPage final : public QWidget
{
    Q_OBJECT

public:
    ApprovalRulesPage(ApprovalRules &rules, const QStringList &toolNames,
                      QWidget *parent = nullptr);

    void setThreadTitleLookup(std::function<QString(RowId)> lookup);
    QTableView *view() const { return m_view; }
    ApprovalRulesModel *model() const { return m_model; }
    QComboBox *defaultModeCombo() const { return m_defaultMode; }

    void load(const Settings &settings);
    void apply(Settings &settings);

    // The actions of the buttons, on the current row.
    void addRule();
    void editCurrent();
    void toggleCurrent();
    void deleteCurrent();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void openEditor(const ApprovalRule &rule);
    void updateButtons();
    void showProblem(const QString &message);

    ApprovalRules &m_rules;
    QStringList m_toolNames;
    ApprovalRulesModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QComboBox *m_defaultMode = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_toggle = nullptr;
    QPushButton *m_delete = nullptr;
    QLabel *m_problem = nullptr;
};
