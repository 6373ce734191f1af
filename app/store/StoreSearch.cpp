// Store: full-text search over thread titles and message text (FTS5; see Store.h).
#include "Store.h"

#include "store/SearchQuery.h"

#include <QSet>

namespace {

const QChar highlightStart(0x02);
const QChar highlightEnd(0x03);

// snippet() marks matches with two control characters; turn them into ranges.
void parseSnippet(const QString &marked, SearchHit *hit)
{
    int start = -1;
    for (const QChar c : marked) {
        if (c == highlightStart) {
            start = int(hit->snippet.size());
        } else if (c == highlightEnd) {
            if (start >= 0)
                hit->highlights.append({start, int(hit->snippet.size()) - start});
            start = -1;
        } else {
            hit->snippet += c;
        }
    }
}

} // namespace

StoreResult<QList<SearchHit>> Store::search(const QString &userText, int limit)
{
    using Result = StoreResult<QList<SearchHit>>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    const QStringList terms = SearchQuery::terms(userText);
    if (terms.isEmpty())
        return QList<SearchHit>();
    // A thread matches when each word is somewhere in it (its title or any message), not
    // necessarily all in one message. Then its best-ranked row (title or message) gives the
    // snippet, where any of the words is highlighted.
    const QString anyTerm = terms.join(QStringLiteral(" OR "));

    // With several words, the threads that hold each of them somewhere. Computed on its own:
    // as a filter inside the ranking query, SQLite pushes it into the FTS5 scans, which then
    // evaluate the MATCH once per candidate row (seconds instead of milliseconds).
    std::optional<QSet<RowId>> candidates;
    if (terms.size() > 1) {
        QStringList perTerm;
        for (int i = 0; i < terms.size(); ++i) {
            perTerm << QStringLiteral("SELECT rowid FROM threads_fts WHERE threads_fts MATCH :t%1 "
                                      "UNION SELECT m.thread_id FROM messages_fts JOIN messages m "
                                      "ON m.id = messages_fts.rowid WHERE messages_fts MATCH :t%1")
                           .arg(i);
        }
        QSqlQuery filter = prepare(QStringLiteral("SELECT * FROM (")
                                   + perTerm.join(QStringLiteral(") INTERSECT SELECT * FROM ("))
                                   + QLatin1Char(')'));
        for (int i = 0; i < terms.size(); ++i)
            filter.bindValue(QStringLiteral(":t%1").arg(i), terms.at(i));
        if (StoreStatus status = exec(filter, QStringLiteral("search")); !status)
            return Result::failure(status.error());
        candidates.emplace();
        while (filter.next())
            candidates->insert(filter.value(0).toLongLong());
        if (candidates->isEmpty())
            return QList<SearchHit>();
    }

    // Rank (the best row of each thread: its title or a message), then build snippets only
    // for the hits shown, highlighting any of the words.
    QSqlQuery query = prepare(QStringLiteral(
        "SELECT thread_id, message_id, title FROM ("
        "  SELECT h.thread_id, h.message_id, t.title, h.score, row_number() OVER ("
        "    PARTITION BY h.thread_id ORDER BY h.score, h.message_id) AS n FROM ("
        "      SELECT rowid AS thread_id, 0 AS message_id, bm25(threads_fts) AS score"
        "        FROM threads_fts WHERE threads_fts MATCH :any"
        "      UNION ALL"
        "      SELECT m.thread_id, m.id, bm25(messages_fts) FROM messages_fts"
        "        JOIN messages m ON m.id = messages_fts.rowid WHERE messages_fts MATCH :any"
        "    ) h JOIN threads t ON t.id = h.thread_id"
        ") WHERE n = 1 ORDER BY score, thread_id DESC LIMIT :limit"));
    query.bindValue(QStringLiteral(":any"), anyTerm);
    // Without a candidate filter SQLite applies the limit; with one, we do.
    query.bindValue(QStringLiteral(":limit"), candidates || limit < 0 ? -1 : limit);
    if (StoreStatus status = exec(query, QStringLiteral("search")); !status)
        return Result::failure(status.error());
    QList<SearchHit> hits;
    while (query.next() && (limit < 0 || hits.size() < limit)) {
        SearchHit hit;
        hit.threadId = query.value(0).toLongLong();
        if (candidates && !candidates->contains(hit.threadId))
            continue;
        hit.messageId = query.value(1).toLongLong();
        hit.title = query.value(2).toString();
        hits << hit;
    }
    query.finish();

    QSqlQuery titleSnippet = prepare(
        QStringLiteral("SELECT snippet(threads_fts, 0, char(2), char(3), '…', 12) FROM threads_fts "
                       "WHERE threads_fts MATCH ? AND rowid = ?"));
    QSqlQuery textSnippet = prepare(QStringLiteral(
        "SELECT snippet(messages_fts, 0, char(2), char(3), '…', 12) FROM messages_fts "
        "WHERE messages_fts MATCH ? AND rowid = ?"));
    for (SearchHit &hit : hits) {
        QSqlQuery &snippet = hit.messageId == 0 ? titleSnippet : textSnippet;
        snippet.bindValue(0, anyTerm);
        snippet.bindValue(1, hit.messageId == 0 ? hit.threadId : hit.messageId);
        if (StoreStatus status = exec(snippet, QStringLiteral("search")); !status)
            return Result::failure(status.error());
        if (snippet.next())
            parseSnippet(snippet.value(0).toString(), &hit);
        snippet.finish();
    }
    return hits;
}
