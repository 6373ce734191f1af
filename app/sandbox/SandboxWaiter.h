// Runs a lifecycle call (create/start/stop) and then polls GET /sandbox/{id} with the SDK's
// cadence (100 ms, x1.1 per poll after 5 s, at most 1 s) until the wanted state, failing on
// error/build_failed or when the overall budget runs out (contract.md §2.3).
#pragma once

#include "sandbox/DaytonaCall.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

class DaytonaClient;

class SandboxWaiter final : public QObject
{
    Q_OBJECT
public:
    SandboxWaiter(DaytonaClient *client, DaytonaCall *first, const QStringList &wanted,
                  int timeoutMs);

    void cancel();
    int polls() const { return m_polls; }
    QStringList statesSeen() const { return m_statesSeen; }

signals:
    // result.sandbox holds the last state seen. Emitted once; deletes itself afterwards.
    void finished(const DaytonaResult &result);

private:
    void onAnswer(const DaytonaResult &result);
    void poll();
    void finish(DaytonaResult result);

    QPointer<DaytonaClient> m_client;
    QPointer<DaytonaCall> m_call;
    QStringList m_wanted;
    int m_timeoutMs;
    QElapsedTimer m_clock;
    QTimer m_pollTimer;
    int m_interval = 100;
    int m_polls = 0;
    QString m_sandboxId;
    QStringList m_statesSeen;
    bool m_done = false;
};
