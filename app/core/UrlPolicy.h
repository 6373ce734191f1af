// Where a key may be sent: over https anywhere, over plain http only to this machine (localhost,
// 127.0.0.0/8, ::1), which the local sandbox server and local model servers use. A .env file in
// the working folder could otherwise point DAYTONA_API_URL or OPENAI_BASE_URL at another host
// over http and have the key follow in clear text.
#pragma once

#include <QString>
#include <QUrl>

namespace UrlPolicy {

// localhost, *.localhost, 127.0.0.0/8, ::1 (and ::ffff:127.x).
bool isLoopbackHost(const QString &host);
// http:// to a host that is not this machine.
bool isPlainHttpToAnotherHost(const QUrl &url);
// Empty when a key may be sent to url; otherwise what is wrong and what to do, naming the
// variable (or setting) and where it came from (e.g. "the .env file /home/me/p/.env").
QString keyUrlProblem(const QUrl &url, const QString &variable, const QString &source);

} // namespace UrlPolicy
