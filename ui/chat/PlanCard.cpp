#include "PlanCard.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

PlanCard::PlanCard(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("planCard"));
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("The agent's plan"));

    m_title = new QLabel(tr("<b>The agent's plan</b> (Plan mode: nothing was changed). Run it, "
                            "edit it first, or reject it."),
                         this);
    m_title->setObjectName(QStringLiteral("planCardTitle"));
    m_title->setWordWrap(true);
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("planTextEdit"));
    m_text->setAccessibleName(tr("Plan"));
    m_text->setReadOnly(true);
    m_text->setTabChangesFocus(true);
    m_text->setMaximumHeight(180);

    m_edit = new QPushButton(tr("&Edit Plan"), this);
    m_edit->setObjectName(QStringLiteral("editPlanButton"));
    m_edit->setCheckable(true);
    const struct
    {
        ApprovalMode mode;
        const char *name;
        QString text;
    } runs[] = {{ApprovalMode::AutoEdit, "runPlanAutoEditButton", tr("Run in A&uto-edit")},
                {ApprovalMode::Ask, "runPlanAskButton", tr("Run in As&k")},
                {ApprovalMode::Full, "runPlanFullButton", tr("Run in F&ull")}};
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_edit);
    buttons->addStretch(1);
    for (const auto &run : runs) {
        auto *button = new QPushButton(run.text, this);
        button->setObjectName(QString::fromLatin1(run.name));
        button->setToolTip(ApprovalModes::description(run.mode));
        const ApprovalMode mode = run.mode;
        connect(button, &QPushButton::clicked, this,
                [this, mode] { emit approveRequested(m_planId, mode, text()); });
        buttons->addWidget(button);
    }

    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("planRejectReasonEdit"));
    m_reason->setAccessibleName(tr("Reason for rejecting the plan"));
    m_reason->setPlaceholderText(tr("Why not? The agent reads this (optional)"));
    auto *reject = new QPushButton(tr("&Reject"), this);
    reject->setObjectName(QStringLiteral("rejectPlanButton"));
    auto *rejectRow = new QHBoxLayout;
    rejectRow->addWidget(m_reason, 1);
    rejectRow->addWidget(reject);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("planCardError"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_text);
    layout->addLayout(buttons);
    layout->addLayout(rejectRow);
    layout->addWidget(m_error);

    connect(m_edit, &QPushButton::toggled, this, [this](bool on) {
        m_text->setReadOnly(!on);
        if (on)
            m_text->setFocus();
    });
    const auto rejectNow = [this] { emit rejectRequested(m_planId, m_reason->text().trimmed()); };
    connect(reject, &QPushButton::clicked, this, rejectNow);
    connect(m_reason, &QLineEdit::returnPressed, this, rejectNow);
}

void PlanCard::showPlan(RowId planId, const QString &text)
{
    m_planId = planId;
    m_original = text;
    m_text->setPlainText(text);
    m_edit->setChecked(false);
    m_text->setReadOnly(true);
    m_reason->clear();
    m_error->hide();
}

QString PlanCard::text() const
{
    return m_text->toPlainText();
}

void PlanCard::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}
