// Turns SIGINT, SIGTERM and SIGHUP into a Qt signal delivered on the event loop (the
// self-pipe trick), so that a Ctrl+C or a logout ends the app the orderly way: runs
// cancelled, settings and the database flushed.
#pragma once

#include <QObject>

class QSocketNotifier;

class TerminationSignals final : public QObject
{
    Q_OBJECT

public:
    explicit TerminationSignals(QObject *parent = nullptr);
    ~TerminationSignals() override;

signals:
    void terminationRequested(int signalNumber);

private:
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
};
