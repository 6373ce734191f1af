// Turns what a user types into the search box into a safe FTS5 MATCH expression: every word
// becomes a quoted prefix term ("refact"* matches "refactor"), all words must match, and FTS5
// operators, quotes, parentheses, colons and stray punctuation in the user's text are treated
// as separators, never as syntax. So no user input can produce an FTS5 syntax error.
// (Store::search requires every word somewhere in a thread: its title, messages or tool calls.)
// It also cuts the snippet shown under a hit's title, since the index keeps no copy of the text.
#pragma once

#include <QString>
#include <QStringList>

#include <utility>

class SearchQuery final
{
public:
    // The words of the user's text (split on anything that is not a letter, digit or mark,
    // like FTS5's unicode61 tokenizer does).
    static QStringList words(const QString &userText);
    static constexpr int maxWords = 16;

    // One quoted prefix term per word (the first maxWords words): "refact"*
    static QStringList terms(const QString &userText);
    // The MATCH expression (the first maxWords words), or an empty string when the text has no
    // words (search nothing).
    static QString toFtsMatch(const QString &userText);

    // A word as the index compares it (unicode61, remove_diacritics 2): case-folded, without
    // accents. "Café" -> "cafe".
    static QString fold(const QString &word);

    struct Snippet
    {
        QString text; // about `width` words of the source, "…" where it was cut
        QList<std::pair<int, int>> highlights; // (start, length) in text of the matched words
    };
    // The words of text around the first word that starts with one of `words` (as typed;
    // folded here), every such word in it highlighted. No match: the start of text.
    static Snippet snippet(const QString &text, const QStringList &words, int width = 12);
};
