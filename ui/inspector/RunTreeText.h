// How RunTreeModel shows things: durations, token counts, statuses, JSON values shortened
// for a tree row, and JSON text in and out. Pure functions (strings translated in the
// RunTreeModel context).
#pragma once

#include "store/StoreTypes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

struct CallNode;

namespace RunTreeText {

// A JSON value as compact JSON text (scalars too: "text", 42, null).
QString compact(const QJsonValue &value);
// A JSON value as indented JSON text, ending in a newline.
QByteArray indented(const QJsonValue &value);
// Stored JSON text as a value; text that is not JSON stays a string (*valid false).
QJsonValue parseJson(const QString &text, bool *valid = nullptr);

QString durationText(qint64 ms); // "" for < 0
qint64 between(const QDateTime &from, const QDateTime &to); // -1 unless both are valid
QString tokensText(const TokenUsage &usage); // "4243 in · 53 out"
QString usageToolTip(const TokenUsage &usage);

// What the Value column shows for a JSON value; *elided when it is not the whole value.
QString summary(const QJsonValue &value, bool *elided);
QString callStatusText(const CallNode *node);
QString runStatusText(const RunRecord &run);
// A call's approval as JSON ({decision, reason}) and as one line for the tree.
QJsonObject approvalJson(const CallNode *node, QString *display);

} // namespace RunTreeText
