// "agent-studio run [options] PROMPT": the agent, headless. Prints the step log on stdout (one
// JSON object per step, or a short form with --log-format pretty), asks about tool calls on the
// terminal in ask mode, and ends with finished(exitCode): 0 when the run finished, non-zero
// with a one-line reason otherwise.
#pragma once

#include "agent/Approver.h"
#include "agent/RunEvent.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <QTextStream>

class AppContext;
class QSocketNotifier;

class RunCommand final : public QObject, public Approver
{
    Q_OBJECT

public:
    struct Options
    {
        QString model;
        QString sandbox; // "", "local" or "daytona"
        QString approve; // "auto", "ask" or "deny"
        QString mode; // "", "plan", "ask", "auto-edit" or "full": the thread's approval mode
        QString approvePlan; // with --thread: run its waiting plan in this mode
        QString rejectPlan; // with --thread: reject its waiting plan with this reason
        int maxSteps = 0; // 0: the setting
        QString thread; // a thread id to continue; empty: a new thread
        bool pretty = false;
        bool continueRun = false;
        QString prompt;
    };

    RunCommand(AppContext &context, QTextStream &out, QTextStream &err, QObject *parent = nullptr);
    ~RunCommand() override;

    // Parses the arguments; false (and *error, one line) when they are wrong.
    static bool parse(const QStringList &arguments, Options *options, QString *error);
    static QString helpText();

    // Input for ask mode (stdin by default): a file descriptor read on the event loop.
    void setInputFd(int fd) { m_inputFd = fd; }
    void start(const Options &options);
    void cancel();

    void approvalRequested(const ApprovalRequest &request) override;

signals:
    void finished(int exitCode);

private:
    void onEvent(const RunEvent &event);
    void askNext();
    // One waiting call as the prompt shows it: the tool, the sandbox, what it changes and
    // exactly the arguments that run (known keys marked by name, hidden characters escaped).
    QString describe(const ApprovalRequest &request) const;
    void onInputLine(const QString &line);
    // A plan-mode run ended with a plan: on a terminal, ask what to do with it.
    void askAboutPlan(RowId planId, const QString &text);
    void onPlanLine(const QString &line);
    bool runPlan(RowId planId, const QString &mode, const QString &text);
    void readInput();
    void finish(int exitCode, const QString &message = {});

    AppContext &m_context;
    QTextStream &m_out;
    QTextStream &m_err;
    Options m_options;
    qint64 m_threadId = 0;
    int m_inputFd = 0;
    QSocketNotifier *m_input = nullptr;
    QByteArray m_inputBuffer;
    QList<ApprovalRequest> m_questions;
    enum class Prompt {
        None,
        Decision,
        Reason,
        Edit,
        Batch,
        Plan,
        PlanEdit,
        PlanReject
    } m_prompt
        = Prompt::None;
    RowId m_planId = 0;
    QString m_planText;
    QStringList m_planEdit; // lines typed so far when editing the plan
    bool m_askQueued = false;
    bool m_answering = false; // our own answer is being applied (its events are ours)
    bool m_done = false;
    bool m_runFinished = false;
    int m_steps = 0;
};
