// A POSIX shell-word splitter for the approval rules (issue 16): it reads a runCommand's
// command the way sh would split it - quotes, backslashes, $'...', operators (&& || ; | & and
// newlines), subshells and { } groups, $( ) and backticks, redirections with their targets,
// here-documents, line continuations, comments - and gives the simple commands it contains
// (also those inside $( ), backticks, sh -c / bash -c strings and eval) plus flags for the
// constructs that must ask unless a rule names the whole command exactly. It never expands
// or runs anything. Not a regular expression: a quoted "&&" is a word, not an operator.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace ShellWords {

// Constructs that hide what runs, or write where the rules cannot see.
enum Flag : unsigned {
    NoFlags = 0,
    CommandSubstitution = 1u << 0, // $( ... ) or $(( )) is fine: arithmetic is not flagged
    Backticks = 1u << 1, // ` ... `
    Eval = 1u << 2, // eval ...
    ShellString = 1u << 3, // sh -c / bash -c / ... -c "string"
    RedirectOutside = 1u << 4, // > or >> (or <>, >|, &>) into a file outside /home/daytona
    HereDocument = 1u << 5, // << and <<- (and <<< here-strings)
    ProcessSubstitution = 1u << 6, // <( ... ) and >( ... )
    Unterminated = 1u << 7, // an open quote, $( or here-document: not parsed to the end
    Complex = 1u << 8, // case, function definitions, stray parentheses: not split into parts
};

struct Redirection
{
    QString op; // ">", ">>", "<", "2>", "&>", "2>&1", "<<", ...
    QString target; // the file (quotes removed), the fd for >&, or the here-document's word
};

struct SimpleCommand
{
    QStringList words; // with quotes removed, variables left as written ($HOME stays $HOME)
    // The command as written (with its redirections), line continuations removed and blanks
    // trimmed: what command rules match.
    QString text;
    QList<Redirection> redirections;
    int depth = 0; // 0: top level; 1+: inside $( ), backticks, sh -c, eval or a wrapper
    // The command a wrapper runs (sudo X, env A=1 X, timeout 5 X, xargs X, nohup X, ...):
    // deny and ask rules see it; an allow rule for the wrapper's own part covers it.
    bool viaWrapper = false;
};

struct Parse
{
    // In the order the shell finishes reading them: the commands of a substitution come
    // before the command that holds it; those of sh -c, eval and wrappers after it.
    QList<SimpleCommand> commands;
    unsigned flags = NoFlags;
    QStringList problems; // why each flag was raised, for people ("a command substitution $( )")
    bool cdSeen = false; // a cd, pushd or popd: later relative paths are not known
    bool hasFlag(Flag flag) const { return (flags & flag) != 0; }
};

// Splits a command line. home: the sandbox home, where redirections may write without asking
// (~ and $HOME expand to it; relative targets are under it).
Parse parse(const QString &command, const QString &home = QStringLiteral("/home/daytona"));

// The words of one command line (the simple split, for tests and proposals): quotes removed,
// operators as their own words.
QStringList split(const QString &command);

// Puts quotes around a word when the shell would read it differently (for proposals).
QString quote(const QString &word);

} // namespace ShellWords
