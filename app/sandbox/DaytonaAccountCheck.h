// The Test button of the Daytona account (Settings > Daytona and the first-run wizard): one cheap
// authenticated call (list sandboxes, limit 1) with what the user typed, before anything is
// saved, and one sentence that says what works or what is wrong (a refused key, a wrong URL,
// no connection, plain http to another machine). Starting again cancels the previous test.
#pragma once

#include "sandbox/DaytonaConfig.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class DaytonaCall;
class DaytonaClient;
struct DaytonaResult;

class DaytonaAccountCheck final : public QObject
{
    Q_OBJECT

public:
    explicit DaytonaAccountCheck(QObject *parent = nullptr);
    ~DaytonaAccountCheck() override;

    void start(const DaytonaConfig &config);
    void cancel();
    bool isRunning() const;
    // A test ends within this long (tests use less).
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    // The sentence for a finished call, for the user.
    static QString describe(const DaytonaConfig &config, const DaytonaResult &result);

signals:
    void finished(bool ok, const QString &message);

private:
    std::unique_ptr<DaytonaClient> m_client;
    QPointer<DaytonaCall> m_call;
    int m_timeoutMs = 20000;
};
