// What went wrong with a sandbox call, as a class the app can act on and a message a user can
// read (what happened and what to do). Built from an HTTP status and body (contract.md §6).
#pragma once

#include <QByteArray>
#include <QString>

struct SandboxError
{
    enum class Kind {
        None,
        BadKey, // 401 / 403: the API key is wrong or lacks the permission
        NotFound, // 404
        AccessDenied, // 403 on a file: outside the sandbox, through a link, no permission
        Conflict, // 409: duplicate name, state change in progress, destination exists
        RateLimited, // 429
        ServerError, // 5xx
        BadRequest, // 400 and other 4xx
        WrongBaseUrl, // the server answered with a web page, not the API
        CommandTimedOut, // 408 from execute / code-run
        Timeout, // no answer in time
        Connection, // could not reach the server
        Cancelled,
        Protocol, // an answer we could not read
        Configuration, // no API key etc.; nothing was sent
    };

    // What a 404 means for the call that got it.
    enum class Subject { Sandbox, File, Other };

    Kind kind = Kind::None;
    int httpStatus = 0;
    QString message; // for the user
    QString serverMessage; // the server's own words, if any
    int retryAfterSeconds = -1;

    bool isError() const { return kind != Kind::None; }

    // Maps an HTTP error answer to a class and a message.
    static SandboxError fromHttp(int status, const QByteArray &body, const QByteArray &contentType,
                                 Subject subject, const QString &baseUrl,
                                 int retryAfterSeconds = -1);
    // The body is a web page where JSON was expected: a wrong base URL.
    static SandboxError wrongBaseUrl(const QString &baseUrl, int status);
    static SandboxError make(Kind kind, const QString &message);
    static bool looksLikeHtml(const QByteArray &body, const QByteArray &contentType);

    static QString kindName(Kind kind);
};
