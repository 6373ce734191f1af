// One browser connection to a preview listener (PreviewProxy): reads the request head, checks
// the token, connects to the sandbox's port inside its namespace (on a worker thread) and then
// relays bytes both ways. The token never reaches the sandbox's server: the query item, the
// header and the cookie that carried it are taken out of the request. One request per
// connection (Connection: close is set), except for upgrades (WebSocket), which are relayed as
// they are, so that each request is authorized.
#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

class PreviewProxy;

class PreviewConnection final : public QObject
{
    Q_OBJECT
public:
    PreviewConnection(PreviewProxy *proxy, QTcpSocket *client, const QString &sandboxId, int port);
    ~PreviewConnection() override;

    // The cookie a browser keeps for a listener: one name per listener port, since cookies do
    // not tell ports apart and one browser may hold several previews on 127.0.0.1.
    static QByteArray cookieName(quint16 listenerPort);
    // Takes the token out of a request head (query item, header, cookie); returns the head to
    // forward and the token found (empty: none), with *fromCookie when it came from the cookie.
    // Empty head: the request is malformed.
    static QByteArray rewriteHead(const QByteArray &head, quint16 listenerPort, QString *token,
                                  bool *fromCookie);

private:
    void onClientData();
    void handleHead(const QByteArray &head);
    void connectUpstream();
    void onUpstreamConnected(int fd, bool refused, const QString &error);
    void pump(QTcpSocket *from, QTcpSocket *to);
    void onUpstreamData();
    void replyPage(int status, const QString &title, const QString &text);
    void finish();

    PreviewProxy *m_proxy;
    QPointer<QTcpSocket> m_client;
    QTcpSocket *m_upstream = nullptr;
    QString m_sandboxId;
    int m_port;
    quint16 m_listenerPort;
    QByteArray m_buffer; // the request head (then what came after it) until connected
    QByteArray m_cookie; // a Set-Cookie line added to the first answer; empty = none
    bool m_relaying = false;
    bool m_responseStarted = false;
    QTimer m_headTimer;
};
