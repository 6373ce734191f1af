#include "ApprovalRulesPage.h"

#include "core/Settings.h"
#include "services/ApprovalRules.h"
#include "settings/ApprovalRulesModel.h"
#include "settings/RuleEditDialog.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

ApprovalRulesPage::ApprovalRulesPage(ApprovalRules &rules, const QStringList &toolNames,
                                     QWidget *parent)
    : QWidget(parent)
    , m_rules(rules)
    , m_toolNames(toolNames)
{
    setObjectName(QStringLiteral("approvalRulesPage"));

    m_defaultMode = new QComboBox(this);
    m_defaultMode->setObjectName(QStringLiteral("defaultModeCombo"));
    for (const ApprovalMode mode :
         {ApprovalMode::Plan, ApprovalMode::Ask, ApprovalMode::AutoEdit, ApprovalMode::Full}) {
        m_defaultMode->addItem(ApprovalModes::displayName(mode), ApprovalModes::toString(mode));
        m_defaultMode->setItemData(m_defaultMode->count() - 1, ApprovalModes::description(mode),
                                   Qt::ToolTipRole);
    }
    auto *modeLabel = new QLabel(tr("Default &mode of new threads:"), this);
    modeLabel->setBuddy(m_defaultMode);
    auto *modeRow = new QHBoxLayout;
    modeRow->addWidget(modeLabel);
    modeRow->addWidget(m_defaultMode);
    modeRow->addStretch(1);

    m_model = new ApprovalRulesModel(rules, this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("approvalRulesView"));
    m_view->setAccessibleName(tr("Approval rules"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(ApprovalRulesModel::MatchColumn,
                                                     QHeaderView::Stretch);
    m_view->setTabKeyNavigation(false);
    m_view->installEventFilter(this);
    auto *rulesLabel = new QLabel(
        tr("&Rules (deny wins over allow; otherwise the most specific rule decides; what no "
           "rule covers follows the thread's mode):"),
        this);
    rulesLabel->setWordWrap(true);
    rulesLabel->setBuddy(m_view);

    m_add = new QPushButton(tr("A&dd…"), this);
    m_add->setObjectName(QStringLiteral("addRuleButton"));
    m_edit = new QPushButton(tr("&Edit…"), this);
    m_edit->setObjectName(QStringLiteral("editRuleButton"));
    m_toggle = new QPushButton(tr("D&isable"), this);
    m_toggle->setObjectName(QStringLiteral("toggleRuleButton"));
    m_delete = new QPushButton(tr("De&lete"), this);
    m_delete->setObjectName(QStringLiteral("deleteRuleButton"));
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_add, m_edit, m_toggle, m_delete}) {
        b->setAutoDefault(false);
        buttons->addWidget(b);
    }
    buttons->addStretch(1);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("approvalRulesProblem"));
    m_problem->setWordWrap(true);
    m_problem->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(modeRow);
    layout->addWidget(rulesLabel);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_problem);

    connect(m_add, &QPushButton::clicked, this, &ApprovalRulesPage::addRule);
    connect(m_edit, &QPushButton::clicked, this, &ApprovalRulesPage::editCurrent);
    connect(m_toggle, &QPushButton::clicked, this, &ApprovalRulesPage::toggleCurrent);
    connect(m_delete, &QPushButton::clicked, this, &ApprovalRulesPage::deleteCurrent);
    connect(m_view, &QTableView::doubleClicked, this, &ApprovalRulesPage::editCurrent);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ApprovalRulesPage::updateButtons);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ApprovalRulesPage::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ApprovalRulesPage::updateButtons);
    connect(m_model, &ApprovalRulesModel::errorOccurred, this, &ApprovalRulesPage::showProblem);
    updateButtons();
}

void ApprovalRulesPage::setThreadTitleLookup(std::function<QString(RowId)> lookup)
{
    m_model->setThreadTitleLookup(std::move(lookup));
}

void ApprovalRulesPage::load(const Settings &settings)
{
    const auto mode = ApprovalModes::fromString(settings.defaultApprovalMode());
    const int index
        = m_defaultMode->findData(ApprovalModes::toString(mode.value_or(m_rules.defaultMode())));
    m_defaultMode->setCurrentIndex(qMax(0, index));
}

void ApprovalRulesPage::apply(Settings &settings)
{
    settings.setDefaultApprovalMode(m_defaultMode->currentData().toString());
}

void ApprovalRulesPage::updateButtons()
{
    const QModelIndex current = m_view->currentIndex();
    const bool has = current.isValid();
    m_edit->setEnabled(has);
    m_toggle->setEnabled(has);
    m_delete->setEnabled(has);
    m_toggle->setText(has && !m_model->rule(current.row()).enabled ? tr("Ena&ble")
                                                                   : tr("D&isable"));
}

void ApprovalRulesPage::showProblem(const QString &message)
{
    m_problem->setText(message);
    m_problem->setVisible(!message.isEmpty());
}

void ApprovalRulesPage::addRule()
{
    ApprovalRule rule;
    rule.action = ApprovalRule::Action::Allow;
    rule.tool = QStringLiteral("runCommand");
    rule.match = ApprovalRule::Match::Glob;
    openEditor(rule);
}

void ApprovalRulesPage::editCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid())
        openEditor(m_model->rule(current.row()));
}

void ApprovalRulesPage::openEditor(const ApprovalRule &rule)
{
    auto *dialog = new RuleEditDialog(rule, m_toolNames, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RuleEditDialog::ruleReady, this, [this](const ApprovalRule &edited) {
        const auto saved = edited.id == 0 ? m_rules.add(edited) : m_rules.update(edited);
        if (!saved) {
            showProblem(tr("The rule was not saved: %1").arg(saved.error()));
            return;
        }
        showProblem({});
        const int row = m_model->rowOf(saved->id);
        if (row >= 0)
            m_view->setCurrentIndex(m_model->index(row, 0));
    });
    dialog->open();
}

void ApprovalRulesPage::toggleCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    const ApprovalRule &rule = m_model->rule(current.row());
    if (const StoreStatus saved = m_rules.setEnabled(rule.id, !rule.enabled); !saved)
        showProblem(tr("The rule was not changed: %1").arg(saved.error()));
    else
        showProblem({});
}

void ApprovalRulesPage::deleteCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    const int row = current.row();
    if (const StoreStatus removed = m_rules.remove(m_model->rule(row).id); !removed) {
        showProblem(tr("The rule was not deleted: %1").arg(removed.error()));
        return;
    }
    showProblem({});
    if (m_model->rowCount() > 0)
        m_view->setCurrentIndex(m_model->index(std::min(row, m_model->rowCount() - 1), 0));
}

bool ApprovalRulesPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Delete) {
            deleteCurrent();
            return true;
        }
        if (key->key() == Qt::Key_Space) {
            toggleCurrent();
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            editCurrent();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
