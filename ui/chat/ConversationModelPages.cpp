// ConversationModel reading a thread from the store: the newest page first, older pages as
// the view asks for them, and a tool call's result only when a card shows it.
#include "ConversationModel.h"

#include "services/RunHistory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <limits>

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
    beginResetModel();
    m_thread = threadId;
    m_items.clear();
    m_byToolCallRowId.clear();
    m_byCallId.clear();
    m_activeRuns.clear();
    m_lastMessageId = 0;
    m_oldestPosition = std::numeric_limits<int>::max();
    m_oldestAtMs = std::numeric_limits<qint64>::max();
    m_oldestRunId = -1;
    m_hasOlder = false;
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
            ok = loadPage(&items, error);
        }
        m_items = std::move(items);
        for (int row = 0; row < m_items.size(); ++row)
            indexItem(row);
    }
    endResetModel();
    return ok;
}

int ConversationModel::loadOlder()
{
    QList<Item> items;
    // A page of tool results alone shows nothing: go on to the next.
    while (m_thread != 0 && m_hasOlder && items.isEmpty())
        if (!loadPage(&items, nullptr))
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
    return added;
}

// Reads the page of messages before the oldest one shown into *out (oldest first) and moves
// the oldest-shown marks to its start.
bool ConversationModel::loadPage(QList<Item> *out, QString *error)
{
    const auto messages = m_history.listMessagesBefore(m_thread, m_oldestPosition, kPageMessages);
    if (!messages) {
        if (error)
            *error = messages.error();
        return false;
    }
    const bool older = messages->size() == kPageMessages && messages->first().position > 0;
    QSet<RowId> withMessages;
    QList<RowId> runIds;
    for (const MessageRecord &message : *messages) {
        if (message.runId != 0 && !withMessages.contains(message.runId)) {
            withMessages.insert(message.runId);
            runIds.append(message.runId);
        }
    }
    // Runs without messages between this page's first message and the rows already shown.
    const qint64 silentFrom = older ? messages->first().createdAt.toMSecsSinceEpoch()
                                    : std::numeric_limits<qint64>::min();
    const auto runs = m_history.listRunsOfPage(m_thread, runIds, silentFrom, m_oldestAtMs);
    const auto toolCalls = m_history.listToolCallSummaries(runIds);
    if (!runs || !toolCalls) {
        if (error)
            *error = !runs ? runs.error() : toolCalls.error();
        return false;
    }
    const RowId continuingRun = m_oldestRunId;
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
    // A run that goes on in the newer rows already shown ends there, not here.
    if (currentRun != 0 && currentRun != continuingRun)
        finishRun(runById.value(currentRun));
    for (const RunRecord &run : std::as_const(silent))
        finishRun(run);

    m_hasOlder = older;
    if (!messages->isEmpty()) {
        m_oldestPosition = messages->first().position;
        m_oldestAtMs = silentFrom;
        m_oldestRunId = messages->first().runId;
        for (const MessageRecord &message : *messages) {
            // The run the user sees first decides whether an older page's last run ended.
            if (message.role == MessageRole::User || message.role == MessageRole::Assistant) {
                m_oldestRunId = message.runId;
                break;
            }
        }
        m_lastMessageId = qMax(m_lastMessageId, messages->last().id);
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
