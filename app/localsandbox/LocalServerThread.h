// The embedded local sandbox server on a thread of its own (the app's LocalSandboxServer::starter):
// its HTTP parsing, JSON, process launches (each bwrap start blocks its thread in vfork until
// exec), output reading and WebSocket framing no longer run between the window's paints. With 20
// runs at once they made the window stall. The app reaches it only over HTTP, as before; this
// object owns the thread and the server, and ends both, in order, when it is destroyed.
#pragma once

#include "localsandbox/LocalSandboxServer.h"

#include <QObject>
#include <QThread>

class LocalServerThread final : public QObject
{
    Q_OBJECT
public:
    // Starts the server on a new thread; the calling thread waits for its start (as the
    // unthreaded start did). server() is nullptr and *error says why when it failed.
    LocalServerThread(const LocalSandboxOptions &options, QString *error);
    ~LocalServerThread() override;

    // The server (living on the other thread): its constant facts (token, URL, options, host
    // warning) may be read from here; anything else goes through HTTP.
    LocalSandboxServer *server() const { return m_server; }

private:
    QThread m_thread;
    QObject *m_anchor = nullptr; // lives on m_thread: the context of calls run there
    LocalSandboxServer *m_server = nullptr;
};
