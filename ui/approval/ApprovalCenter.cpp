#include "ApprovalCenter.h"

#include "agent/AgentEngine.h"
#include "agent/RunEvent.h"
#include "approval/ApprovalDialog.h"
#include "approval/ApprovalInbox.h"
#include "core/Logging.h"

#include <QWidget>

ApprovalCenter::ApprovalCenter(AgentEngine &engine, const ToolCatalog &tools, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_engine(engine)
    , m_tools(tools)
    , m_dialogParent(dialogParent)
{
    connect(&m_engine, &AgentEngine::runEvent, this, &ApprovalCenter::onRunEvent);
    // Calls that were already waiting (asked before this center existed) are asked again.
    m_queue = m_engine.pendingApprovals();
    m_announcedCount = int(m_queue.size());
    if (!m_queue.isEmpty())
        QMetaObject::invokeMethod(this, &ApprovalCenter::showNext, Qt::QueuedConnection);
}

ApprovalCenter::~ApprovalCenter()
{
    if (m_engine.approver() == this)
        m_engine.setApprover(nullptr);
    delete m_dialog.data(); // null when its parent window already deleted it
    delete m_inbox.data();
}

ApprovalInbox *ApprovalCenter::inbox() const
{
    return m_inbox;
}

bool ApprovalCenter::inboxOpen() const
{
    return m_inbox && m_inbox->isVisible();
}

void ApprovalCenter::showInbox()
{
    if (!m_inbox)
        m_inbox = new ApprovalInbox(*this, m_dialogParent);
    if (m_dialog && m_dialog->isVisible())
        m_dialog->hide(); // one place to decide at a time; the calls keep waiting
    if (!m_inbox->isVisible())
        m_inbox->show(); // not modal: the window stays usable beside it
    m_inbox->raise();
    m_inbox->activateWindow();
}

void ApprovalCenter::setSandboxService(SandboxService *sandboxes)
{
    m_sandboxes = sandboxes;
    if (m_dialog)
        m_dialog->setSandboxService(sandboxes);
}

const ApprovalRequest *ApprovalCenter::find(RowId toolCallRowId) const
{
    const auto it = std::find_if(m_queue.cbegin(), m_queue.cend(), [&](const ApprovalRequest &r) {
        return r.toolCallRowId == toolCallRowId;
    });
    return it == m_queue.cend() ? nullptr : &*it;
}

int ApprovalCenter::resolve(const QList<RowId> &toolCallRowIds, const ApprovalAnswer &answer,
                            QString *error)
{
    int taken = 0;
    QStringList problems;
    m_answering = true;
    for (const RowId id : toolCallRowIds) {
        QString why;
        if (m_engine.resolveApproval(id, answer, &why))
            ++taken;
        else
            problems << why;
        removeWhere([id](const ApprovalRequest &r) { return r.toolCallRowId == id; });
    }
    m_answering = false;
    if (error)
        *error = problems.join(QLatin1String("; "));
    settle();
    return taken;
}

ApprovalDialog *ApprovalCenter::dialog() const
{
    return m_dialog;
}

void ApprovalCenter::setThreadTitleLookup(std::function<QString(RowId)> lookup)
{
    m_titleOf = std::move(lookup);
    refreshDialog();
}

QString ApprovalCenter::threadTitle(RowId threadId) const
{
    const QString title = m_titleOf ? m_titleOf(threadId) : QString();
    return title.isEmpty() ? tr("Thread %1").arg(threadId) : title;
}

QStringList ApprovalCenter::pendingDescriptions() const
{
    QStringList lines;
    for (const ApprovalRequest &request : m_queue)
        lines << tr("%1 in %2").arg(request.toolName, threadTitle(request.threadId));
    return lines;
}

void ApprovalCenter::approvalRequested(const ApprovalRequest &request)
{
    const auto it = std::find_if(m_queue.begin(), m_queue.end(), [&](const ApprovalRequest &r) {
        return r.toolCallRowId == request.toolCallRowId;
    });
    if (it != m_queue.end())
        *it = request;
    else
        m_queue.append(request);
    qCDebug(lcUi) << "approval requested for" << request.toolName << "in thread"
                  << request.threadId;
    if (!m_reasons.contains(request.toolCallRowId))
        m_reasons.insert(request.toolCallRowId, m_stepText.value(request.threadId).trimmed());
    emit callWaiting(request);
    if (m_answering)
        return; // settle() after the answer shows it
    // With the inbox open the new call joins its list instead of taking the screen.
    if ((!m_dialog || !m_dialog->isVisible()) && !inboxOpen())
        present(request);
    settle();
}

void ApprovalCenter::showNext()
{
    if (m_queue.isEmpty()) {
        if (m_dialog)
            m_dialog->hide();
        return;
    }
    present(m_queue.constFirst());
    settle();
}

void ApprovalCenter::showPending(RowId toolCallRowId)
{
    const auto it = std::find_if(m_queue.cbegin(), m_queue.cend(), [&](const ApprovalRequest &r) {
        return r.toolCallRowId == toolCallRowId;
    });
    if (it == m_queue.cend())
        return;
    const ApprovalRequest request = *it; // present() may change the queue's storage
    if (m_dialog && m_dialog->isVisible() && m_dialog->request().toolCallRowId != toolCallRowId)
        m_dialog->hide(); // a different call: start afresh, not on top of half-made edits
    present(request);
    settle();
}

ApprovalDialog *ApprovalCenter::ensureDialog()
{
    if (!m_dialog) {
        m_dialog = new ApprovalDialog(m_tools, m_dialogParent);
        m_dialog->setSandboxService(m_sandboxes);
        connect(m_dialog, &ApprovalDialog::answered, this, &ApprovalCenter::onAnswered);
    }
    return m_dialog;
}

void ApprovalCenter::present(const ApprovalRequest &request)
{
    ApprovalDialog *dialog = ensureDialog();
    if (!dialog->hasRequest() || dialog->request().toolCallRowId != request.toolCallRowId
        || !dialog->isVisible())
        dialog->showRequest(request, threadTitle(request.threadId),
                            reasonFor(request.toolCallRowId));
    refreshDialog();
    if (!dialog->isVisible())
        dialog->open();
    dialog->raise();
    dialog->activateWindow();
}

void ApprovalCenter::refreshDialog()
{
    if (!m_dialog || !m_dialog->hasRequest())
        return;
    const ApprovalRequest &current = m_dialog->request();
    m_dialog->setThreadTitle(threadTitle(current.threadId));

    // "Call i of n": the calls of the same step that still wait, in the order asked; those
    // answered before them count as earlier calls.
    QList<RowId> sameStep;
    QList<ApprovalRequest> covered; // what "Approve All" runs besides this call
    QStringList others;
    for (const ApprovalRequest &r : std::as_const(m_queue)) {
        if (r.runId == current.runId && r.stepIndex == current.stepIndex) {
            sameStep.append(r.toolCallRowId);
            if (r.toolCallRowId != current.toolCallRowId)
                covered.append(r);
        }
        if (r.toolCallRowId != current.toolCallRowId) {
            const QString title = threadTitle(r.threadId);
            if (!others.contains(title))
                others.append(title);
        }
    }
    const int waiting = int(sameStep.size());
    const int count = std::max(current.batchSize, waiting);
    const int index = count - waiting + int(sameStep.indexOf(current.toolCallRowId)) + 1;
    m_dialog->setPosition(index, count, waiting);
    m_dialog->setCoveredCalls(covered);
    const int more
        = int(std::count_if(m_queue.cbegin(), m_queue.cend(), [&](const ApprovalRequest &r) {
              return r.toolCallRowId != current.toolCallRowId;
          }));
    m_dialog->setQueue(more, others);
}

void ApprovalCenter::onAnswered(const ApprovalRequest &request, const ApprovalAnswer &answer)
{
    m_answering = true;
    QString error;
    const bool ok = m_engine.resolveApproval(request.toolCallRowId, answer, &error);
    if (!ok) {
        const bool stillWaiting
            = std::any_of(m_queue.cbegin(), m_queue.cend(), [&](const ApprovalRequest &r) {
                  return r.toolCallRowId == request.toolCallRowId;
              });
        const auto engineWaiting = m_engine.pendingApprovals();
        const bool engineHasIt = std::any_of(
            engineWaiting.cbegin(), engineWaiting.cend(),
            [&](const ApprovalRequest &r) { return r.toolCallRowId == request.toolCallRowId; });
        if (stillWaiting && engineHasIt) {
            m_answering = false;
            if (m_dialog)
                m_dialog->showError(error);
            return;
        }
        // The call stopped waiting behind our back (its run ended): drop it, go on.
        qCInfo(lcUi) << "approval answer not taken:" << error;
        removeWhere(
            [&](const ApprovalRequest &r) { return r.toolCallRowId == request.toolCallRowId; });
    } else if (answer.kind == ApprovalAnswer::Kind::Approve && answer.alwaysAllowInThread) {
        // "Stop asking about this tool in this thread" covers the calls already waiting too.
        QList<RowId> same;
        for (const ApprovalRequest &r : std::as_const(m_queue)) {
            if (r.threadId == request.threadId && r.toolName == request.toolName
                && r.toolCallRowId != request.toolCallRowId)
                same.append(r.toolCallRowId);
        }
        for (RowId id : std::as_const(same)) {
            QString ignored;
            m_engine.resolveApproval(id, ApprovalAnswer::approve(), &ignored);
        }
    }
    // The engine reported each resolution (ApprovalResolved); make sure the answered call is
    // gone even if the run ended on the way.
    removeWhere([&](const ApprovalRequest &r) { return r.toolCallRowId == request.toolCallRowId; });
    m_answering = false;
    settle();
}

void ApprovalCenter::onRunEvent(const RunEvent &event)
{
    switch (event.type) {
    case RunEvent::Type::StepStarted:
        m_stepText.remove(event.threadId);
        return;
    case RunEvent::Type::TextDelta:
        m_stepText[event.threadId] += event.text;
        return;
    case RunEvent::Type::ApprovalResolved:
        removeWhere(
            [&](const ApprovalRequest &r) { return r.toolCallRowId == event.toolCallRowId; });
        break;
    case RunEvent::Type::RunCancelled:
    case RunEvent::Type::RunFailed:
    case RunEvent::Type::RunFinished:
        removeWhere([&](const ApprovalRequest &r) { return r.threadId == event.threadId; });
        m_stepText.remove(event.threadId);
        break;
    case RunEvent::Type::ThreadTitleChanged:
        refreshDialog();
        return;
    default:
        return;
    }
    if (!m_answering)
        settle();
}

void ApprovalCenter::removeWhere(const std::function<bool(const ApprovalRequest &)> &matches)
{
    for (const ApprovalRequest &r : std::as_const(m_queue)) {
        if (matches(r))
            m_reasons.remove(r.toolCallRowId);
    }
    m_queue.removeIf(matches);
}

void ApprovalCenter::settle()
{
    if (m_dialog && m_dialog->hasRequest()) {
        const RowId shown = m_dialog->request().toolCallRowId;
        const bool gone
            = std::none_of(m_queue.cbegin(), m_queue.cend(),
                           [shown](const ApprovalRequest &r) { return r.toolCallRowId == shown; });
        if (gone) {
            if (m_dialog->isVisible() && !m_queue.isEmpty())
                present(m_queue.constFirst()); // after an answer, the next call
            else if (m_queue.isEmpty())
                m_dialog->hide();
        }
    }
    refreshDialog();
    emit queueChanged();
    if (m_announcedCount != int(m_queue.size())) {
        m_announcedCount = int(m_queue.size());
        emit pendingChanged(m_announcedCount);
    }
}
