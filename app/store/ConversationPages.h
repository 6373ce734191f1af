// The lean reads the conversation view pages through: a thread's newest messages first and
// older ones as the user scrolls up, found by position (keyset pagination on the
// (thread_id, position) index), with tool results left in the database (a card shows one line
// per call; reading a 100 MB output to draw it would be waste). Read-only, on a connection of
// its own to the store's file, opened at the first read.
#pragma once

#include "store/StoreResult.h"
#include "store/StoreTypes.h"

#include <QList>
#include <QString>

class QSqlQuery;
class Store;

class ConversationPages final
{
public:
    explicit ConversationPages(Store &store);
    ~ConversationPages();
    ConversationPages(const ConversationPages &) = delete;
    ConversationPages &operator=(const ConversationPages &) = delete;

    // Oldest first: the newest `limit` messages before a position (INT_MAX: the thread's
    // newest), and the messages after one. Tool and system messages come without their parts.
    StoreResult<QList<MessageRecord>> messagesBefore(RowId threadId, int beforePosition,
                                                     int limit) const;
    StoreResult<QList<MessageRecord>> messagesAfter(RowId threadId, RowId afterMessageId) const;
    // Oldest first: the oldest `limit` messages after a position (the view reading back down
    // to the newest after it dropped them), and the run of the first user or assistant message
    // after a position (0: a user message; -1: none), which says whether a run goes on below.
    StoreResult<QList<MessageRecord>> messagesAfterPosition(RowId threadId, int afterPosition,
                                                            int limit) const;
    StoreResult<RowId> firstShownRunAfter(RowId threadId, int afterPosition) const;
    // The runs of a page: those with these ids, and those without any message that started in
    // [silentFromMs, silentToMs). By id.
    StoreResult<QList<RunRecord>> runsOfPage(RowId threadId, const QList<RowId> &runIds,
                                             qint64 silentFromMs, qint64 silentToMs) const;
    StoreResult<RowId> latestRunId(RowId threadId) const; // 0: none
    // The tool calls of these runs for one-line cards: no arguments, no approval details, and
    // a result only for getPreviewLink (its url).
    StoreResult<QList<ToolCallRecord>> toolCallSummaries(const QList<RowId> &runIds) const;

private:
    StoreStatus exec(QSqlQuery &query, const QString &what) const;
    QSqlQuery prepare(const QString &sql) const;
    StoreResult<QList<MessageRecord>> readMessages(QSqlQuery &query, const QString &what) const;

    Store &m_store;
    QString m_connectionName;
    mutable bool m_opened = false;
};
