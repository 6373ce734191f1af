// Where and how to reach a Daytona API: key, base URL, target region. Built from values the
// caller gathered (environment, .env, keychain) exactly as the official SDKs read them.
#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

struct DaytonaConfig
{
    static constexpr auto kDefaultApiUrl = "https://app.daytona.io/api";
    static constexpr auto kSdkVersion = "0.190.0"; // >= 0.167 selects the current JSON shapes
    static constexpr auto kSource = "agent-studio";

    QString apiKey;
    QString jwtToken; // used only without an API key; then organizationId is required
    QString organizationId;
    QUrl apiUrl = QUrl(QString::fromLatin1(kDefaultApiUrl));
    // Where apiUrl came from, for messages: "the environment", "the .env file PATH", ...
    QString apiUrlSource;
    QString target;

    // DAYTONA_API_KEY, DAYTONA_API_URL (falling back to the deprecated DAYTONA_SERVER_URL, then
    // the default), DAYTONA_TARGET. Empty values count as unset, as in the SDKs.
    static DaytonaConfig fromValues(const QString &apiKey, const QString &apiUrl,
                                    const QString &target, const QString &serverUrl = QString());
    // Also DAYTONA_JWT_TOKEN and DAYTONA_ORGANIZATION_ID (the SDKs' alternative to a key).
    static DaytonaConfig fromEnvironment(const QProcessEnvironment &environment);

    // The bearer credential sent: the API key, else the JWT.
    QString bearer() const { return apiKey.isEmpty() ? jwtToken : apiKey; }

    // Empty when usable; otherwise what is missing and how to fix it (also: a plain http URL to
    // another machine, which would carry the key in clear text).
    QString problem() const;
};
