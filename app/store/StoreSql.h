// Internal helpers shared by the Store's .cpp files: time and id conversions, a write
// transaction guard, and the column lists with their row readers. Not part of the API.
#pragma once

#include "store/StoreTypes.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include <memory>

struct StoreCommitStats; // Store.h

namespace StoreSql {

inline qint64 toMs(const QDateTime &time)
{
    return time.toMSecsSinceEpoch();
}
inline QDateTime fromMs(const QVariant &value)
{
    return value.isNull() ? QDateTime()
                          : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}
// QSQLITE binds a null QString as SQL NULL; text columns are NOT NULL, so bind "" instead.
inline QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}
inline QVariant nullIfZero(RowId id)
{
    return id == 0 ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(id);
}
inline QVariant optionalMs(const std::optional<qint64> &ms)
{
    return ms ? QVariant(*ms) : QVariant(QMetaType(QMetaType::LongLong));
}

// BEGIN IMMEDIATE (take the write lock at once: no deadlock between two writers upgrading
// read locks), ROLLBACK in the destructor unless commit() succeeded.
class WriteTransaction final
{
public:
    explicit WriteTransaction(const QSqlDatabase &db, StoreCommitStats *stats = nullptr);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    bool isActive() const { return m_active; }
    bool commit();
    QString error() const { return m_error; }

private:
    QSqlDatabase m_db;
    StoreCommitStats *m_stats = nullptr;
    bool m_active = false;
    QString m_error;
};

// One entry of the Store's cache of prepared statements, by SQL text.
struct StatementSlot
{
    QSqlQuery query; // empty while a Statement has it
    bool inUse = false;
};

// A prepared statement from the Store's cache (Store::prepare): preparing one costs about
// 60 µs and a step of a run prepares about 30. While it lives no other caller gets the same
// one; when it goes it is reset, so that a half-read SELECT does not keep its read
// transaction (and the snapshot of that moment) open, and it goes back to the cache.
// Only a local: neither copied nor moved.
class Statement final : public QSqlQuery
{
public:
    // One from the cache: takes the slot's query, and puts it back when it goes.
    explicit Statement(std::shared_ptr<StatementSlot> slot);
    // One of its own, not cached (its SQL failed to prepare, or the cached one is in use).
    explicit Statement(QSqlQuery query);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

private:
    std::shared_ptr<StatementSlot> m_slot;
};

extern const QString threadColumns;
ThreadRecord threadFrom(const QSqlQuery &query);
extern const QString messageColumns;
// Without the chunks of a streaming message (the Store merges those in).
MessageRecord messageFrom(const QSqlQuery &query);
extern const QString runColumns;
RunRecord runFrom(const QSqlQuery &query);
extern const QString stepColumns;
StepRecord stepFrom(const QSqlQuery &query);
extern const QString toolCallColumns;
ToolCallRecord toolCallFrom(const QSqlQuery &query);
extern const QString sandboxColumns;
SandboxRecord sandboxFrom(const QSqlQuery &query);

// Adds a streamed chunk to a message's parts: extends the last part if it has the same
// type, otherwise starts a new part.
void mergeChunk(QJsonArray &parts, ChunkKind kind, const QString &text);
QString textOfParts(const QJsonArray &parts);
QString toJson(const QJsonArray &array);
QString toJson(const QJsonObject &object);

} // namespace StoreSql
