// LocalServerThread: the server is made, started and deleted on its own thread (its sockets,
// timers and processes belong there); settings it reads at each create are read on the thread
// that owns them.
#include "localsandbox/LocalServerThread.h"

#include "core/Logging.h"

#include <QSemaphore>

#include <memory>

LocalServerThread::LocalServerThread(const LocalSandboxOptions &options, QString *error)
{
    m_thread.setObjectName(QStringLiteral("local sandbox server"));
    m_anchor = new QObject;
    m_anchor->moveToThread(&m_thread);
    m_thread.start();

    LocalSandboxOptions threaded = options;
    if (options.networkDefault) {
        // The app's settings object is not for two threads: it is read on its own (this)
        // thread. Waited for at most 2 s, then the built-in default: this thread may itself be
        // waiting for the server (being deleted while it creates a sandbox).
        threaded.networkDefault
            = [read = options.networkDefault, owner = this,
               fallback = std::pair(options.networkByDefault, options.networkAllowListByDefault)] {
                  if (QThread::currentThread() == owner->thread())
                      return read();
                  struct Answer
                  {
                      std::pair<bool, QString> value;
                      QSemaphore done;
                  };
                  auto answer = std::make_shared<Answer>();
                  QMetaObject::invokeMethod(
                      owner,
                      [read, answer] {
                          answer->value = read();
                          answer->done.release();
                      },
                      Qt::QueuedConnection);
                  if (!answer->done.tryAcquire(1, 2000)) {
                      qCWarning(lcLocalSandbox) << "the network setting could not be read in time; "
                                                   "the new sandbox gets the built-in default";
                      return fallback;
                  }
                  return answer->value;
              };
    }
    bool started = false;
    QString why;
    QMetaObject::invokeMethod(
        m_anchor,
        [this, threaded, &started, &why] {
            m_server = new LocalSandboxServer(threaded);
            started = m_server->start(&why);
            if (!started) {
                delete m_server;
                m_server = nullptr;
            }
        },
        Qt::BlockingQueuedConnection);
    if (!started && error)
        *error = why;
}

LocalServerThread::~LocalServerThread()
{
    if (m_server) {
        // Deleted where it lives: it kills its commands and closes its sockets there.
        QMetaObject::invokeMethod(
            m_anchor,
            [this] {
                delete m_server;
                m_server = nullptr;
            },
            Qt::BlockingQueuedConnection);
    }
    m_thread.quit();
    m_thread.wait();
    delete m_anchor; // its thread has ended: no event can reach it any more
}
