// The nodes behind RunTreeModel: a run, a step, a tool call, or a JSON value (arguments,
// results, usage, an approval). Children are made on demand ("fetched"), so a collapsed run
// or tool call costs only its own row, and a tool's output is parsed only when opened.
#pragma once

#include "store/StoreTypes.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <memory>
#include <vector>

// Ranks order siblings: steps and tool calls, then a call's details, then a step's.
inline constexpr int kRankCall = 0;
inline constexpr int kRankLooseCall = 5; // a call the store has without a step
inline constexpr int kRankApproval = 10;
inline constexpr int kRankArguments = 11;
inline constexpr int kRankResult = 12;
inline constexpr int kRankChangedFiles = 13; // the files a call changed (checkpoints)
inline constexpr int kRankProcesses = 14; // the background processes a call started
inline constexpr int kRankUsage = 20;
inline constexpr int kRankFirstToken = 21;

struct RunTreeNode
{
    enum class Kind { Run, Step, ToolCall, Json };

    explicit RunTreeNode(Kind k)
        : kind(k)
    {
    }
    virtual ~RunTreeNode() = default;
    RunTreeNode(const RunTreeNode &) = delete;
    RunTreeNode &operator=(const RunTreeNode &) = delete;

    const Kind kind;
    RunTreeNode *parent = nullptr;
    int row = 0; // index in parent->children, kept up to date on insert and remove
    // Siblings are kept in rank order: steps and tool calls first, then details.
    int rank = 0;
    bool fetched = false; // the children exist
    std::vector<std::unique_ptr<RunTreeNode>> children;
};

struct RunNode final : RunTreeNode
{
    RunNode()
        : RunTreeNode(Kind::Run)
    {
    }
    RunRecord run;
    int number = 0; // 1-based within the thread
};

struct StepNode final : RunTreeNode
{
    StepNode()
        : RunTreeNode(Kind::Step)
    {
    }
    StepRecord step;
    bool finished = false;
    QByteArray liveStepLog; // the engine's own line, when the step was followed live
};

struct CallNode final : RunTreeNode
{
    CallNode()
        : RunTreeNode(Kind::ToolCall)
    {
    }
    ToolCallRecord call; // arguments and result as JSON text, parsed when opened
    bool awaitingApproval = false;
    qint64 durationMs = -1; // measured by the engine; else from the stored times
};

struct JsonNode final : RunTreeNode
{
    JsonNode()
        : RunTreeNode(Kind::Json)
    {
    }
    QString key; // member name, "[i]" for array items, or a label for a top-level value
    QJsonValue value;
    QString display; // shown instead of the value when set (e.g. "approved: looks fine")
};
