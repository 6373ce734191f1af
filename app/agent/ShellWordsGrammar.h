// Internal to ShellWords.cpp (see ShellWordsGrammar.cpp): the shell's operators and words
// that matter to the approval rules, and $'...' decoding.
#pragma once

#include <QString>
#include <QStringList>

namespace ShellWords::Grammar {

extern const QStringList kOperators; // longest first
bool isRedirection(const QString &op);
bool writes(const QString &op); // a redirection that writes a file (or a descriptor: >&)
bool isReservedWord(const QString &word); // {, }, !, if, then, ..., done
QString baseName(const QString &program);
bool isShell(const QString &program); // sh, bash, dash, zsh, ...
bool isAssignment(const QString &word); // NAME=value
// Where the command a wrapper runs starts (sudo X, env A=1 X, timeout 5 X, ...); -1: none.
int wrappedStart(const QStringList &words);
// At *i, just after $': decodes up to the closing quote into *value and moves *i past it.
// False when the quote is never closed (everything to the end was taken).
bool decodeAnsiC(const QString &s, int *i, QString *value);

} // namespace ShellWords::Grammar
