// Store: full-text search over thread titles, message text and tool calls (see Store.h, and
// Migrations.cpp version 6 for the index and what its rowids mean).
#include "Store.h"
#include "StoreSql.h"
#include "store/Migrations.h"

#include "store/SearchQuery.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <limits>

namespace {

// The parts of a search_fts rowid: (thread id << 32) | (kind << 30) | row id.
enum class Kind { Title = 0, ToolCall = 1, Message = 2 };
constexpr qint64 kRowMask = (qint64(1) << 30) - 1;

RowId threadOf(qint64 key)
{
    return key >> 32;
}

Kind kindOf(qint64 key)
{
    return Kind((key >> 30) & 3);
}

RowId rowOf(qint64 key)
{
    return key & kRowMask;
}

// How a thread matched, best first: every word in its title; in one message; in one tool call
// (its arguments or result: deep in a command's output counts less than what was said); the
// words spread over several of its rows.
enum Tier { TitleTier = 0, MessageTier = 1, ToolCallTier = 2, SpreadTier = 3 };

struct Found
{
    RowId threadId = 0;
    qint64 key = 0; // the row that gives the snippet
    Tier tier = TitleTier;
    qint64 updatedAt = 0;
    QString title;
};

// Words spread over rows are looked for in the threads of the rarest word only, when it is
// this rare: beyond, the same-row hits fill the list anyway and the check would be slow.
constexpr int kSpreadCandidates = 2000;
// Checks of a long prefix in one thread per search (each merges the prefix's word lists).
constexpr int kPrefixChecks = 4;
// Matches read in a row from one thread before the rest of it is skipped.
constexpr int kSameThreadRows = 64;
// Snippets read at most this much of a message (of a tool call: what the index holds).
constexpr int kSnippetSource = 65536;

QString idList(const QList<RowId> &ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (const RowId id : ids)
        parts << QString::number(id);
    return parts.join(QLatin1Char(','));
}

} // namespace

StoreResult<QList<SearchHit>> Store::search(const QString &userText, int limit)
{
    using Result = StoreResult<QList<SearchHit>>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    const QStringList terms = SearchQuery::terms(userText);
    if (terms.isEmpty() || limit == 0)
        return QList<SearchHit>();
    const int wanted = limit < 0 ? std::numeric_limits<int>::max() : limit;
    const QString all = terms.join(QLatin1Char(' '));

    // Every query below streams matches newest thread first and stops once it has enough,
    // so its cost follows the hits shown, not the size of the store.
    QList<Found> found;
    QHash<RowId, int> foundAt;
    auto add = [&](qint64 key, Tier tier) {
        const RowId thread = threadOf(key);
        if (foundAt.contains(thread))
            return;
        foundAt.insert(thread, int(found.size()));
        found.append(Found{thread, key, tier, 0, {}});
    };

    // Every word in one row. With separateTitles, every matching title first, then one
    // message or tool call; without (a second query costs a second merge of long prefixes),
    // all rows in one stream, a title found there still ranking its thread first.
    auto sameRow = [&](const QString &all, bool separateTitles) -> StoreStatus {
        if (separateTitles) {
            StoreSql::Statement titles
                = prepare(QStringLiteral("SELECT rowid FROM search_fts WHERE search_fts MATCH ? "
                                         "ORDER BY rowid DESC LIMIT ?"));
            titles.bindValue(0, QStringLiteral("title : (%1)").arg(all));
            titles.bindValue(1, limit < 0 ? -1 : limit);
            if (StoreStatus status = exec(titles, QStringLiteral("search")); !status)
                return status;
            while (titles.next())
                add(titles.value(0).toLongLong(), TitleTier);
            titles.finish();
        }

        StoreSql::Statement rows = prepare(
            QStringLiteral("SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid < ? "
                           "ORDER BY rowid DESC"));
        const QString match
            = separateTitles ? QStringLiteral("{tool message} : (%1)").arg(all) : all;
        qint64 below = std::numeric_limits<qint64>::max();
        while (found.size() < wanted) {
            rows.bindValue(0, match);
            rows.bindValue(1, below);
            if (StoreStatus status = exec(rows, QStringLiteral("search")); !status)
                return status;
            // Within a thread, its messages come before its tool calls (their rowids are
            // higher). A long thread full of matches is skipped past (a new query below it)
            // instead of read to its first row.
            RowId thread = 0;
            int sameThread = 0;
            bool skipped = false;
            while (found.size() < wanted && rows.next()) {
                const qint64 key = rows.value(0).toLongLong();
                if (threadOf(key) != thread) {
                    thread = threadOf(key);
                    sameThread = 0;
                    const Kind kind = kindOf(key);
                    add(key,
                        kind == Kind::Title         ? TitleTier
                            : kind == Kind::Message ? MessageTier
                                                    : ToolCallTier);
                } else if (kindOf(key) == Kind::Title) {
                    // The thread's title (its lowest rowid) after its messages: ranks it first.
                    Found &hit = found[foundAt.value(thread)];
                    hit.tier = TitleTier;
                    hit.key = key;
                } else if (++sameThread > kSameThreadRows && thread > 0) {
                    below = thread << 32;
                    skipped = true;
                    break;
                }
            }
            rows.finish();
            if (!skipped)
                break;
        }
        return {};
    };
    // Whole words first: FTS5 reads a word's list lazily, newest first, and stops at the limit,
    // but a prefix longer than the prefix index ("harbo"*) merges the lists of every word it
    // starts, whole (tens of ms at 100,000 threads). Prefixes only when whole words fall short
    // of the limit (the word being typed, "refact" for "refactor").
    QStringList whole;
    for (const QString &term : terms) {
        // "word"* -> "word"; up to 3 letters the prefix index answers as fast.
        whole << (term.size() > 6 ? term.chopped(1) : term);
    }
    if (whole != terms) {
        if (StoreStatus status = sameRow(whole.join(QLatin1Char(' ')), true); !status)
            return Result::failure(status.error());
        if (found.size() < wanted) {
            if (StoreStatus status = sameRow(all, false); !status)
                return Result::failure(status.error());
        }
    } else if (StoreStatus status = sameRow(all, true); !status) {
        return Result::failure(status.error());
    }

    if (found.size() < wanted && terms.size() > 1) {
        // The words may be in different rows of a thread ("ISO" in the title, "offsets" in
        // an answer): take the threads of the rarest word, then check each other word with a
        // seek in the thread's rowid range.
        StoreSql::Statement count = prepare(
            QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts "
                           "MATCH ? LIMIT %1)")
                .arg(kSpreadCandidates + 1));
        auto countOf = [&](const QString &term) -> StoreResult<qint64> {
            count.bindValue(0, term);
            if (StoreStatus status = exec(count, QStringLiteral("search")); !status)
                return StoreResult<qint64>::failure(status.error());
            const qint64 n = count.next() ? count.value(0).toLongLong() : 0;
            count.finish();
            return n;
        };
        // How rare each word is, counted as a whole word (cheap, see above); as a prefix only
        // when the whole word is nowhere (the word being typed).
        QString rarest;
        qint64 rarestCount = std::numeric_limits<qint64>::max();
        for (int i = 0; i < terms.size(); ++i) {
            StoreResult<qint64> n = countOf(whole.at(i));
            if (n && n.value() == 0 && whole.at(i) != terms.at(i))
                n = countOf(terms.at(i));
            if (!n)
                return Result::failure(n.error());
            if (n.value() < rarestCount) {
                rarestCount = n.value();
                rarest = terms.at(i);
            }
        }
        if (rarestCount > 0 && rarestCount <= kSpreadCandidates) {
            StoreSql::Statement rare
                = prepare(QStringLiteral("SELECT rowid FROM search_fts WHERE search_fts MATCH ? "
                                         "ORDER BY rowid DESC LIMIT %1")
                              .arg(kSpreadCandidates * 8));
            rare.bindValue(0, rarest);
            if (StoreStatus status = exec(rare, QStringLiteral("search")); !status)
                return Result::failure(status.error());
            QList<qint64> candidates;
            QSet<RowId> threads;
            while (rare.next()) {
                const qint64 key = rare.value(0).toLongLong();
                if (!foundAt.contains(threadOf(key)) && !threads.contains(threadOf(key))) {
                    threads.insert(threadOf(key));
                    candidates << key;
                }
            }
            rare.finish();
            int prefixChecks = 0;
            StoreSql::Statement inThread
                = prepare(QStringLiteral("SELECT 1 FROM search_fts WHERE search_fts MATCH ? "
                                         "AND rowid BETWEEN ? AND ? LIMIT 1"));
            for (const qint64 key : std::as_const(candidates)) {
                if (found.size() >= wanted)
                    break;
                const qint64 first = threadOf(key) << 32;
                bool hasAll = true;
                for (int i = 0; i < terms.size() && hasAll; ++i) {
                    if (terms.at(i) == rarest)
                        continue;
                    // The whole word is a cheap seek; a long prefix merges its words' lists
                    // again for each check, so only a few of those per search.
                    QStringList tries{whole.at(i)};
                    if (whole.at(i) != terms.at(i) && prefixChecks < kPrefixChecks)
                        tries << terms.at(i);
                    hasAll = false;
                    for (const QString &term : std::as_const(tries)) {
                        if (term != whole.at(i))
                            ++prefixChecks;
                        inThread.bindValue(0, term);
                        inThread.bindValue(1, first);
                        inThread.bindValue(2, first | 0xFFFFFFFFLL);
                        if (StoreStatus status = exec(inThread, QStringLiteral("search")); !status)
                            return Result::failure(status.error());
                        hasAll = inThread.next();
                        inThread.finish();
                        if (hasAll)
                            break;
                    }
                }
                if (hasAll)
                    add(key, SpreadTier);
            }
        }
    }
    if (found.isEmpty())
        return QList<SearchHit>();

    // Titles and last activity; a thread deleted meanwhile drops out.
    QList<RowId> threadIds;
    for (const Found &hit : std::as_const(found))
        threadIds << hit.threadId;
    StoreSql::Statement threads
        = prepare(QStringLiteral("SELECT id, title, updated_at FROM threads WHERE id IN (%1)")
                      .arg(idList(threadIds)));
    if (StoreStatus status = exec(threads, QStringLiteral("search")); !status)
        return Result::failure(status.error());
    QSet<RowId> present;
    while (threads.next()) {
        Found &hit = found[foundAt.value(threads.value(0).toLongLong())];
        hit.title = threads.value(1).toString();
        hit.updatedAt = threads.value(2).toLongLong();
        present.insert(hit.threadId);
    }
    threads.finish();
    found.removeIf([&present](const Found &hit) { return !present.contains(hit.threadId); });
    // Ranked: how the thread matched, then the most recently active first.
    std::sort(found.begin(), found.end(), [](const Found &a, const Found &b) {
        if (a.tier != b.tier)
            return a.tier < b.tier;
        if (a.updatedAt != b.updatedAt)
            return a.updatedAt > b.updatedAt;
        return a.threadId > b.threadId;
    });
    if (found.size() > wanted)
        found.resize(wanted);

    // The text of each hit's row, for its snippet.
    QList<RowId> messageIds;
    QList<RowId> toolCallIds;
    for (const Found &hit : std::as_const(found)) {
        if (kindOf(hit.key) == Kind::Message)
            messageIds << rowOf(hit.key);
        else if (kindOf(hit.key) == Kind::ToolCall)
            toolCallIds << rowOf(hit.key);
    }
    QHash<RowId, QString> messageTexts;
    if (!messageIds.isEmpty()) {
        StoreSql::Statement texts
            = prepare(QStringLiteral("SELECT id, substr(text, 1, %1) FROM messages "
                                     "WHERE id IN (%2)")
                          .arg(kSnippetSource)
                          .arg(idList(messageIds)));
        if (StoreStatus status = exec(texts, QStringLiteral("search")); !status)
            return Result::failure(status.error());
        while (texts.next())
            messageTexts.insert(texts.value(0).toLongLong(), texts.value(1).toString());
    }
    QHash<RowId, std::pair<QString, QString>> toolTexts; // name, arguments and result
    if (!toolCallIds.isEmpty()) {
        // What the index holds of them: the words that matched are in it.
        StoreSql::Statement texts = prepare(
            QStringLiteral("SELECT t.id, t.name, %1 FROM tool_calls t WHERE t.id IN (%2)")
                .arg(Migrations::toolSearchText(QStringLiteral("t")), idList(toolCallIds)));
        if (StoreStatus status = exec(texts, QStringLiteral("search")); !status)
            return Result::failure(status.error());
        while (texts.next())
            toolTexts.insert(texts.value(0).toLongLong(),
                             {texts.value(1).toString(), texts.value(2).toString()});
    }

    const QStringList words = SearchQuery::words(userText).mid(0, SearchQuery::maxWords);
    QList<SearchHit> hits;
    hits.reserve(found.size());
    for (const Found &match : std::as_const(found)) {
        SearchHit hit;
        hit.threadId = match.threadId;
        hit.title = match.title;
        SearchQuery::Snippet snippet; // none for a title hit: the title shows the match
        switch (kindOf(match.key)) {
        case Kind::Title:
            break;
        case Kind::Message:
            hit.messageId = rowOf(match.key);
            snippet = SearchQuery::snippet(messageTexts.value(hit.messageId), words);
            break;
        case Kind::ToolCall: {
            const auto &[name, text] = toolTexts.value(rowOf(match.key));
            snippet = SearchQuery::snippet(text, words);
            // "runCommand: …pytest tests/…": which call it was.
            const QString prefix = name + QStringLiteral(": ");
            snippet.text.prepend(prefix);
            for (auto &range : snippet.highlights)
                range.first += int(prefix.size());
            break;
        }
        }
        hit.snippet = snippet.text;
        hit.highlights = snippet.highlights;
        hits << hit;
    }
    return hits;
}
