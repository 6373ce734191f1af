// Turns what a user types into the search box into a safe FTS5 MATCH expression: every word
// becomes a quoted prefix term ("refact"* matches "refactor"), all words must match, and FTS5
// operators, quotes, parentheses, colons and stray punctuation in the user's text are treated
// as separators, never as syntax. So no user input can produce an FTS5 syntax error.
// (Store::search requires every word somewhere in a thread: title or any message.)
#pragma once

#include <QString>
#include <QStringList>

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
};
