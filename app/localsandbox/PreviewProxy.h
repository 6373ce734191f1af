// Previews of local sandboxes (issue 17): a token-protected HTTP proxy from the host's
// 127.0.0.1 to a port served inside a sandbox, also when the sandbox has no network at all
// (SandboxPortConnector relays into its namespace).
//
// URL form: one listener per (sandbox, port) on 127.0.0.1 with a port of its own,
// http://127.0.0.1:<listener>. A page's absolute paths ("/static/app.js") then stay on the same
// origin and reach the same sandbox port, which a path prefix (/preview/<id>/<port>/...) would
// break; host-based routing (<port>-<id>.localhost) needs a resolver that maps *.localhost,
// which plain glibc (and so Qt and curl on many systems) does not.
//
// Access, as Daytona's proxy: the sandbox's preview token in the query
// (?DAYTONA_SANDBOX_AUTH_KEY=...) or the X-Daytona-Preview-Token header, or a signed token
// (signed-preview-url) with an expiry. A browser gets a cookie for that listener on the first
// answer, so the page's sub-resources load without the token. Public sandboxes need none.
// Listeners close when their sandbox stops or is deleted.
#pragma once

#include <QHash>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

class LocalSandboxServer;
class QTcpServer;

class PreviewProxy final : public QObject
{
    Q_OBJECT
public:
    explicit PreviewProxy(LocalSandboxServer *server);
    ~PreviewProxy() override;

    // The preview URL of a started sandbox's port, opening its listener on first use.
    QUrl url(const QString &sandboxId, int port, QString *error);
    // A token that opens this preview for `seconds`; empty with *error if url() fails.
    QString sign(const QString &sandboxId, int port, int seconds, QString *error);
    // Ends a signed token early; false if it was not one of this preview's.
    bool expire(const QString &sandboxId, int port, const QString &token);
    // Closes the sandbox's listeners (it stopped or was deleted); open connections end too.
    void closeSandbox(const QString &sandboxId);
    // Number of listeners open (for tests and logs).
    int listenerCount() const { return int(m_listeners.size()); }

    enum class Access { Granted, Missing, Wrong };
    // Whether `token` (empty: none given) opens the preview; *maxAgeSeconds is how long the
    // cookie that carries it may live (-1 = the browser session).
    Access authorize(const QString &sandboxId, int port, const QString &token,
                     qint64 *maxAgeSeconds) const;
    // The sandbox's processes (the roots of its process trees) and its name, for the relay and
    // the error pages; empty when it is gone or not started.
    QList<qint64> processIds(const QString &sandboxId) const;
    QString sandboxName(const QString &sandboxId) const;
    bool isStarted(const QString &sandboxId) const;

private:
    struct Listener
    {
        QString sandboxId;
        int port = 0;
        QTcpServer *server = nullptr;
        QHash<QString, qint64> signedTokens; // token -> expiry (ms since epoch)
    };
    using Key = QPair<QString, int>;

    Listener *open(const QString &sandboxId, int port, QString *error);

    LocalSandboxServer *m_server;
    QHash<Key, Listener> m_listeners;
};
