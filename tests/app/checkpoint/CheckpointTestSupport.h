// Helpers of the checkpoint tests: a local sandbox server and an engine, commands run in a
// sandbox, futures waited for, trees read back.
#pragma once

#include "../localsandbox/SandboxTestSupport.h"
#include "checkpoint/CheckpointEngine.h"
#include "checkpoint/RepositoryState.h"
#include "sandbox/SandboxWaiter.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

// Waits in an event loop until the future has its result; a default value if it never does.
// (Not QTest::qWaitFor: it sleeps 10 ms between rounds of events, which a capture's dozen
// hand-offs between threads would each pay.)
template<typename T> T awaitFuture(QFuture<T> future, int timeoutMs = 120000)
{
    if (!future.isFinished()) {
        QFutureWatcher<T> watcher;
        QSignalSpy spy(&watcher, &QFutureWatcher<T>::finished);
        watcher.setFuture(future);
        if (!future.isFinished() && spy.isEmpty() && !spy.wait(timeoutMs))
            return T();
    }
    return future.isValid() && future.resultCount() > 0 ? future.result() : T();
}

// Files changed within the racy window before a capture are fetched again by the next one (by
// design: their stat cannot prove they did not change again in the same clock tick). A test
// that counts fetched files lets that window pass first.
inline void passRacyWindow()
{
    QTest::qWait(int(RepositoryState::kRacyMarginNs / 1000000) + 30);
}

inline ExecResult runIn(DaytonaClient *client, const Sandbox &sandbox, const QString &command)
{
    const DaytonaResult r = awaitResult(client->execute(sandbox, command, QString(), {}, 60));
    if (!r.ok()) {
        ExecResult e;
        e.result = r.error.message;
        return e;
    }
    return ExecResult::fromJson(r.json().object());
}

inline QString skippedText(const QList<SkippedEntry> &skipped)
{
    QStringList parts;
    for (const SkippedEntry &s : skipped)
        parts.append(s.displayPath() + QLatin1Char('=') + s.reasonText());
    return parts.join(QStringLiteral(", "));
}

inline const FileChange *changeFor(const ChangeSet &set, const QByteArray &path)
{
    for (const FileChange &f : set.files) {
        if (f.path == path)
            return &f;
    }
    return nullptr;
}
