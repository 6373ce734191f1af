// The conversation as rows: user messages, the agent's text and reasoning, tool cards, errors and
// each run's changes card, kept current from RunEvents (reading pages: ConversationModelPages.cpp).
#include "ConversationModel.h"

#include "services/RunHistory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace {

QString elided(QString text, int max = 120)
{
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    text = text.simplified();
    if (text.size() > max)
        text = text.left(max - 1) + QChar(0x2026);
    return text;
}

} // namespace

QString ConversationModel::callKey(RowId runId, const QString &callId)
{
    return QString::number(runId) + QLatin1Char(':') + callId;
}

ConversationModel::ConversationModel(const RunHistory &history, QObject *parent)
    : QAbstractListModel(parent)
    , m_history(history)
{
}

ConversationModel::Item ConversationModel::newItem(Kind kind, RowId messageId, RowId runId)
{
    Item item;
    item.kind = kind;
    item.key = m_nextKey++;
    item.messageId = messageId;
    item.runId = runId;
    return item;
}

QUrl ConversationModel::linkOf(const QString &toolName, const QJsonValue &result)
{
    if (toolName != QLatin1String("getPreviewLink"))
        return QUrl();
    const QUrl url(result.toObject().value(QLatin1String("url")).toString(), QUrl::StrictMode);
    if (!url.isValid()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return QUrl();
    return url;
}

void ConversationModel::indexItem(int row)
{
    const Item &item = m_items.at(row);
    if (item.kind != Kind::ToolCall)
        return;
    if (item.toolCallRowId)
        m_byToolCallRowId.insert(item.toolCallRowId, row);
    if (!item.toolCallId.isEmpty())
        m_byCallId.insert(callKey(item.runId, item.toolCallId), row);
}

void ConversationModel::append(QList<Item> items)
{
    if (items.isEmpty())
        return;
    // Rows that come live belong to the newest page held (they go when it goes).
    const int newest = m_pages.isEmpty() ? 0 : m_pages.last().serial;
    for (Item &item : items) {
        if (item.page == 0)
            item.page = newest;
    }
    const int first = int(m_items.size());
    beginInsertRows({}, first, first + int(items.size()) - 1);
    m_items.append(std::move(items));
    for (int row = first; row < m_items.size(); ++row)
        indexItem(row);
    endInsertRows();
}

void ConversationModel::changed(int row, const QList<int> &roles)
{
    ++m_items[row].revision;
    QList<int> all = roles;
    all.append(RevisionRole);
    const QModelIndex at = index(row);
    emit dataChanged(at, at, all);
}

int ConversationModel::findToolCall(RowId toolCallRowId, RowId runId, const QString &callId) const
{
    if (toolCallRowId) {
        const auto it = m_byToolCallRowId.constFind(toolCallRowId);
        if (it != m_byToolCallRowId.cend())
            return *it;
    }
    if (!callId.isEmpty()) {
        const auto it = m_byCallId.constFind(callKey(runId, callId));
        if (it != m_byCallId.cend())
            return *it;
    }
    return -1;
}

void ConversationModel::applyEvent(const RunEvent &event)
{
    if (m_thread == 0 || event.threadId != m_thread)
        return;
    using T = RunEvent::Type;
    if (m_hasNewer) {
        // The newest rows are not held. The engine stored what the event says before it
        // announced it, so the page that holds it shows it when it is read; here only rows
        // held change, and what the store does not keep waits.
        switch (event.type) {
        case T::RunStarted:
            m_activeRuns.insert(event.runId);
            m_latestRun = event.runId;
            clearActions();
            return;
        case T::ToolCallReady:
        case T::ApprovalRequested:
        case T::ApprovalResolved:
        case T::ToolCallFinished:
            if (findToolCall(event.toolCallRowId, event.runId, event.toolCallId) >= 0)
                break; // a card held: as below
            return;
        case T::RunFinished:
        case T::RunFailed:
        case T::RunCancelled:
            endStreaming(event.runId);
            runEnded(event.runId);
            return;
        case T::SandboxNotice: {
            Item item = newItem(Kind::Notice, 0, event.runId);
            item.text = event.text;
            m_pendingNotices.append(item);
            return;
        }
        default:
            return; // text and new cards come with their page
        }
    }
    switch (event.type) {
    case T::RunStarted:
        m_activeRuns.insert(event.runId);
        m_latestRun = event.runId; // pages read again offer Retry on its error only
        clearActions();
        catchUpWithStore();
        break;
    case T::StepStarted:
        m_lastMessageId = qMax(m_lastMessageId, event.messageId);
        break;
    case T::TextDelta:
        appendDelta(event, Kind::AssistantText);
        break;
    case T::ReasoningDelta:
        appendDelta(event, Kind::Reasoning);
        break;
    case T::ToolCallStarted: {
        if (findToolCall(0, event.runId, event.toolCallId) >= 0)
            break;
        Item item = newItem(Kind::ToolCall, event.messageId, event.runId);
        item.toolCallId = event.toolCallId;
        item.toolName = event.toolName;
        item.status = ToolStatus::Preparing;
        append({item});
        break;
    }
    case T::ToolCallArgsDelta:
        break;
    case T::ToolCallReady: {
        int row = findToolCall(event.toolCallRowId, event.runId, event.toolCallId);
        if (row < 0) {
            Item item = newItem(Kind::ToolCall, event.messageId, event.runId);
            item.toolCallId = event.toolCallId;
            item.toolCallRowId = event.toolCallRowId;
            item.toolName = event.toolName;
            item.arguments = event.arguments;
            item.status = ToolStatus::Running;
            append({item});
            break;
        }
        Item &item = m_items[row];
        item.toolCallRowId = event.toolCallRowId;
        item.toolName = event.toolName;
        item.arguments = event.arguments;
        if (item.status == ToolStatus::Preparing || item.status == ToolStatus::Failed)
            item.status = ToolStatus::Running; // approved by policy unless asked next
        indexItem(row);
        changed(row, {ToolSummaryRole, ToolStatusRole, ToolStatusTextRole, ToolCallRowIdRole});
        break;
    }
    case T::ApprovalRequested: {
        const int row = findToolCall(event.toolCallRowId, event.runId, event.toolCallId);
        if (row >= 0)
            setToolStatus(row, ToolStatus::WaitingApproval);
        break;
    }
    case T::ApprovalResolved: {
        const int row = findToolCall(event.toolCallRowId, event.runId, event.toolCallId);
        if (row < 0)
            break;
        const bool denied = event.decision == ApprovalDecision::Denied;
        if (!event.arguments.isEmpty() && !denied)
            m_items[row].arguments = event.arguments; // the user may have edited them
        setToolStatus(row, denied ? ToolStatus::Failed : ToolStatus::Running);
        break;
    }
    case T::ToolCallFinished: {
        const int row = findToolCall(event.toolCallRowId, event.runId, event.toolCallId);
        if (row < 0)
            break;
        m_items[row].result = event.result;
        if (!event.isError) {
            m_items[row].link = linkOf(m_items[row].toolName, event.result);
            if (!m_items[row].link.isEmpty())
                changed(row, {ToolLinkRole});
        }
        setToolStatus(row, event.isError ? ToolStatus::Failed : ToolStatus::Done, event.durationMs);
        changed(row, {ToolResultRole});
        break;
    }
    case T::StepFinished:
        break;
    case T::RunFinished:
        endStreaming(event.runId);
        runEnded(event.runId);
        if (event.stoppedAtLimit) {
            Item item = newItem(Kind::StepLimit, 0, event.runId);
            item.text = event.stoppedAtBudget
                ? event.text
                : tr("Stopped at the step limit; continue to let the agent go on.");
            item.actionable = true;
            append({item});
        }
        refreshRunChanges(event.runId);
        break;
    case T::RunFailed: {
        endStreaming(event.runId);
        runEnded(event.runId);
        Item item = newItem(Kind::Error, 0, event.runId);
        item.text = event.error.isEmpty() ? tr("The run failed.") : event.error;
        item.errorKind = event.errorKindName();
        item.actionable = true;
        append({item});
        refreshRunChanges(event.runId);
        break;
    }
    case T::RunCancelled:
        endStreaming(event.runId);
        runEnded(event.runId);
        refreshRunChanges(event.runId);
        break;
    case T::ThreadTitleChanged:
        break;
    case T::SandboxNotice: {
        Item item = newItem(Kind::Notice, 0, event.runId);
        item.text = event.text;
        append({item});
        break;
    }
    }
}

void ConversationModel::appendDelta(const RunEvent &event, Kind kind)
{
    if (event.text.isEmpty())
        return;
    if (!m_items.isEmpty()) {
        const int row = int(m_items.size()) - 1;
        Item &last = m_items[row];
        if (last.kind == kind && last.messageId == event.messageId) {
            last.text += event.text;
            last.streaming = true;
            changed(row, {TextRole, StreamingRole});
            return;
        }
    }
    Item item = newItem(kind, event.messageId, event.runId);
    item.text = event.text;
    item.streaming = true;
    append({item});
}

void ConversationModel::setToolStatus(int row, ToolStatus status, qint64 durationMs)
{
    Item &item = m_items[row];
    if (item.status == status && (durationMs < 0 || durationMs == item.durationMs))
        return;
    item.status = status;
    if (durationMs >= 0)
        item.durationMs = durationMs;
    changed(row, {ToolStatusRole, ToolStatusTextRole, ToolDurationRole});
}

void ConversationModel::endStreaming(RowId runId)
{
    for (int row = int(m_items.size()) - 1; row >= 0; --row) {
        Item &item = m_items[row];
        if (item.runId != runId) {
            if (item.kind == Kind::UserMessage)
                break; // earlier rows belong to earlier runs
            continue;
        }
        if (item.streaming) {
            item.streaming = false;
            changed(row, {StreamingRole});
        }
        if (item.kind == Kind::ToolCall
            && (item.status == ToolStatus::Preparing || item.status == ToolStatus::Running
                || item.status == ToolStatus::WaitingApproval))
            setToolStatus(row, ToolStatus::Failed); // the run ended without it
    }
}

void ConversationModel::clearActions()
{
    for (int row = 0; row < m_items.size(); ++row) {
        if (m_items.at(row).actionable) {
            m_items[row].actionable = false;
            changed(row, {ActionableRole});
        }
    }
}

// The engine stores the user's message before RunStarted but announces no event for it.
void ConversationModel::catchUpWithStore()
{
    const auto messages = m_history.listMessagesAfter(m_thread, m_lastMessageId);
    if (!messages)
        return;
    QList<Item> items;
    for (const MessageRecord &message : *messages) {
        if (message.id <= m_lastMessageId)
            continue;
        m_lastMessageId = message.id;
        if (message.role != MessageRole::User)
            continue;
        Item item = newItem(Kind::UserMessage, message.id, 0);
        item.text = message.text();
        items.append(item);
    }
    append(std::move(items));
}

std::optional<ConversationModel::Item> ConversationModel::runChangesItem(RowId runId)
{
    if (!m_runChanges || runId == 0)
        return std::nullopt;
    const std::optional<RunChangeSummary> summary = m_runChanges(runId);
    if (!summary || summary->files <= 0)
        return std::nullopt;
    Item item = newItem(Kind::RunChanges, 0, runId);
    item.text = runChangesText(*summary);
    return item;
}

QString ConversationModel::runChangesText(const RunChangeSummary &summary)
{
    return tr("%n file(s) changed, +%1 \u2212%2", nullptr, summary.files)
        .arg(summary.linesAdded)
        .arg(summary.linesRemoved);
}

void ConversationModel::refreshRunChanges(RowId runId)
{
    if (m_thread == 0 || runId == 0)
        return;
    int card = -1;
    int lastOfRun = -1;
    for (int row = int(m_items.size()) - 1; row >= 0; --row) {
        const Item &item = m_items.at(row);
        if (item.runId != runId)
            continue;
        if (item.kind == Kind::RunChanges) {
            card = row;
            break;
        }
        if (lastOfRun < 0)
            lastOfRun = row;
    }
    const std::optional<Item> fresh = runChangesItem(runId);
    if (card >= 0) {
        if (!fresh) {
            beginRemoveRows({}, card, card);
            m_items.removeAt(card);
            endRemoveRows();
            // Rows after it moved up by one.
            m_byToolCallRowId.clear();
            m_byCallId.clear();
            for (int row = 0; row < m_items.size(); ++row)
                indexItem(row);
        } else if (m_items.at(card).text != fresh->text) {
            m_items[card].text = fresh->text;
            changed(card, {TextRole});
        }
        return;
    }
    if (!fresh || lastOfRun < 0)
        return;
    // The run may go on below the rows held: its card comes with the page where it ends.
    if (m_hasNewer && lastOfRun == m_items.size() - 1)
        return;
    // A card goes under a finished run only (checkpoints also land while it runs).
    if (const auto run = m_history.run(runId); !run || run->status == RunStatus::Running)
        return;
    const int at = lastOfRun + 1;
    beginInsertRows({}, at, at);
    m_items.insert(at, *fresh);
    m_items[at].page = m_items.at(lastOfRun).page;
    if (at != m_items.size() - 1) {
        m_byToolCallRowId.clear();
        m_byCallId.clear();
        for (int row = 0; row < m_items.size(); ++row)
            indexItem(row);
    }
    endInsertRows();
}

int ConversationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant ConversationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &item = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (item.kind == Kind::ToolCall)
            return QString(item.toolName + QLatin1Char(' ')
                           + argumentSummary(item.toolName, item.arguments));
        return item.text;
    case KindRole:
        return QVariant::fromValue(item.kind);
    case TextRole:
        return item.text;
    case RevisionRole:
        return item.revision;
    case KeyRole:
        return item.key;
    case MessageIdRole:
        return item.messageId;
    case RunIdRole:
        return item.runId;
    case StreamingRole:
        return item.streaming;
    case ExpandedRole:
        return item.kind == Kind::ToolCall ? isExpanded(item) : item.expanded;
    case ToolNameRole:
        return item.toolName;
    case ToolSummaryRole:
        return argumentSummary(item.toolName, item.arguments);
    case ToolStatusRole:
        return QVariant::fromValue(item.status);
    case ToolStatusTextRole:
        return item.kind == Kind::ToolCall ? statusText(item.status) : QString();
    case ToolDurationRole:
        return item.durationMs;
    case ToolCallRowIdRole:
        return item.toolCallRowId;
    case ErrorKindRole:
        return item.errorKind;
    case ActionableRole:
        return item.actionable;
    case ToolLinkRole:
        return item.link;
    case ToolArgumentsRole:
        return item.arguments;
    case ToolResultRole:
        return resultOf(item);
    case ToolShowAllRole:
        return item.showAll;
    case Qt::AccessibleTextRole:
        return accessibleText(item);
    case Qt::AccessibleDescriptionRole:
        return accessibleDescription(item);
    default:
        return {};
    }
}

bool ConversationModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if ((role != ExpandedRole && role != ToolShowAllRole)
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    Item &item = m_items[index.row()];
    if (item.kind == Kind::ToolCall) {
        if (role == ToolShowAllRole) {
            if (item.showAll == value.toBool())
                return false;
            item.showAll = value.toBool();
            changed(index.row(), {ToolShowAllRole});
            return true;
        }
        if (isExpanded(item) == value.toBool())
            return false;
        item.userExpanded = value.toBool() ? 1 : 0;
        changed(index.row(), {ExpandedRole});
        return true;
    }
    if (role != ExpandedRole)
        return false;
    if (item.kind != Kind::Reasoning || item.expanded == value.toBool())
        return false;
    item.expanded = value.toBool();
    changed(index.row(), {ExpandedRole});
    return true;
}

Qt::ItemFlags ConversationModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> ConversationModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{KindRole, "kind"},
                  {TextRole, "text"},
                  {RevisionRole, "revision"},
                  {KeyRole, "key"},
                  {MessageIdRole, "messageId"},
                  {RunIdRole, "runId"},
                  {StreamingRole, "streaming"},
                  {ExpandedRole, "expanded"},
                  {ToolNameRole, "toolName"},
                  {ToolSummaryRole, "toolSummary"},
                  {ToolStatusRole, "toolStatus"},
                  {ToolStatusTextRole, "toolStatusText"},
                  {ToolDurationRole, "toolDuration"},
                  {ToolCallRowIdRole, "toolCallRowId"},
                  {ErrorKindRole, "errorKind"},
                  {ActionableRole, "actionable"},
                  {ToolLinkRole, "toolLink"},
                  {ToolArgumentsRole, "toolArguments"},
                  {ToolResultRole, "toolResult"},
                  {ToolShowAllRole, "toolShowAll"}});
    return names;
}

QString ConversationModel::argumentSummary(const QString &toolName, const QJsonObject &arguments)
{
    Q_UNUSED(toolName)
    if (arguments.isEmpty())
        return {};
    // The argument a user recognises the call by, when there is one.
    static const char *const preferred[]
        = {"command", "path", "paths", "files", "name", "query", "pattern", "url", "code"};
    for (const char *key : preferred) {
        const QJsonValue value = arguments.value(QLatin1String(key));
        if (value.isString() && !value.toString().isEmpty())
            return elided(value.toString());
        if (value.isArray() && !value.toArray().isEmpty()) {
            QStringList items;
            for (const QJsonValue &entry : value.toArray()) {
                if (entry.isString())
                    items << entry.toString();
                else if (entry.isObject())
                    items << entry.toObject().value(QLatin1String("path")).toString();
            }
            items.removeAll(QString());
            if (!items.isEmpty())
                return elided(items.join(QLatin1String(", ")));
        }
    }
    return elided(QString::fromUtf8(QJsonDocument(arguments).toJson(QJsonDocument::Compact)));
}

QString ConversationModel::statusText(ToolStatus status)
{
    switch (status) {
    case ToolStatus::Preparing:
        return tr("preparing");
    case ToolStatus::WaitingApproval:
        return tr("waiting for approval");
    case ToolStatus::Running:
        return tr("running");
    case ToolStatus::Done:
        return tr("done");
    case ToolStatus::Failed:
        return tr("failed");
    }
    return {};
}

bool ConversationModel::isExpanded(const Item &item) const
{
    if (item.userExpanded >= 0)
        return item.userExpanded == 1;
    return m_activeRuns.contains(item.runId);
}

// The run's cards close, except those the user opened or closed by hand.
void ConversationModel::runEnded(RowId runId)
{
    if (!m_activeRuns.remove(runId))
        return;
    for (int row = int(m_items.size()) - 1; row >= 0; --row) {
        const Item &item = m_items.at(row);
        if (item.kind == Kind::UserMessage)
            break; // earlier rows belong to earlier runs
        if (item.kind == Kind::ToolCall && item.runId == runId && item.userExpanded < 0)
            changed(row, {ExpandedRole});
    }
}
