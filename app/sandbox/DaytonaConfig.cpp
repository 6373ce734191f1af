// DaytonaConfig: the SDKs' precedence rules for the three DAYTONA_* values.
#include "sandbox/DaytonaConfig.h"

#include "core/UrlPolicy.h"

DaytonaConfig DaytonaConfig::fromValues(const QString &apiKey, const QString &apiUrl,
                                        const QString &target, const QString &serverUrl)
{
    DaytonaConfig config;
    config.apiKey = apiKey.trimmed();
    QString url = apiUrl.trimmed();
    if (url.isEmpty())
        url = serverUrl.trimmed();
    if (!url.isEmpty()) {
        while (url.endsWith(QLatin1Char('/')))
            url.chop(1);
        config.apiUrl = QUrl(url);
    }
    config.target = target.trimmed();
    return config;
}

DaytonaConfig DaytonaConfig::fromEnvironment(const QProcessEnvironment &environment)
{
    DaytonaConfig config = fromValues(environment.value(QStringLiteral("DAYTONA_API_KEY")),
                                      environment.value(QStringLiteral("DAYTONA_API_URL")),
                                      environment.value(QStringLiteral("DAYTONA_TARGET")),
                                      environment.value(QStringLiteral("DAYTONA_SERVER_URL")));
    config.apiUrlSource = QStringLiteral("the environment");
    config.jwtToken = environment.value(QStringLiteral("DAYTONA_JWT_TOKEN")).trimmed();
    config.organizationId = environment.value(QStringLiteral("DAYTONA_ORGANIZATION_ID")).trimmed();
    return config;
}

QString DaytonaConfig::problem() const
{
    if (apiKey.isEmpty() && jwtToken.isEmpty())
        return QStringLiteral("No Daytona API key: set DAYTONA_API_KEY (environment, .env or the "
                              "keychain), or use the local sandbox server.");
    if (apiKey.isEmpty() && organizationId.isEmpty())
        return QStringLiteral("DAYTONA_JWT_TOKEN needs DAYTONA_ORGANIZATION_ID as well (or use "
                              "DAYTONA_API_KEY instead).");
    if (!apiUrl.isValid()
        || (apiUrl.scheme() != QLatin1String("http") && apiUrl.scheme() != QLatin1String("https")))
        return QStringLiteral("DAYTONA_API_URL is not an http(s) URL: \"%1\".")
            .arg(apiUrl.toString());
    return UrlPolicy::keyUrlProblem(apiUrl, QStringLiteral("DAYTONA_API_URL"), apiUrlSource);
}
