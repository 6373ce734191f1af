#include "RunTreeModel.h"

#include "RunTreeNode.h"
#include "RunTreeText.h"
#include "core/Logging.h"
#include "log/Redactor.h"
#include "log/StoredStepLog.h"
#include "services/RunHistory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

using namespace RunTreeText;

namespace {

QString keyApproval()
{
    return QStringLiteral("approval");
}
QString keyArguments()
{
    return QStringLiteral("arguments");
}
QString keyResult()
{
    return QStringLiteral("result");
}
QString keyUsage()
{
    return QStringLiteral("usage");
}
QString keyFirstToken()
{
    return QStringLiteral("timeToFirstTokenMs");
}

std::unique_ptr<JsonNode> makeJson(const QString &key, int rank, const QJsonValue &value,
                                   const QString &display = {})
{
    auto node = std::make_unique<JsonNode>();
    node->key = key;
    node->rank = rank;
    node->value = value;
    node->display = display;
    return node;
}

bool mayHaveChildren(const RunTreeNode *node)
{
    switch (node->kind) {
    case RunTreeNode::Kind::Run:
    case RunTreeNode::Kind::ToolCall:
        return true;
    case RunTreeNode::Kind::Step:
        return false; // built with its children
    case RunTreeNode::Kind::Json: {
        const QJsonValue &value = static_cast<const JsonNode *>(node)->value;
        return (value.isObject() && !value.toObject().isEmpty())
            || (value.isArray() && !value.toArray().isEmpty());
    }
    }
    return false;
}

void renumber(RunTreeNode *parent, std::size_t from)
{
    for (std::size_t i = from; i < parent->children.size(); ++i)
        parent->children[i]->row = int(i);
}

} // namespace

RunTreeModel::RunTreeModel(const RunHistory &history, const Redactor &redactor, QObject *parent)
    : QAbstractItemModel(parent)
    , m_history(history)
    , m_redactor(redactor)
    , m_root(std::make_unique<RunTreeNode>(RunTreeNode::Kind::Json))
{
    m_root->fetched = true;
}

RunTreeModel::~RunTreeModel() = default;

bool RunTreeModel::setThread(RowId threadId)
{
    ++m_changing;
    beginResetModel();
    m_threadId = threadId;
    m_error.clear();
    m_root = std::make_unique<RunTreeNode>(RunTreeNode::Kind::Json);
    m_root->fetched = true;
    bool ok = true;
    if (threadId != 0) {
        auto runs = m_history.listRuns(threadId);
        if (runs) {
            for (const RunRecord &record : *runs) {
                auto node = std::make_unique<RunNode>();
                node->run = record;
                node->number = int(m_root->children.size()) + 1;
                node->parent = m_root.get();
                node->row = int(m_root->children.size());
                m_root->children.push_back(std::move(node));
            }
        } else {
            m_error = runs.error();
            ok = false;
        }
    }
    endResetModel();
    --m_changing;
    if (!ok)
        fail(m_error);
    return ok;
}

void RunTreeModel::fail(const QString &message)
{
    m_error = message;
    qCWarning(lcUi) << "inspector:" << message;
    emit loadFailed(message);
}

// --- tree plumbing ---------------------------------------------------------------------------

RunTreeNode *RunTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<RunTreeNode *>(index.internalPointer()) : m_root.get();
}

QModelIndex RunTreeModel::indexOf(const RunTreeNode *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, const_cast<RunTreeNode *>(node));
}

QModelIndex RunTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0 || parent.column() > 0)
        return {};
    const RunTreeNode *node = nodeOf(parent);
    if (std::size_t(row) >= node->children.size())
        return {};
    return createIndex(row, column, node->children[std::size_t(row)].get());
}

QModelIndex RunTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeOf(child)->parent);
}

int RunTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int RunTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool RunTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const RunTreeNode *node = nodeOf(parent);
    return node->fetched ? !node->children.empty() : mayHaveChildren(node);
}

bool RunTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (!parent.isValid() || parent.column() > 0)
        return false;
    const RunTreeNode *node = nodeOf(parent);
    return !node->fetched && mayHaveChildren(node);
}

void RunTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    if (m_changing > 0) {
        // Asked while this model announces a change (a view or a tester reacting to it):
        // inserting rows now would nest one change in another, so it happens next turn.
        QMetaObject::invokeMethod(
            this,
            [this, later = QPersistentModelIndex(parent)] {
                if (later.isValid())
                    fetchMore(later);
            },
            Qt::QueuedConnection);
        return;
    }
    RunTreeNode *node = nodeOf(parent);
    switch (node->kind) {
    case RunTreeNode::Kind::Run:
        fetchRun(static_cast<RunNode *>(node));
        break;
    case RunTreeNode::Kind::ToolCall:
        fetchCall(static_cast<CallNode *>(node));
        break;
    case RunTreeNode::Kind::Json:
        fetchJson(static_cast<JsonNode *>(node));
        break;
    case RunTreeNode::Kind::Step:
        break;
    }
}

// Inserts a child in rank order; with rows signals when the parent is part of the tree.
void RunTreeModel::insertChild(RunTreeNode *parent, std::unique_ptr<RunTreeNode> child)
{
    std::size_t position = parent->children.size();
    for (std::size_t i = 0; i < parent->children.size(); ++i) {
        if (parent->children[i]->rank > child->rank) {
            position = i;
            break;
        }
    }
    bool attached = false;
    for (const RunTreeNode *n = parent; n; n = n->parent)
        attached = attached || n == m_root.get();
    child->parent = parent;
    if (attached) {
        ++m_changing;
        beginInsertRows(indexOf(parent), int(position), int(position));
    }
    parent->children.insert(parent->children.begin() + qsizetype(position), std::move(child));
    renumber(parent, position);
    if (attached) {
        endInsertRows();
        --m_changing;
    }
}

void RunTreeModel::removeChildren(RunTreeNode *parent)
{
    if (parent->children.empty())
        return;
    ++m_changing;
    beginRemoveRows(indexOf(parent), 0, int(parent->children.size()) - 1);
    parent->children.clear();
    endRemoveRows();
    --m_changing;
}

void RunTreeModel::rowChanged(const RunTreeNode *node)
{
    if (!node || node == m_root.get())
        return;
    ++m_changing;
    emit dataChanged(indexOf(node, 0), indexOf(node, ColumnCount - 1));
    --m_changing;
}

void RunTreeModel::setDetail(RunTreeNode *parent, const QString &key, int rank,
                             const QJsonValue &value, const QString &display)
{
    if (!parent->fetched)
        return; // made from the current facts when it is first expanded
    for (const auto &child : parent->children) {
        if (child->kind != RunTreeNode::Kind::Json || child->rank != rank)
            continue;
        auto *json = static_cast<JsonNode *>(child.get());
        if (json->key != key)
            continue;
        if (json->value == value && json->display == display)
            return;
        removeChildren(json);
        json->fetched = false;
        json->value = value;
        json->display = display;
        rowChanged(json);
        return;
    }
    insertChild(parent, makeJson(key, rank, value, display));
}

// --- loading on demand -----------------------------------------------------------------------

std::unique_ptr<StepNode> RunTreeModel::makeStep(const StepRecord &record) const
{
    auto node = std::make_unique<StepNode>();
    node->step = record;
    node->rank = kRankCall;
    node->finished = record.finishedAt.isValid();
    node->fetched = true; // its calls and details are added as they become known
    return node;
}

std::unique_ptr<CallNode> RunTreeModel::makeCall(const ToolCallRecord &record) const
{
    auto node = std::make_unique<CallNode>();
    node->call = record;
    node->rank = record.stepId ? kRankCall : kRankLooseCall;
    return node;
}

void RunTreeModel::addStepDetails(StepNode *step)
{
    if (!step->finished)
        return;
    const TokenUsage &usage = step->step.usage;
    setDetail(step, keyUsage(), kRankUsage, usage.toJson(), usageToolTip(usage));
    if (step->step.timeToFirstTokenMs)
        setDetail(step, keyFirstToken(), kRankFirstToken, double(*step->step.timeToFirstTokenMs),
                  tr("first token after %1").arg(durationText(*step->step.timeToFirstTokenMs)));
}

void RunTreeModel::addCallDetails(CallNode *node)
{
    if (!node->fetched)
        return; // parsed when the call is first expanded, not on every event
    const ToolCallRecord &call = node->call;
    if (node->awaitingApproval || call.decision != ApprovalDecision::None) {
        QString display;
        const QJsonObject approval = approvalJson(node, &display);
        setDetail(node, keyApproval(), kRankApproval, approval, display);
    }
    bool valid = true;
    const QJsonValue arguments = parseJson(call.arguments, &valid);
    bool elided = false;
    setDetail(node, keyArguments(), kRankArguments, arguments,
              valid ? QString() : tr("not valid JSON: %1").arg(summary(arguments, &elided)));
    if (!call.result.isEmpty()) {
        const QJsonValue result = parseJson(call.result, &valid);
        setDetail(node, keyResult(), kRankResult, result,
                  valid ? QString() : tr("not valid JSON: %1").arg(summary(result, &elided)));
    }
    addChangedFiles(node);
    addProcesses(node);
}

void RunTreeModel::fetchRun(RunNode *run)
{
    // Once, even when the store fails: a view lays out often, and one message is enough
    // (showing the thread again retries).
    run->fetched = true;
    auto steps = m_history.listSteps(run->run.id);
    if (!steps) {
        fail(steps.error());
        return;
    }
    auto calls = m_history.listToolCalls(run->run.id);
    if (!calls) {
        fail(calls.error());
        return;
    }
    // Built apart from the tree, then inserted with one signal.
    std::vector<std::unique_ptr<RunTreeNode>> built;
    QHash<RowId, StepNode *> byId;
    for (const StepRecord &record : *steps) {
        auto step = makeStep(record);
        byId.insert(record.id, step.get());
        built.push_back(std::move(step));
    }
    std::vector<std::unique_ptr<RunTreeNode>> loose;
    for (const ToolCallRecord &record : *calls) {
        StepNode *step = byId.value(record.stepId);
        if (step)
            insertChild(step, makeCall(record));
        else
            loose.push_back(makeCall(record));
    }
    for (auto &node : built)
        addStepDetails(static_cast<StepNode *>(node.get()));
    for (auto &node : loose)
        built.push_back(std::move(node));

    if (built.empty())
        return;
    ++m_changing;
    beginInsertRows(indexOf(run), 0, int(built.size()) - 1);
    for (auto &node : built) {
        node->parent = run;
        run->children.push_back(std::move(node));
    }
    renumber(run, 0);
    endInsertRows();
    --m_changing;
}

void RunTreeModel::fetchCall(CallNode *call)
{
    // Details are built detached (no signals), then inserted at once.
    auto holder = std::make_unique<CallNode>();
    holder->call = call->call;
    holder->awaitingApproval = call->awaitingApproval;
    holder->fetched = true;
    addCallDetails(holder.get());
    call->fetched = true;
    if (holder->children.empty())
        return;
    ++m_changing;
    beginInsertRows(indexOf(call), 0, int(holder->children.size()) - 1);
    for (auto &child : holder->children) {
        child->parent = call;
        call->children.push_back(std::move(child));
    }
    renumber(call, 0);
    endInsertRows();
    --m_changing;
}

void RunTreeModel::fetchJson(JsonNode *json)
{
    json->fetched = true;
    std::vector<std::unique_ptr<RunTreeNode>> built;
    if (json->value.isObject()) {
        const QJsonObject object = json->value.toObject();
        built.reserve(std::size_t(object.size()));
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            built.push_back(makeJson(it.key(), 0, it.value()));
    } else if (json->value.isArray()) {
        const QJsonArray array = json->value.toArray();
        built.reserve(std::size_t(array.size()));
        for (qsizetype i = 0; i < array.size(); ++i)
            built.push_back(makeJson(QStringLiteral("[%1]").arg(i), 0, array.at(i)));
    }
    if (built.empty())
        return;
    ++m_changing;
    beginInsertRows(indexOf(json), 0, int(built.size()) - 1);
    json->children = std::move(built);
    for (auto &child : json->children)
        child->parent = json;
    renumber(json, 0);
    endInsertRows();
    --m_changing;
}

// --- finding records -------------------------------------------------------------------------

RunNode *RunTreeModel::findRun(RowId runId) const
{
    for (const auto &child : m_root->children) {
        auto *run = static_cast<RunNode *>(child.get());
        if (run->run.id == runId)
            return run;
    }
    return nullptr;
}

StepNode *RunTreeModel::findStep(RunNode *run, RowId stepId) const
{
    if (!run)
        return nullptr;
    for (const auto &child : run->children) {
        if (child->kind == RunTreeNode::Kind::Step
            && static_cast<StepNode *>(child.get())->step.id == stepId)
            return static_cast<StepNode *>(child.get());
    }
    return nullptr;
}

CallNode *RunTreeModel::findCall(RowId toolCallRowId) const
{
    // Newest first: live events are about the last steps.
    for (auto r = m_root->children.rbegin(); r != m_root->children.rend(); ++r) {
        for (auto s = (*r)->children.rbegin(); s != (*r)->children.rend(); ++s) {
            if ((*s)->kind == RunTreeNode::Kind::ToolCall) {
                if (static_cast<CallNode *>(s->get())->call.id == toolCallRowId)
                    return static_cast<CallNode *>(s->get());
                continue;
            }
            for (const auto &c : (*s)->children) {
                if (c->kind == RunTreeNode::Kind::ToolCall
                    && static_cast<CallNode *>(c.get())->call.id == toolCallRowId)
                    return static_cast<CallNode *>(c.get());
            }
        }
    }
    return nullptr;
}

QModelIndex RunTreeModel::indexForRun(RowId runId) const
{
    return indexOf(findRun(runId));
}

QModelIndex RunTreeModel::indexForStep(RowId stepId)
{
    for (const auto &child : m_root->children) {
        auto *run = static_cast<RunNode *>(child.get());
        if (StepNode *step = findStep(run, stepId))
            return indexOf(step);
    }
    return {};
}

QModelIndex RunTreeModel::indexForToolCall(RowId toolCallRowId)
{
    if (CallNode *call = findCall(toolCallRowId))
        return indexOf(call);
    auto record = m_history.toolCall(toolCallRowId);
    if (!record)
        return {};
    RunNode *run = findRun(record->runId);
    if (!run || run->fetched)
        return {};
    fetchRun(run);
    return indexOf(findCall(toolCallRowId));
}

RunTreeModel::NodeKind RunTreeModel::kindOf(const QModelIndex &index) const
{
    switch (nodeOf(index)->kind) {
    case RunTreeNode::Kind::Run:
        return NodeKind::Run;
    case RunTreeNode::Kind::Step:
        return NodeKind::Step;
    case RunTreeNode::Kind::ToolCall:
        return NodeKind::ToolCall;
    case RunTreeNode::Kind::Json:
        break;
    }
    return NodeKind::Value;
}

QModelIndex RunTreeModel::stepOf(const QModelIndex &index) const
{
    for (const RunTreeNode *node = index.isValid() ? nodeOf(index) : nullptr;
         node && node != m_root.get(); node = node->parent) {
        if (node->kind == RunTreeNode::Kind::Step)
            return indexOf(node);
    }
    return {};
}
// --- values ----------------------------------------------------------------------------------

QJsonValue RunTreeModel::jsonOf(RunTreeNode *node)
{
    switch (node->kind) {
    case RunTreeNode::Kind::Json:
        return static_cast<JsonNode *>(node)->value;
    case RunTreeNode::Kind::ToolCall: {
        const auto *callNode = static_cast<CallNode *>(node);
        const ToolCallRecord &call = callNode->call;
        QJsonObject object{{QStringLiteral("toolCallId"), call.callId},
                           {QStringLiteral("toolName"), call.name},
                           {QStringLiteral("status"), StoreEnums::toString(call.status)},
                           {QStringLiteral("decision"), StoreEnums::toString(call.decision)},
                           {QStringLiteral("arguments"), parseJson(call.arguments)}};
        if (!call.decisionReason.isEmpty())
            object.insert(QStringLiteral("decisionReason"), call.decisionReason);
        if (!call.result.isEmpty())
            object.insert(QStringLiteral("result"), parseJson(call.result));
        const qint64 duration = callNode->durationMs >= 0
            ? callNode->durationMs
            : between(call.startedAt, call.finishedAt);
        if (duration >= 0)
            object.insert(QStringLiteral("durationMs"), duration);
        return object;
    }
    case RunTreeNode::Kind::Step: {
        const auto *stepNode = static_cast<StepNode *>(node);
        const StepRecord &step = stepNode->step;
        QJsonArray calls;
        for (const auto &child : node->children) {
            if (child->kind == RunTreeNode::Kind::ToolCall)
                calls.append(jsonOf(child.get()));
        }
        QJsonObject object{{QStringLiteral("step"), step.index + 1},
                           {QStringLiteral("finishReason"), step.finishReason},
                           {QStringLiteral("usage"), step.usage.toJson()},
                           {QStringLiteral("toolCalls"), calls}};
        if (step.timeToFirstTokenMs)
            object.insert(QStringLiteral("timeToFirstTokenMs"), *step.timeToFirstTokenMs);
        if (step.durationMs)
            object.insert(QStringLiteral("durationMs"), *step.durationMs);
        return object;
    }
    case RunTreeNode::Kind::Run: {
        auto *runNode = static_cast<RunNode *>(node);
        if (!runNode->fetched)
            fetchRun(runNode);
        const RunRecord &run = runNode->run;
        QJsonArray steps;
        QJsonArray loose;
        for (const auto &child : node->children)
            (child->kind == RunTreeNode::Kind::Step ? steps : loose).append(jsonOf(child.get()));
        QJsonObject object{{QStringLiteral("runId"), run.uuid},
                           {QStringLiteral("model"), run.model},
                           {QStringLiteral("status"), StoreEnums::toString(run.status)},
                           {QStringLiteral("usage"), run.usage.toJson()},
                           {QStringLiteral("startedAt"), run.startedAt.toString(Qt::ISODateWithMs)},
                           {QStringLiteral("steps"), steps}};
        if (run.finishedAt.isValid())
            object.insert(QStringLiteral("finishedAt"), run.finishedAt.toString(Qt::ISODateWithMs));
        if (!run.error.isEmpty())
            object.insert(QStringLiteral("error"), run.error);
        if (!loose.isEmpty())
            object.insert(QStringLiteral("toolCallsWithoutStep"), loose);
        return object;
    }
    }
    return {};
}

QByteArray RunTreeModel::toJson(const QModelIndex &index)
{
    if (!index.isValid())
        return {};
    // It leaves the app (clipboard, bug reports): redacted like the step log and exports.
    return indented(m_redactor.redactJson(jsonOf(nodeOf(index))));
}

QString RunTreeModel::fullValue(const QModelIndex &index)
{
    if (!index.isValid())
        return {};
    RunTreeNode *node = nodeOf(index);
    if (node->kind == RunTreeNode::Kind::Json) {
        const QJsonValue &value = static_cast<JsonNode *>(node)->value;
        if (value.isString())
            return value.toString();
    }
    return QString::fromUtf8(indented(jsonOf(node)));
}

QVariant RunTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const RunTreeNode *node = nodeOf(index);
    const int column = index.column();

    if (role == KindRole)
        return int(kindOf(index));

    switch (node->kind) {
    case RunTreeNode::Kind::Run: {
        const auto *runNode = static_cast<const RunNode *>(node);
        const RunRecord &run = runNode->run;
        if (role == RecordIdRole)
            return run.id;
        if (role == Qt::DisplayRole) {
            switch (column) {
            case NameColumn:
                return tr("Run %1").arg(runNode->number);
            case ValueColumn:
                return runStatusText(run);
            case DurationColumn:
                return durationText(between(run.startedAt, run.finishedAt));
            case TokensColumn:
                return tokensText(run.usage);
            case CostColumn:
                return m_cost ? m_cost(run.model, run.usage) : QString();
            }
        }
        if (role == Qt::ToolTipRole)
            return tr("Run %1 · %2 · started %3\n%4")
                .arg(run.uuid, run.model,
                     QLocale().toString(run.startedAt.toLocalTime(), QLocale::ShortFormat),
                     usageToolTip(run.usage));
        break;
    }
    case RunTreeNode::Kind::Step: {
        const auto *stepNode = static_cast<const StepNode *>(node);
        const StepRecord &step = stepNode->step;
        if (role == RecordIdRole)
            return step.id;
        if (role == Qt::DisplayRole) {
            switch (column) {
            case NameColumn:
                return tr("Step %1").arg(step.index + 1);
            case ValueColumn:
                return stepNode->finished ? step.finishReason : tr("running…");
            case DurationColumn:
                return step.durationMs ? durationText(*step.durationMs) : QString();
            case TokensColumn:
                return tokensText(step.usage);
            case CostColumn: // a step runs with its run's model
                return m_cost && stepNode->parent
                        && stepNode->parent->kind == RunTreeNode::Kind::Run
                    ? m_cost(static_cast<const RunNode *>(stepNode->parent)->run.model, step.usage)
                    : QString();
            }
        }
        if (role == Qt::ToolTipRole) {
            QString tip = usageToolTip(step.usage);
            if (step.timeToFirstTokenMs)
                tip += QLatin1Char('\n')
                    + tr("First token after %1").arg(durationText(*step.timeToFirstTokenMs));
            return tip;
        }
        break;
    }
    case RunTreeNode::Kind::ToolCall: {
        const auto *callNode = static_cast<const CallNode *>(node);
        const ToolCallRecord &call = callNode->call;
        if (role == RecordIdRole)
            return call.id;
        if (role == Qt::DisplayRole) {
            switch (column) {
            case NameColumn:
                return call.name;
            case ValueColumn:
                return callStatusText(callNode);
            case DurationColumn:
                return durationText(callNode->durationMs >= 0
                                        ? callNode->durationMs
                                        : between(call.startedAt, call.finishedAt));
            case TokensColumn:
            case CostColumn:
                return QString();
            }
        }
        if (role == Qt::ToolTipRole) {
            QString tip = tr("%1 (%2)").arg(call.name, call.callId);
            if (!call.decisionReason.isEmpty())
                tip += QLatin1Char('\n') + tr("Reason: %1").arg(call.decisionReason);
            return tip;
        }
        break;
    }
    case RunTreeNode::Kind::Json: {
        const auto *json = static_cast<const JsonNode *>(node);
        if (role == RecordIdRole)
            return RowId(0);
        bool elided = false;
        const QString shown
            = json->display.isEmpty() ? summary(json->value, &elided) : json->display;
        if (role == ElidedRole)
            return elided;
        if (role == FullValueRole)
            return json->value.isString() ? json->value.toString()
                                          : QString::fromUtf8(indented(json->value));
        if (role == Qt::DisplayRole) {
            if (column == NameColumn)
                return json->key;
            if (column == ValueColumn)
                return shown;
            return QString();
        }
        if (role == Qt::ToolTipRole && column == ValueColumn && elided)
            return tr("%1 characters; press Enter to see the whole value")
                .arg(int(json->value.toString().size()));
        break;
    }
    }
    return {};
}

QVariant RunTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ValueColumn:
        return tr("Value");
    case DurationColumn:
        return tr("Duration");
    case TokensColumn:
        return tr("Tokens");
    case CostColumn:
        return tr("Cost");
    }
    return {};
}

Qt::ItemFlags RunTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}
