#include "RuleEditDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

RuleEditDialog::RuleEditDialog(const ApprovalRule &rule, const QStringList &toolNames,
                               QWidget *parent)
    : QDialog(parent)
    , m_rule(rule)
{
    setObjectName(QStringLiteral("ruleEditDialog"));
    setWindowTitle(rule.id == 0 ? tr("Add an Approval Rule") : tr("Edit an Approval Rule"));

    m_action = new QComboBox(this);
    m_action->setObjectName(QStringLiteral("ruleActionCombo"));
    m_action->addItem(tr("Allow (runs without asking)"), int(ApprovalRule::Action::Allow));
    m_action->addItem(tr("Ask"), int(ApprovalRule::Action::Ask));
    m_action->addItem(tr("Deny (never runs)"), int(ApprovalRule::Action::Deny));
    m_tool = new QComboBox(this);
    m_tool->setObjectName(QStringLiteral("ruleToolCombo"));
    m_tool->setEditable(true);
    m_tool->addItem(QStringLiteral("*"));
    m_tool->addItems(toolNames);
    m_match = new QComboBox(this);
    m_match->setObjectName(QStringLiteral("ruleMatchCombo"));
    m_match->addItem(tr("Any call of the tool"), int(ApprovalRule::Match::Any));
    m_match->addItem(tr("Exactly"), int(ApprovalRule::Match::Exact));
    m_match->addItem(tr("Starting with"), int(ApprovalRule::Match::Prefix));
    m_match->addItem(tr("Pattern (* and **)"), int(ApprovalRule::Match::Glob));
    m_pattern = new QLineEdit(this);
    m_pattern->setObjectName(QStringLiteral("rulePatternEdit"));
    m_pattern->setPlaceholderText(tr("python3 -m pytest *   or   src/**/*.py"));
    m_sandbox = new QLineEdit(this);
    m_sandbox->setObjectName(QStringLiteral("ruleSandboxEdit"));
    m_sandbox->setPlaceholderText(tr("any sandbox"));
    m_scope = new QComboBox(this);
    m_scope->setObjectName(QStringLiteral("ruleScopeCombo"));
    m_scope->addItem(tr("Everywhere"), RowId(0));
    if (rule.threadId != 0)
        m_scope->addItem(tr("Only in the thread it was made in"), rule.threadId);

    auto *form = new QFormLayout;
    const auto row = [&](const QString &text, QWidget *field) {
        auto *label = new QLabel(text, this);
        label->setBuddy(field);
        form->addRow(label, field);
    };
    row(tr("&Action:"), m_action);
    row(tr("&Tool:"), m_tool);
    row(tr("&Matches:"), m_match);
    row(tr("&Command or path:"), m_pattern);
    row(tr("Sand&box:"), m_sandbox);
    row(tr("S&cope:"), m_scope);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("ruleProblemLabel"));
    m_problem->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    m_action->setCurrentIndex(m_action->findData(int(rule.action)));
    m_tool->setCurrentText(rule.tool.isEmpty() ? QStringLiteral("runCommand") : rule.tool);
    m_match->setCurrentIndex(m_match->findData(int(rule.match)));
    m_pattern->setText(rule.pattern);
    m_sandbox->setText(rule.sandboxId);
    m_scope->setCurrentIndex(qMax(0, m_scope->findData(rule.threadId)));

    connect(m_buttons, &QDialogButtonBox::accepted, this, &RuleEditDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_tool, &QComboBox::currentTextChanged, this, &RuleEditDialog::check);
    connect(m_match, &QComboBox::currentIndexChanged, this, &RuleEditDialog::check);
    connect(m_pattern, &QLineEdit::textChanged, this, &RuleEditDialog::check);
    check();
}

ApprovalRule RuleEditDialog::rule() const
{
    ApprovalRule r = m_rule;
    r.action = ApprovalRule::Action(m_action->currentData().toInt());
    r.tool = m_tool->currentText().trimmed();
    r.match = ApprovalRule::Match(m_match->currentData().toInt());
    r.pattern = r.match == ApprovalRule::Match::Any ? QString() : m_pattern->text().trimmed();
    r.sandboxId = m_sandbox->text().trimmed();
    r.threadId = m_scope->currentData().toLongLong();
    return r;
}

void RuleEditDialog::check()
{
    m_pattern->setEnabled(m_match->currentData().toInt() != int(ApprovalRule::Match::Any));
    QString problem;
    const bool ok = rule().isValid(&problem);
    m_problem->setText(ok ? QString() : problem);
    m_problem->setVisible(!ok);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

void RuleEditDialog::accept()
{
    if (!rule().isValid())
        return;
    emit ruleReady(rule());
    QDialog::accept();
}
