// Parses the text of a .env file into KEY=VALUE entries, the way dotenv tools read them:
// comments, blank lines, an optional "export " prefix, single quotes (literal), double quotes
// (with escapes; both may span lines), inline " #" comments, empty values, CRLF. No variable
// expansion: a value is exactly what the file says. Pure: no file or environment access.
//
// Errors name the line and what is wrong, never the line's text: a .env file holds secrets.
#pragma once

#include <QList>
#include <QString>
#include <QStringView>

struct DotEnvEntry
{
    QString key;
    QString value;
    int line = 0; // 1-based line where the entry starts
};

struct DotEnvError
{
    int line = 0; // 1-based
    QString message; // e.g. "line 4: expected KEY=VALUE ..."
};

class DotEnvParser final
{
public:
    struct Result
    {
        QList<DotEnvEntry> entries; // in file order; a repeated key appears each time
        QList<DotEnvError> errors;

        // The last value given for key (later lines win, as in dotenv), or a null QString.
        QString value(const QString &key) const;
        bool contains(const QString &key) const;
        QStringList keys() const; // each key once, in first-seen order
    };

    static Result parse(QStringView text);
    static bool isValidKey(QStringView key);
};
