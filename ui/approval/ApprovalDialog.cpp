#include "ApprovalDialog.h"

#include "agent/ToolCatalog.h"
#include "approval/ApprovalArguments.h"
#include "approval/ApprovalCallView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace {
QLabel *selectableLabel(const char *objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(objectName));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}
} // namespace

ApprovalDialog::ApprovalDialog(const ToolCatalog &tools, QWidget *parent)
    : QDialog(parent)
    , m_tools(tools)
{
    setObjectName(QStringLiteral("approvalDialog"));
    setWindowTitle(tr("Approve a tool call"));

    m_tool = selectableLabel("approvalToolLabel", this);
    QFont bold = m_tool->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    m_tool->setFont(bold);
    m_description = selectableLabel("approvalDescriptionLabel", this);

    m_thread = selectableLabel("approvalThreadLabel", this);
    m_sandbox = selectableLabel("approvalSandboxLabel", this);
    m_step = selectableLabel("approvalStepLabel", this);
    auto *facts = new QFormLayout;
    facts->addRow(tr("Thread:"), m_thread);
    facts->addRow(tr("Sandbox:"), m_sandbox);
    facts->addRow(tr("Step:"), m_step);

    m_hidden = selectableLabel("approvalHiddenCharactersLabel", this);
    m_hidden->hide();

    m_modelReason = selectableLabel("approvalModelReasonLabel", this);
    m_modelReason->setAccessibleName(tr("What the agent said before this call"));
    m_modelReason->setFrameShape(QFrame::StyledPanel);
    m_modelReason->setMargin(6);
    m_modelReason->hide();

    m_callView = new ApprovalCallView(this);
    m_editArguments = new QPushButton(tr("&Edit Arguments (JSON)"), this);
    m_editArguments->setObjectName(QStringLiteral("editArgumentsButton"));
    m_editArguments->setCheckable(true);
    m_editArguments->setToolTip(
        tr("Show the call's arguments as JSON, exactly as they will run, to read or change them"));

    auto *argumentsTitle
        = new QLabel(tr("&Arguments (exactly what will run; edit to change):"), this);
    m_argumentsTitle = argumentsTitle;
    m_arguments = new QPlainTextEdit(this);
    m_arguments->setObjectName(QStringLiteral("approvalArgumentsEdit"));
    m_arguments->setAccessibleName(tr("Arguments as JSON"));
    m_arguments->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Never truncated: long values wrap, the editor scrolls.
    m_arguments->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_arguments->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_arguments->setTabChangesFocus(true);
    m_arguments->setMinimumHeight(220);
    argumentsTitle->setBuddy(m_arguments);
    m_validation = selectableLabel("approvalValidationLabel", this);
    m_validation->hide();

    m_alwaysAllow = new QCheckBox(this);
    m_alwaysAllow->setObjectName(QStringLiteral("alwaysAllowCheck"));

    // Why it asks (the mode or the rule), and the rule that would stop it asking.
    m_why = selectableLabel("approvalWhyLabel", this);
    m_why->setAccessibleName(tr("Why this call asks"));
    m_addRule = new QCheckBox(tr("Also add a &rule: always allow"), this);
    m_addRule->setObjectName(QStringLiteral("addRuleCheck"));
    m_rulePattern = new QLineEdit(this);
    m_rulePattern->setObjectName(QStringLiteral("rulePatternEdit"));
    m_rulePattern->setAccessibleName(tr("What the rule allows"));
    m_rulePattern->setToolTip(
        tr("* stands for any text (commands) or any name within a folder (paths); ** for any "
           "folders"));
    m_rulePattern->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ruleScope = new QComboBox(this);
    m_ruleScope->setObjectName(QStringLiteral("ruleScopeCombo"));
    m_ruleScope->setAccessibleName(tr("Where the rule applies"));
    m_ruleScope->addItem(tr("in this thread"), false);
    m_ruleScope->addItem(tr("everywhere"), true);
    connect(m_addRule, &QCheckBox::toggled, m_rulePattern, &QWidget::setEnabled);
    connect(m_addRule, &QCheckBox::toggled, m_ruleScope, &QWidget::setEnabled);
    auto *ruleRow = new QHBoxLayout;
    ruleRow->addWidget(m_addRule);
    ruleRow->addWidget(m_rulePattern, 1);
    ruleRow->addWidget(m_ruleScope);

    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("denyReasonEdit"));
    m_reason->setPlaceholderText(tr("Why not? The agent reads this (optional)"));
    m_reason->setClearButtonEnabled(true);
    m_reason->setToolTip(tr("Enter denies the call with this reason"));
    m_reason->setAccessibleName(tr("Reason for denying"));
    auto *reasonTitle = new QLabel(tr("Deny &reason:"), this);
    reasonTitle->setBuddy(m_reason);
    auto *reasonRow = new QHBoxLayout;
    reasonRow->addWidget(reasonTitle);
    reasonRow->addWidget(m_reason, 1);

    m_queue = selectableLabel("approvalQueueLabel", this);
    m_queue->hide();
    m_effects = selectableLabel("approvalEffectsLabel", this);
    m_effects->hide();
    m_covered = selectableLabel("approvalCoveredLabel", this);
    m_covered->hide();

    m_deny = new QPushButton(tr("&Deny"), this);
    m_deny->setObjectName(QStringLiteral("denyButton"));
    m_later = new QPushButton(tr("Decide &Later"), this);
    m_later->setObjectName(QStringLiteral("laterButton"));
    m_later->setToolTip(tr("Close this dialog; the call keeps waiting (Esc)"));
    m_approveAll = new QPushButton(this);
    m_approveAll->setObjectName(QStringLiteral("approveAllButton"));
    m_approve = new QPushButton(tr("&Approve"), this);
    m_approve->setObjectName(QStringLiteral("approveButton"));
    m_approve->setToolTip(tr("Run this call (Ctrl+Enter)"));
    // Enter in the reason or the editor must never approve by accident.
    for (QPushButton *button : {m_deny, m_later, m_approveAll, m_approve}) {
        button->setAutoDefault(false);
        button->setDefault(false);
    }
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_deny);
    buttons->addStretch(1);
    buttons->addWidget(m_later);
    buttons->addWidget(m_approveAll);
    buttons->addWidget(m_approve);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tool);
    layout->addWidget(m_description);
    layout->addLayout(facts);
    layout->addWidget(m_effects);
    layout->addWidget(m_hidden);
    layout->addWidget(m_modelReason);
    layout->addWidget(m_callView, 1);
    layout->addWidget(m_editArguments, 0, Qt::AlignLeft);
    layout->addWidget(argumentsTitle);
    layout->addWidget(m_arguments, 1);
    layout->addWidget(m_validation);
    layout->addWidget(m_why);
    layout->addLayout(ruleRow);
    layout->addWidget(m_alwaysAllow);
    layout->addLayout(reasonRow);
    layout->addWidget(m_covered);
    layout->addWidget(m_queue);
    layout->addLayout(buttons);
    resize(680, 640);

    connect(m_arguments, &QPlainTextEdit::textChanged, this, &ApprovalDialog::validate);
    connect(m_editArguments, &QPushButton::toggled, this, &ApprovalDialog::setEditorShown);
    connect(m_approve, &QPushButton::clicked, this, [this] { approve(false); });
    connect(m_approveAll, &QPushButton::clicked, this, [this] { approve(true); });
    connect(m_deny, &QPushButton::clicked, this, &ApprovalDialog::deny);
    connect(m_reason, &QLineEdit::returnPressed, this, &ApprovalDialog::deny);
    connect(m_later, &QPushButton::clicked, this, &QDialog::reject);
    for (const QKeySequence &keys :
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, this);
        connect(shortcut, &QShortcut::activated, this, [this] {
            if (m_approve->isEnabled())
                approve(false);
        });
    }
}

void ApprovalDialog::showVerdictAndProposal()
{
    const ApprovalVerdict &verdict = m_request.verdict;
    QString why = verdict.reason.isEmpty()
        ? tr("Asks because of the mode %1.").arg(ApprovalModes::displayName(verdict.mode))
        : tr("Asks because %1 (mode: %2).")
              .arg(verdict.reason, ApprovalModes::displayName(verdict.mode));
    if (verdict.ruleId != 0 && !verdict.rule.isEmpty())
        why += QLatin1Char(' ') + tr("Rule: %1.").arg(verdict.rule);
    m_why->setText(why);
    const RuleProposal &proposal = m_request.proposal;
    const bool hasProposal = !proposal.rule.tool.isEmpty();
    m_addRule->setVisible(hasProposal);
    m_rulePattern->setVisible(hasProposal && proposal.rule.match != ApprovalRule::Match::Any);
    m_ruleScope->setVisible(hasProposal);
    m_addRule->setChecked(false);
    m_addRule->setText(
        tr("Also add a &rule: always allow %1").arg(proposal.rule.tool)
        + (proposal.rule.match == ApprovalRule::Match::Any ? QString() : QStringLiteral(":")));
    m_addRule->setToolTip(proposal.summary);
    m_rulePattern->setText(proposal.rule.pattern);
    m_rulePattern->setEnabled(false);
    m_ruleScope->setCurrentIndex(0);
    m_ruleScope->setEnabled(false);
}

void ApprovalDialog::setSandboxService(SandboxService *sandboxes)
{
    m_callView->setSandboxService(sandboxes);
}

void ApprovalDialog::setEditorShown(bool shown)
{
    const bool hasView = ApprovalCallView::hasViewFor(m_request.toolName);
    m_callView->setVisible(hasView);
    m_editArguments->setVisible(hasView);
    m_argumentsTitle->setVisible(!hasView || shown);
    m_arguments->setVisible(!hasView || shown);
    if (hasView && shown)
        m_arguments->setFocus();
}

void ApprovalDialog::showRequest(const ApprovalRequest &request, const QString &threadTitle,
                                 const QString &modelReason)
{
    m_request = request;
    const ToolDefinition *tool = m_tools.find(request.toolName);
    m_tool->setText(request.toolName);
    m_description->setText(tool ? tool->description : tr("A tool the app does not know."));
    setThreadTitle(threadTitle);
    m_sandbox->setText(request.sandboxId.isEmpty() ? tr("none yet (this call does not name one)")
                                                   : request.sandboxId);
    const QStringList hidden = ApprovalArguments::hiddenCharacters(request.arguments);
    m_hidden->setVisible(!hidden.isEmpty());
    m_hidden->setText(hidden.isEmpty()
                          ? QString()
                          : tr("⚠ The arguments contain invisible or direction-changing "
                               "characters (%1). They are shown as \\u escapes below; read "
                               "them before approving.")
                                .arg(hidden.join(QLatin1String(", "))));
    QStringList effects;
    for (const QString &effect : request.effects)
        effects << QStringLiteral("• ") + effect;
    m_effects->setText(effects.isEmpty() ? QString()
                                         : tr("This call will:\n%1").arg(effects.join(u'\n')));
    m_effects->setVisible(!effects.isEmpty());
    m_alwaysAllow->setChecked(false);
    m_alwaysAllow->setText(tr("Always allow %1 in this thread").arg(request.toolName));
    showVerdictAndProposal();
    m_reason->clear();
    m_modelReason->setText(modelReason.trimmed().isEmpty()
                               ? QString()
                               : tr("The agent said before this call:\n%1")
                                     .arg(ApprovalArguments::visible(modelReason.trimmed(), true)));
    m_modelReason->setVisible(!m_modelReason->text().isEmpty());
    m_editArguments->setChecked(false);
    setEditorShown(false);
    m_arguments->setPlainText(ApprovalArguments::toEditableText(request.arguments));
    setPosition(1, request.batchSize, 1);
    validate();
    if (m_arguments->isVisibleTo(this))
        m_arguments->setFocus();
    else
        m_approve->setFocus();
}

void ApprovalDialog::setPosition(int callIndex, int callCount, int waitingInStep)
{
    m_step->setText(
        callCount > 1
            ? tr("%1, call %2 of %3").arg(m_request.stepIndex + 1).arg(callIndex).arg(callCount)
            : QString::number(m_request.stepIndex + 1));
    m_approveAll->setVisible(waitingInStep > 1);
    m_approveAll->setText(tr("Approve A&ll %1").arg(waitingInStep));
    m_approveAll->setToolTip(
        tr("Run every call of this step that is waiting (the edits here apply to this call)"));
}

void ApprovalDialog::setCoveredCalls(const QList<ApprovalRequest> &others)
{
    QStringList lines;
    for (const ApprovalRequest &r : others) {
        QString line = QStringLiteral("• %1 %2").arg(
            r.toolName, ApprovalArguments::toEditableText(r.arguments).simplified());
        for (const QString &effect : r.effects)
            line += QStringLiteral("\n    %1").arg(effect);
        lines << line;
    }
    m_covered->setText(lines.isEmpty() ? QString()
                                       : tr("Approve All also runs, exactly as shown:\n%1")
                                             .arg(lines.join(QLatin1Char('\n'))));
    m_covered->setVisible(!lines.isEmpty());
}

void ApprovalDialog::setQueue(int moreWaiting, const QStringList &threadTitles)
{
    m_queue->setVisible(moreWaiting > 0);
    m_queue->setText(moreWaiting > 0 ? tr("%n more waiting (%1)", nullptr, moreWaiting)
                                           .arg(threadTitles.join(QLatin1String(", ")))
                                     : QString());
}

void ApprovalDialog::setThreadTitle(const QString &title)
{
    m_thread->setText(title);
}

void ApprovalDialog::showError(const QString &message)
{
    m_validation->setText(tr("⚠ The call could not be answered: %1").arg(message));
    m_validation->show();
}

void ApprovalDialog::validate()
{
    const auto checked
        = ApprovalArguments::check(m_arguments->toPlainText(), m_tools.find(m_request.toolName));
    m_valid = checked.ok;
    m_edited = checked.ok && checked.arguments != m_request.arguments ? checked.arguments
                                                                      : QJsonObject();
    if (!checked.ok)
        m_validation->setText(QStringLiteral("⚠ ") + checked.problem);
    else if (!m_edited.isEmpty())
        m_validation->setText(tr("Edited: the changed arguments will run."));
    else
        m_validation->clear();
    m_validation->setVisible(!m_validation->text().isEmpty());
    m_approve->setEnabled(m_valid);
    m_approveAll->setEnabled(m_valid);
    m_alwaysAllow->setEnabled(m_valid);
    // The readable view always shows what Approve would run.
    if (checked.ok && ApprovalCallView::hasViewFor(m_request.toolName))
        m_callView->showCall(m_request.toolName, checked.arguments);
}

void ApprovalDialog::approve(bool wholeBatch)
{
    if (!m_valid || !hasRequest())
        return;
    ApprovalAnswer answer = ApprovalAnswer::approve();
    answer.editedArguments = m_edited;
    answer.alwaysAllowInThread = m_alwaysAllow->isChecked();
    answer.applyToBatch = wholeBatch;
    if (m_addRule->isVisible() && m_addRule->isChecked()) {
        ApprovalRule rule = m_request.proposal.rule;
        rule.action = ApprovalRule::Action::Allow;
        if (rule.match != ApprovalRule::Match::Any)
            rule.pattern = m_rulePattern->text().trimmed();
        rule.threadId = m_ruleScope->currentData().toBool() ? 0 : m_request.threadId;
        QString problem;
        if (!rule.isValid(&problem)) {
            showError(tr("The rule cannot be added: %1").arg(problem));
            return;
        }
        answer.addRule = rule;
    }
    emit answered(m_request, answer);
}

void ApprovalDialog::deny()
{
    if (!hasRequest())
        return;
    emit answered(m_request, ApprovalAnswer::deny(m_reason->text().trimmed()));
}
