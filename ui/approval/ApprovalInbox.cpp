#include "ApprovalInbox.h"

#include "approval/ApprovalCenter.h"
#include "approval/ApprovalInboxModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QTreeView>
#include <QVBoxLayout>

ApprovalInbox::ApprovalInbox(ApprovalCenter &center, QWidget *parent)
    : QDialog(parent)
    , m_center(center)
{
    setObjectName(QStringLiteral("approvalInbox"));
    setWindowTitle(tr("Waiting for your approval"));
    setModal(false);

    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("inboxCountLabel"));

    m_model = new ApprovalInboxModel(center, this);
    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("approvalInboxView"));
    m_view->setAccessibleName(tr("Waiting tool calls"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->resizeSection(ApprovalInboxModel::ThreadColumn, 160);
    m_view->header()->resizeSection(ApprovalInboxModel::ToolColumn, 110);
    m_view->installEventFilter(this);

    auto *keys = new QLabel(tr("Enter approves the selected calls, D denies them, Ctrl+A selects "
                               "every call of a thread, Space opens one."),
                            this);
    keys->setObjectName(QStringLiteral("inboxKeysLabel"));
    keys->setWordWrap(true);

    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("inboxDenyReasonEdit"));
    m_reason->setPlaceholderText(tr("Why not? The agent reads this (optional)"));
    m_reason->setClearButtonEnabled(true);
    m_reason->setAccessibleName(tr("Reason for denying"));
    auto *reasonTitle = new QLabel(tr("Deny &reason:"), this);
    reasonTitle->setBuddy(m_reason);
    auto *reasonRow = new QHBoxLayout;
    reasonRow->addWidget(reasonTitle);
    reasonRow->addWidget(m_reason, 1);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("inboxMessageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    m_deny = new QPushButton(tr("&Deny Selected"), this);
    m_deny->setObjectName(QStringLiteral("denySelectedButton"));
    m_open = new QPushButton(tr("&Open…"), this);
    m_open->setObjectName(QStringLiteral("openCallButton"));
    m_open->setToolTip(tr("Show the call with everything it does (Space)"));
    m_approve = new QPushButton(tr("&Approve Selected"), this);
    m_approve->setObjectName(QStringLiteral("approveSelectedButton"));
    m_close = new QPushButton(tr("&Close"), this);
    m_close->setObjectName(QStringLiteral("closeInboxButton"));
    m_close->setToolTip(tr("The calls keep waiting (Esc)"));
    // Enter belongs to the list (approve), never to a button by accident.
    for (QPushButton *button : {m_deny, m_open, m_approve, m_close}) {
        button->setAutoDefault(false);
        button->setDefault(false);
    }
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_deny);
    buttons->addStretch(1);
    buttons->addWidget(m_close);
    buttons->addWidget(m_open);
    buttons->addWidget(m_approve);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_count);
    layout->addWidget(m_view, 1);
    layout->addWidget(keys);
    layout->addLayout(reasonRow);
    layout->addWidget(m_message);
    layout->addLayout(buttons);
    resize(720, 420);

    connect(m_approve, &QPushButton::clicked, this, &ApprovalInbox::approveSelected);
    connect(m_deny, &QPushButton::clicked, this, &ApprovalInbox::denySelected);
    connect(m_reason, &QLineEdit::returnPressed, this, &ApprovalInbox::denySelected);
    connect(m_open, &QPushButton::clicked, this, &ApprovalInbox::openCurrent);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_view, &QTreeView::doubleClicked, this, &ApprovalInbox::openCurrent);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ApprovalInbox::updateState);
    connect(&m_center, &ApprovalCenter::queueChanged, this, &ApprovalInbox::reload);
    m_message->hide();
    reload();
}

QList<RowId> ApprovalInbox::selectedCalls() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    QList<RowId> ids;
    for (const int row : std::as_const(rows))
        ids.append(m_model->request(row).toolCallRowId);
    return ids;
}

void ApprovalInbox::reload()
{
    // A reset forgets the selection: keep it by call id, and when the current call was
    // answered, go on with the one that took its place.
    const QList<RowId> selected = selectedCalls();
    const QModelIndex current = m_view->currentIndex();
    const int currentRow = current.isValid() ? current.row() : 0;
    const RowId currentId = current.isValid() ? m_model->request(current.row()).toolCallRowId : 0;

    m_model->reload();

    QItemSelectionModel *selection = m_view->selectionModel();
    const int rows = m_model->rowCount();
    if (rows > 0) {
        int row = m_model->rowOf(currentId);
        const bool currentStays = row >= 0;
        if (!currentStays)
            row = std::min(currentRow, rows - 1);
        QItemSelection keep;
        for (const RowId id : selected) {
            const int r = m_model->rowOf(id);
            if (r >= 0)
                keep.select(m_model->index(r, 0),
                            m_model->index(r, ApprovalInboxModel::ColumnCount - 1));
        }
        const QModelIndex next = m_model->index(row, 0);
        if (keep.isEmpty())
            selection->setCurrentIndex(
                next, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        else {
            selection->setCurrentIndex(next, QItemSelectionModel::NoUpdate);
            selection->select(keep, QItemSelectionModel::ClearAndSelect);
        }
    }
    updateState();
}

void ApprovalInbox::updateState()
{
    const int rows = m_model->rowCount();
    QSet<RowId> threads;
    for (int row = 0; row < rows; ++row)
        threads.insert(m_model->request(row).threadId);
    const QString calls = tr("%n call(s) waiting", nullptr, rows);
    m_count->setText(rows == 0 ? tr("Nothing waits for your approval.")
                               : tr("%1 in %n thread(s)", nullptr, int(threads.size())).arg(calls));
    const int selected = int(m_view->selectionModel()->selectedRows().size());
    m_approve->setEnabled(selected > 0);
    m_deny->setEnabled(selected > 0);
    m_open->setEnabled(m_view->currentIndex().isValid());
    m_approve->setText(selected > 1 ? tr("&Approve %1").arg(selected) : tr("&Approve"));
    m_deny->setText(selected > 1 ? tr("&Deny %1").arg(selected) : tr("&Deny"));
}

void ApprovalInbox::selectCurrentThread()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    const RowId thread = m_model->request(current.row()).threadId;
    QItemSelection all;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->request(row).threadId == thread)
            all.select(m_model->index(row, 0),
                       m_model->index(row, ApprovalInboxModel::ColumnCount - 1));
    }
    m_view->selectionModel()->select(all, QItemSelectionModel::ClearAndSelect);
}

void ApprovalInbox::approveSelected()
{
    answer(ApprovalAnswer::approve());
}

void ApprovalInbox::denySelected()
{
    answer(ApprovalAnswer::deny(m_reason->text().trimmed()));
    m_reason->clear();
}

void ApprovalInbox::answer(const ApprovalAnswer &answer)
{
    const QList<RowId> ids = selectedCalls();
    if (ids.isEmpty())
        return;
    QString error;
    const int taken = m_center.resolve(ids, answer, &error);
    QString text = answer.kind == ApprovalAnswer::Kind::Approve
        ? tr("Approved %n call(s).", nullptr, taken)
        : tr("Denied %n call(s).", nullptr, taken);
    if (taken < ids.size())
        text += QLatin1Char(' ')
            + tr("%1 could not be answered: %2 They no longer wait.")
                  .arg(ids.size() - taken)
                  .arg(error.isEmpty() ? QString() : error + QLatin1Char('.'));
    m_message->setText(text);
    m_message->show();
    m_view->setFocus();
}

void ApprovalInbox::openCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    m_center.showPending(m_model->request(current.row()).toolCallRowId);
}

bool ApprovalInbox::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const auto mods = key->modifiers() & ~Qt::KeypadModifier;
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && mods == Qt::NoModifier) {
            approveSelected();
            return true;
        }
        if (key->key() == Qt::Key_D && mods == Qt::NoModifier) {
            denySelected();
            return true;
        }
        if (key->key() == Qt::Key_Space && mods == Qt::NoModifier) {
            openCurrent();
            return true;
        }
        if (key->matches(QKeySequence::SelectAll)) {
            selectCurrentThread();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}
