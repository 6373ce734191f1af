// The arguments of a tool call as the approval dialog shows and edits them: pretty JSON in
// which invisible and direction-changing characters are written as \u escapes (so the person
// sees exactly what will run; security.md §2, "hidden prompt injection"), and the edited text
// checked against the tool's schema. A pure class.
#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

struct ToolDefinition;

class ApprovalArguments final
{
    Q_DECLARE_TR_FUNCTIONS(ApprovalArguments)

public:
    // Indented JSON; every character a reader could not see is a \uXXXX escape.
    static QString toEditableText(const QJsonObject &arguments);
    // Text with every character a reader could not see written as a \uXXXX escape.
    // Line breaks stay line breaks with keepLineBreaks, else they are written as \n.
    static QString visible(const QString &text, bool keepLineBreaks = false);
    // One line that says what a call does, for lists of calls: the command of runCommand, the
    // path(s) of file tools, else the arguments without the sandbox id; hidden characters
    // escaped, at most maxLength characters.
    static QString summary(const QString &toolName, const QJsonObject &arguments,
                           int maxLength = 200);
    // The code points toEditableText escaped beyond JSON's own escapes ("U+202E"), in order of
    // first appearance.
    static QStringList hiddenCharacters(const QJsonObject &arguments);

    struct Checked
    {
        bool ok = false;
        QJsonObject arguments; // when ok
        QString problem; // when not ok: what is wrong and where, in one or more lines
    };
    // Parses edited text and validates it against the tool's schema (no schema check when tool
    // is null).
    static Checked check(const QString &text, const ToolDefinition *tool);

private:
    static bool isHidden(char32_t codePoint);
};
