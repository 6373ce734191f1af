// "agent-studio changes ..." and "agent-studio rewind ...": a thread's changes to its sandbox
// (issue 15) as a stat, a patch or JSON, and rewinding its files and/or conversation to a step,
// from a terminal. Both ask CheckpointService and end with finished(exitCode); errors are one
// line that says what to do.
#pragma once

#include "services/CheckpointService.h"

#include <QObject>
#include <QStringList>
#include <QTextStream>

class AppContext;

class ChangesCommand final : public QObject
{
    Q_OBJECT
public:
    ChangesCommand(AppContext &context, QTextStream &out, QTextStream &err,
                   QObject *parent = nullptr);
    void start(const QStringList &arguments);
    static QString helpText();

signals:
    void finished(int exitCode);

private:
    void run();
    void listSteps();
    void print(const ChangesResult &result);
    void finish(int exitCode, const QString &error = {});

    AppContext &m_context;
    QTextStream &m_out;
    QTextStream &m_err;
    RowId m_thread = 0;
    ChangeRange m_range = ChangeRange::sinceThreadBegan();
    QString m_format = QStringLiteral("stat");
    bool m_listSteps = false;
    int m_request = 0;
};

class RewindCommand final : public QObject
{
    Q_OBJECT
public:
    RewindCommand(AppContext &context, QTextStream &out, QTextStream &err,
                  QObject *parent = nullptr);
    void start(const QStringList &arguments);
    static QString helpText();

signals:
    void finished(int exitCode);

private:
    void run();
    void finish(int exitCode, const QString &error = {});

    AppContext &m_context;
    QTextStream &m_out;
    QTextStream &m_err;
    RowId m_thread = 0;
    int m_step = -1;
    RewindMode m_mode = RewindMode::Files;
    bool m_undo = false;
    bool m_dryRun = false;
    int m_request = 0;
};
