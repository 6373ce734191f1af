// Validates a tool call's arguments against the tool's JSON Schema before anything runs, and
// says for each field what is wrong, so that the model (or the user editing arguments in the
// approval dialog) can fix it. A pure class.
//
// The subset of JSON Schema the tool catalog uses: type (also a list of types), properties,
// required, additionalProperties (false or a schema), enum, items, minimum, maximum, minLength,
// maxLength, minItems, maxItems. A null value for an optional (not required) field counts as
// absent, because models send `"labels": null` for "not given".
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

class JsonSchemaValidator final
{
public:
    struct Error
    {
        QString path; // "files[1].path", or "" for the whole value
        QString message; // "required field is missing"
        QString toString() const;
        bool operator==(const Error &) const = default;
    };

    static QList<Error> validate(const QJsonObject &schema, const QJsonValue &value);

    // "Tool input validation failed for runCommand. Please fix ...\n- command: ...\nProvided
    // arguments: {...}" — what goes back to the model.
    static QString describeFailure(const QString &toolName, const QList<Error> &errors,
                                   const QJsonValue &arguments);

private:
    static void check(const QJsonObject &schema, const QJsonValue &value, const QString &path,
                      QList<Error> &errors);
};
