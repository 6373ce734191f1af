// ConversationModel reading a thread from the store: the newest page first, older pages as
// the view asks for them (and newer ones again after older pages pushed them out of the
// window of rows held), and a tool call's result only when a card shows it.
#include "ConversationModel.h"

#include "services/RunHistory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <limits>
#include <utility>

namespace {

ConversationModel::ToolStatus statusFromStore(ToolCallStatus status)
{
    using S = ConversationModel::ToolStatus;
    switch (status) {
    case ToolCallStatus::Proposed:
        return S::WaitingApproval;
    case ToolCallStatus::Approved:
    case ToolCallStatus::Running:
        return S::Running;
    case ToolCallStatus::Done:
        return S::Done;
    case ToolCallStatus::Denied:
    case ToolCallStatus::Failed:
    case ToolCallStatus::OutcomeUnknown:
        return S::Failed;
    }
    return S::Failed;
}

bool stoppedAtBudget(const RunRecord &run)
{
    return run.status == RunStatus::Completed
        && run.error.startsWith(QLatin1String("stopped at the thread's budget"));
}

bool stoppedAtLimit(const RunRecord &run)
{
    return (run.status == RunStatus::Completed
            && run.error.startsWith(QLatin1String("stopped at the step limit")))
        || stoppedAtBudget(run);
}

bool endsWithRow(const RunRecord &run)
{
    return run.status == RunStatus::Failed || run.status == RunStatus::Interrupted
        || stoppedAtLimit(run);
}

} // namespace

bool ConversationModel::setThread(RowId threadId, QString *error)
{
    return readFrom(threadId, Direction::Older, error);
}

// Rows again from one end of the thread: the newest page (Older: read backwards from the end) or
// the oldest (Newer: read forwards from the start).
bool ConversationModel::readFrom(RowId threadId, Direction direction, QString *error)
{
    beginResetModel();
    m_thread = threadId;
    m_items.clear();
    m_byToolCallRowId.clear();
    m_byCallId.clear();
    m_activeRuns.clear();
    m_pages.clear();
    m_pendingNotices.clear();
    m_lastMessageId = 0;
    m_oldestPosition = std::numeric_limits<int>::max();
    m_oldestAtMs = std::numeric_limits<qint64>::max();
    m_oldestRunId = -1;
    m_hasOlder = false;
    m_hasNewer = false;
    m_latestRun = 0;
    bool ok = true;
    if (threadId != 0) {
        const auto latest = m_history.latestRunId(threadId);
        QList<Item> items;
        if (!latest) {
            ok = false;
            if (error)
                *error = latest.error();
        } else {
            m_latestRun = *latest;
            m_hasNewer = direction == Direction::Newer; // until the page says
            ok = loadPage(direction, &items, error);
        }
        m_items = std::move(items);
        reindex();
    }
    endResetModel();
    return ok;
}

bool ConversationModel::showNewest(QString *error)
{
    if (!m_hasNewer)
        return true;
    QList<Item> notices = std::exchange(m_pendingNotices, {});
    const bool ok = setThread(m_thread, error);
    append(std::move(notices));
    return ok;
}

bool ConversationModel::showOldest(QString *error)
{
    if (!m_hasOlder)
        return true;
    // Notices of runs that went on below wait for the newest page, as they do while it is not
    // held.
    QList<Item> notices = std::exchange(m_pendingNotices, {});
    const bool ok = readFrom(m_thread, Direction::Newer, error);
    m_pendingNotices = std::move(notices);
    return ok;
}

int ConversationModel::loadOlder()
{
    QList<Item> items;
    // A page of tool results alone shows nothing: go on to the next.
    while (m_thread != 0 && m_hasOlder && items.isEmpty())
        if (!loadPage(Direction::Older, &items, nullptr))
            m_hasOlder = false;
    if (items.isEmpty())
        return 0;
    const int added = int(items.size());
    beginInsertRows({}, 0, added - 1);
    items.append(std::move(m_items));
    m_items = std::move(items);
    // Every row moved down.
    for (int &row : m_byToolCallRowId)
        row += added;
    for (int &row : m_byCallId)
        row += added;
    for (int row = 0; row < added; ++row)
        indexItem(row);
    endInsertRows();
    dropNewest();
    return added;
}

int ConversationModel::loadNewer()
{
    QList<Item> items;
    while (m_thread != 0 && m_hasNewer && items.isEmpty())
        if (!loadPage(Direction::Newer, &items, nullptr))
            m_hasNewer = false; // what the store cannot give is not shown
    if (!m_hasNewer)
        items.append(std::exchange(m_pendingNotices, {}));
    const int added = int(items.size());
    append(std::move(items));
    dropOldest();
    return added;
}

void ConversationModel::dropNewest()
{
    const int before = int(m_items.size());
    while (m_items.size() > kMaxRows && m_pages.size() > 2) {
        const int serial = m_pages.takeLast().serial;
        int first = int(m_items.size());
        while (first > 0 && m_items.at(first - 1).page == serial)
            --first;
        if (first < m_items.size()) {
            beginRemoveRows({}, first, int(m_items.size()) - 1);
            m_items.resize(first);
            endRemoveRows();
        }
        m_hasNewer = true;
    }
    if (m_items.size() == before)
        return;
    const int kept = int(m_items.size());
    const auto gone = [kept](const auto &entry) { return entry.value() >= kept; };
    m_byToolCallRowId.removeIf(gone);
    m_byCallId.removeIf(gone);
}

void ConversationModel::dropOldest()
{
    bool dropped = false;
    int removed = 0;
    while (m_items.size() > kMaxRows && m_pages.size() > 2) {
        const Page page = m_pages.takeFirst();
        int count = 0;
        while (count < m_items.size() && m_items.at(count).page == page.serial)
            ++count;
        if (count > 0) {
            beginRemoveRows({}, 0, count - 1);
            m_items.remove(0, count);
            endRemoveRows();
        }
        removed += count;
        dropped = true;
    }
    if (!dropped)
        return;
    // The next older page ends where the oldest page held begins.
    const Page &top = m_pages.first();
    m_hasOlder = true;
    m_oldestPosition = top.firstPosition;
    m_oldestAtMs = top.silentFromMs;
    m_oldestRunId = top.firstRun;
    // Every row held moved up.
    const auto gone = [removed](const auto &entry) { return entry.value() < removed; };
    m_byToolCallRowId.removeIf(gone);
    m_byCallId.removeIf(gone);
    for (int &row : m_byToolCallRowId)
        row -= removed;
    for (int &row : m_byCallId)
        row -= removed;
}

void ConversationModel::reindex()
{
    m_byToolCallRowId.clear();
    m_byCallId.clear();
    for (int row = 0; row < m_items.size(); ++row)
        indexItem(row);
}

// Reads the page of messages before the oldest one held (or after the newest one held) into
// *out, oldest first, and moves the window's marks to include it.
bool ConversationModel::loadPage(Direction direction, QList<Item> *out, QString *error)
{
    const bool newer = direction == Direction::Newer;
    const int after = m_pages.isEmpty() ? -1 : m_pages.last().lastPosition;
    auto read = newer ? m_history.listMessagesAfterPosition(m_thread, after, kPageMessages + 1)
                      : m_history.listMessagesBefore(m_thread, m_oldestPosition, kPageMessages);
    if (!read) {
        if (error)
            *error = read.error();
        return false;
    }
    QList<MessageRecord> page = std::move(read).value();
    // Whether more messages lie beyond the page; the time span its runs without messages
    // started in (up to the first message beyond it); and the run that goes on past its last
    // message, which does not end here (its end rows are shown below, or come with the next
    // newer page).
    bool more = false;
    qint64 silentFrom = std::numeric_limits<qint64>::min();
    qint64 silentTo = std::numeric_limits<qint64>::max();
    RowId continuingRun = -1;
    if (newer) {
        more = page.size() > kPageMessages;
        if (more) {
            silentTo = page.takeLast().createdAt.toMSecsSinceEpoch();
            const auto next = m_history.firstShownRunAfter(m_thread, page.last().position);
            if (!next) {
                if (error)
                    *error = next.error();
                return false;
            }
            continuingRun = *next;
        }
        if (page.isEmpty()) {
            m_hasNewer = false;
            return true;
        }
        silentFrom = page.first().createdAt.toMSecsSinceEpoch();
    } else {
        more = page.size() == kPageMessages && page.first().position > 0;
        if (more)
            silentFrom = page.first().createdAt.toMSecsSinceEpoch();
        silentTo = m_oldestAtMs;
        continuingRun = m_oldestRunId;
    }
    const QList<MessageRecord> *const messages = &page;
    const qsizetype firstRow = out->size();
    QSet<RowId> withMessages;
    QList<RowId> runIds;
    for (const MessageRecord &message : *messages) {
        if (message.runId != 0 && !withMessages.contains(message.runId)) {
            withMessages.insert(message.runId);
            runIds.append(message.runId);
        }
    }
    // Runs without messages between this page's first message and the next page's.
    const auto runs = m_history.listRunsOfPage(m_thread, runIds, silentFrom, silentTo);
    const auto toolCalls = m_history.listToolCallSummaries(runIds);
    if (!runs || !toolCalls) {
        if (error)
            *error = !runs ? runs.error() : toolCalls.error();
        return false;
    }
    QHash<RowId, RunRecord> runById;
    for (const RunRecord &run : *runs) {
        runById.insert(run.id, run);
        if (run.status == RunStatus::Running)
            m_activeRuns.insert(run.id);
    }
    QHash<QString, ToolCallRecord> calls;
    for (const ToolCallRecord &call : *toolCalls)
        calls.insert(callKey(call.runId, call.callId), call);
    const RowId lastRun = m_latestRun;
    QSet<RowId> ended;
    // Each finished run's changes card, appended after the run's last row.
    QHash<RowId, Item> cards;
    const auto endRow = [&](const RunRecord &run) {
        if (ended.contains(run.id))
            return;
        ended.insert(run.id);
        if (run.status != RunStatus::Running) {
            if (auto card = runChangesItem(run.id))
                cards.insert(run.id, *card);
        }
        if (!endsWithRow(run))
            return;
        const bool limit = stoppedAtLimit(run);
        Item item = newItem(limit ? Kind::StepLimit : Kind::Error, 0, run.id);
        if (limit && stoppedAtBudget(run)) {
            item.text = tr("Stopped at the thread's budget; raise it (click the cost in "
                           "the status bar), then continue.");
        } else if (limit) {
            item.text = tr("Stopped at the step limit; continue to let the agent go on.");
        } else if (run.status == RunStatus::Interrupted) {
            item.text = tr("The run was interrupted when the app stopped.");
            item.errorKind = QStringLiteral("interrupted");
        } else {
            item.text = run.error.isEmpty() ? tr("The run failed.") : run.error;
        }
        item.actionable = run.id == lastRun;
        out->append(item);
    };
    const auto finishRun = [&](const RunRecord &run) {
        endRow(run);
        if (cards.contains(run.id))
            out->append(cards.take(run.id));
    };
    // Runs that produced no message (they failed at once) sit before the first message
    // that came after them.
    QList<RunRecord> silent;
    for (const RunRecord &run : *runs)
        if (!withMessages.contains(run.id))
            silent.append(run);

    RowId currentRun = 0;
    for (const MessageRecord &message : *messages) {
        m_lastMessageId = qMax(m_lastMessageId, message.id);
        if (message.role == MessageRole::Tool || message.role == MessageRole::System)
            continue;
        if (message.runId != currentRun && currentRun != 0)
            finishRun(runById.value(currentRun));
        currentRun = message.runId;
        // A run starts after the user message that asked for it, maybe in the same ms.
        while (!silent.isEmpty()
               && (silent.first().startedAt < message.createdAt
                   || (silent.first().startedAt == message.createdAt
                       && message.role != MessageRole::User))) {
            finishRun(silent.first());
            silent.removeFirst();
        }
        if (message.role == MessageRole::User) {
            Item item = newItem(Kind::UserMessage, message.id, 0);
            item.text = message.text();
            out->append(item);
            continue;
        }
        const bool streaming = message.status == MessageStatus::Streaming;
        for (const QJsonValue &value : message.parts) {
            const QJsonObject part = value.toObject();
            const QString type = part.value(QLatin1String("type")).toString();
            if (type == QLatin1String("text") || type == QLatin1String("reasoning")) {
                const QString text = part.value(QLatin1String("text")).toString();
                if (text.isEmpty())
                    continue;
                Item item
                    = newItem(type == QLatin1String("text") ? Kind::AssistantText : Kind::Reasoning,
                              message.id, message.runId);
                item.text = text;
                item.streaming = streaming;
                out->append(item);
            } else if (type == QLatin1String("tool-call")) {
                Item item = newItem(Kind::ToolCall, message.id, message.runId);
                item.toolCallId = part.value(QLatin1String("toolCallId")).toString();
                item.toolName = part.value(QLatin1String("toolName")).toString();
                item.arguments = part.value(QLatin1String("args")).toObject();
                const auto call = calls.constFind(callKey(message.runId, item.toolCallId));
                if (call != calls.cend()) {
                    item.toolCallRowId = call->id;
                    item.status = statusFromStore(call->status);
                    if (call->startedAt.isValid() && call->finishedAt.isValid())
                        item.durationMs = call->startedAt.msecsTo(call->finishedAt);
                    if (item.status == ToolStatus::Done)
                        item.link = linkOf(item.toolName,
                                           QJsonDocument::fromJson(call->result.toUtf8()).object());
                } else {
                    item.status = ToolStatus::Failed; // never proposed
                }
                out->append(item);
            }
        }
    }
    // A run that goes on in the newer rows ends there, not here.
    if (currentRun != 0 && currentRun != continuingRun)
        finishRun(runById.value(currentRun));
    for (const RunRecord &run : std::as_const(silent))
        finishRun(run);

    if (messages->isEmpty()) {
        m_hasOlder = false;
        return true;
    }
    Page held;
    held.serial = m_nextPage++;
    held.firstPosition = messages->first().position;
    held.lastPosition = messages->last().position;
    held.silentFromMs = silentFrom;
    held.firstRun = messages->first().runId;
    for (const MessageRecord &message : *messages) {
        // The run the user sees first decides whether an older page's last run ended.
        if (message.role == MessageRole::User || message.role == MessageRole::Assistant) {
            held.firstRun = message.runId;
            break;
        }
    }
    for (qsizetype row = firstRow; row < out->size(); ++row)
        (*out)[row].page = held.serial;
    m_lastMessageId = qMax(m_lastMessageId, messages->last().id);
    if (newer) {
        m_hasNewer = more;
        m_pages.append(held);
    } else {
        m_hasOlder = more;
        m_oldestPosition = held.firstPosition;
        m_oldestAtMs = silentFrom;
        m_oldestRunId = held.firstRun;
        m_pages.prepend(held);
    }
    return true;
}

// Pages are read without tool results (a card's header needs none); an open card, its
// accessible description and its file list read the one result they show, once.
QJsonValue ConversationModel::resultOf(const Item &item) const
{
    if (!item.result.isUndefined())
        return item.result;
    if (item.resultText.isEmpty() && !item.resultRead && item.toolCallRowId != 0
        && (item.status == ToolStatus::Done || item.status == ToolStatus::Failed)) {
        item.resultRead = true;
        if (const auto call = m_history.toolCall(item.toolCallRowId))
            item.resultText = call->result;
    }
    if (item.resultText.isEmpty())
        return item.result;
    return QJsonDocument::fromJson(item.resultText.toUtf8()).object();
}
