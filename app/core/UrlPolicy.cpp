// UrlPolicy: the loopback test on the URL's host as written (no name resolution: a name that
// resolves to 127.0.0.1 today may not tomorrow).
#include "core/UrlPolicy.h"

#include <QHostAddress>

namespace UrlPolicy {

bool isLoopbackHost(const QString &host)
{
    const QString h = host.toLower();
    if (h == QLatin1String("localhost") || h.endsWith(QLatin1String(".localhost")))
        return true;
    const QHostAddress address(h);
    return !address.isNull() && address.isLoopback();
}

bool isPlainHttpToAnotherHost(const QUrl &url)
{
    return url.scheme().compare(QLatin1String("http"), Qt::CaseInsensitive) == 0
        && !isLoopbackHost(url.host());
}

QString keyUrlProblem(const QUrl &url, const QString &variable, const QString &source)
{
    if (!isPlainHttpToAnotherHost(url))
        return QString();
    const QString from = source.isEmpty() ? QString() : QStringLiteral(" (from %1)").arg(source);
    return QStringLiteral("%1%2 is %3: plain http to another machine would send your API key "
                          "unencrypted, so nothing was sent. Use an https:// URL (plain http is "
                          "only for this machine: localhost, 127.0.0.1, ::1).")
        .arg(variable, from, url.toString(QUrl::RemoveUserInfo));
}

} // namespace UrlPolicy
