// The tools that run commands and code in a sandbox (ToolExecution handlers).
#include "agent/ToolExecutor.h"

#include "agent/BoundedOutput.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SessionLogDemuxer.h"
#include "sandbox/SessionLogFollower.h"
#include "services/ProcessService.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <memory>

using Kind = ToolOutcome::ErrorKind;

namespace {

// One POSIX shell word that stands for exactly this text: '...' with each ' written as '\''.
QString shellQuoted(const QString &text)
{
    QString out = text;
    out.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

// The model's timeoutSeconds, else the default; clamped in double before it becomes an int.
int timeoutArgument(const QJsonObject &args, int defaultSeconds)
{
    const double seconds = args.value(QStringLiteral("timeoutSeconds")).toDouble(0);
    const double chosen = seconds > 0 ? seconds : double(defaultSeconds);
    return int(std::ceil(std::clamp(chosen, 1.0, double(kMaxCommandTimeoutSeconds))));
}

} // namespace

void ToolExecution::runCommand()
{
    const QString command = text(QStringLiteral("command"));
    if (command.trimmed().isEmpty()) {
        fail(Kind::InvalidArguments, QStringLiteral("command is empty; give a shell command"));
        return;
    }
    QString cwd;
    if (m_args.value(QStringLiteral("workingDirectory")).isString()
        && !resolvePath(QStringLiteral("workingDirectory"), &cwd))
        return;
    StringMap envs;
    if (!environment(QStringLiteral("envs"), &envs))
        return;
    const int timeout = timeoutArgument(m_args, m_context.commandTimeoutSeconds);
    const QJsonValue capture = m_args.value(QStringLiteral("captureOutput"));
    const bool captureOutput = capture.isBool() ? capture.toBool() : true;

    if (m_context.commandsInSessions) {
        runCommandInSession(command, cwd, envs, timeout, captureOutput);
        return;
    }
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    await(m_client->execute(m_sandbox, command, cwd, envs, timeout),
          [this, command, timeout, captureOutput, clock](const DaytonaResult &r) {
              const qint64 elapsed = std::max<qint64>(1, clock->elapsed());
              if (r.error.kind == SandboxError::Kind::CommandTimedOut) {
                  fail(Kind::TimedOut,
                       QStringLiteral("the command timed out after %1 seconds and was stopped: "
                                      "%2. Raise timeoutSeconds (at most 86400) or make the "
                                      "command finish sooner.")
                           .arg(timeout)
                           .arg(command));
                  return;
              }
              if (!r.ok()) {
                  failWith(r, QStringLiteral("running the command %1").arg(quoted(command)));
                  return;
              }
              const ExecResult exec = ExecResult::fromJson(r.json().object());
              succeed({{QStringLiteral("success"), exec.exitCode == 0},
                       {QStringLiteral("exitCode"), exec.exitCode},
                       {QStringLiteral("stdout"), captureOutput ? exec.result : QString()},
                       {QStringLiteral("command"), command},
                       {QStringLiteral("executionTime"), elapsed}});
          });
}

void ToolExecution::runCode()
{
    const QString code = text(QStringLiteral("code"));
    StringMap envs;
    if (!environment(QStringLiteral("envs"), &envs))
        return;
    // Daytona's code-run joins argv into a shell line unquoted (contract §5.2), so each argument
    // goes quoted: it reaches the program as one argument, never as shell syntax.
    QStringList argv;
    for (const QJsonValue &v : m_args.value(QStringLiteral("argv")).toArray())
        argv << shellQuoted(v.toVariant().toString());
    const int timeout = timeoutArgument(m_args, m_context.commandTimeoutSeconds);
    const QString language
        = m_sandbox.language().isEmpty() ? QStringLiteral("python") : m_sandbox.language();
    await(m_client->codeRun(m_sandbox, code, language, argv, envs, timeout),
          [this, timeout, language](const DaytonaResult &r) {
              if (r.error.kind == SandboxError::Kind::CommandTimedOut) {
                  fail(Kind::TimedOut,
                       QStringLiteral("the %1 code timed out after %2 seconds and was stopped. "
                                      "Raise timeoutSeconds or make the code finish sooner.")
                           .arg(language)
                           .arg(timeout));
                  return;
              }
              if (!r.ok()) {
                  failWith(r, QStringLiteral("running %1 code").arg(language));
                  return;
              }
              const ExecResult exec = ExecResult::fromJson(r.json().object());
              succeed({{QStringLiteral("exitCode"), exec.exitCode},
                       {QStringLiteral("stdout"), exec.result}});
          });
}

// --- runCommand through a session ------------------------------------------------------------

void ToolExecution::runCommandInSession(const QString &command, const QString &cwd,
                                        const StringMap &envs, int timeoutSeconds,
                                        bool captureOutput)
{
    // The session is this call's alone: deleting it ends the command and what it started,
    // which is what cancel and the timeout need (aborting an HTTP call ends nothing there).
    const QString sessionId
        = QStringLiteral("run-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
    // A subshell, as /process/execute runs its command apart: `exit 3` ends the command with
    // 3, not the session's shell (whose end would leave no exit code to wait for).
    QString script = QStringLiteral("(\n");
    for (auto it = envs.begin(); it != envs.end(); ++it)
        script += QStringLiteral("export %1=%2\n").arg(it.key(), shellQuoted(it.value()));
    if (!cwd.isEmpty())
        script += QStringLiteral("cd -- %1 || exit 1\n").arg(shellQuoted(cwd));
    script += command + QStringLiteral("\n)");

    QPointer<DaytonaClient> client = m_client;
    const Sandbox sandbox = m_sandbox;
    auto sessionCreated = std::make_shared<bool>(false);
    auto follower = std::make_shared<QPointer<SessionLogFollower>>();
    auto deadline = std::make_shared<QTimer>();
    // Whatever ends the call (cancel, timeout, the end, an error) ends the session too.
    auto endSession = [client, sandbox, sessionId, sessionCreated, follower, deadline] {
        deadline->stop();
        if (*follower)
            (*follower)->cancel();
        if (*sessionCreated && client) {
            *sessionCreated = false;
            client->deleteSession(sandbox, sessionId);
        }
    };
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();

    await(
        m_client->createSession(m_sandbox, sessionId),
        [this, client, sandbox, sessionId, script, command, timeoutSeconds, captureOutput,
         sessionCreated, follower, deadline, endSession, clock](const DaytonaResult &created) {
            if (!created.ok()) {
                failWith(created, QStringLiteral("running the command %1").arg(quoted(command)));
                return;
            }
            *sessionCreated = true;
            m_cancelPending = endSession;
            connect(
                client->executeSessionCommand(sandbox, sessionId, script, true),
                &DaytonaCall::finished, this,
                [this, client, sandbox, sessionId, command, timeoutSeconds, captureOutput, follower,
                 deadline, endSession, clock](const DaytonaResult &r) {
                    if (m_status != Status::Running)
                        return; // cancelled meanwhile: endSession ran
                    const QString cmdId
                        = r.json().object().value(QLatin1String("cmdId")).toString();
                    if (!r.ok() || cmdId.isEmpty()) {
                        endSession();
                        if (!r.ok())
                            failWith(r,
                                     QStringLiteral("running the command %1").arg(quoted(command)));
                        else
                            fail(Kind::Http,
                                 QStringLiteral("the sandbox server did not "
                                                "say which command it "
                                                "started"));
                        return;
                    }
                    // Kept within a budget: a command may print far more than fits here.
                    auto output = std::make_shared<BoundedOutput>();
                    SessionLogFollower *f
                        = client->followSessionCommandLogs(sandbox, sessionId, cmdId);
                    *follower = f;
                    connect(f, &SessionLogFollower::output, this,
                            [output](SessionLogDemuxer::Stream, const QByteArray &data) {
                                output->append(data);
                            });
                    connect(
                        f, &SessionLogFollower::finished, this,
                        [this, command, captureOutput, output, endSession,
                         clock](const SessionCommandEnd &end) {
                            endSession();
                            if (m_status != Status::Running)
                                return;
                            if (!end.exitCode) {
                                DaytonaResult failed;
                                failed.error = end.error;
                                failWith(
                                    failed,
                                    QStringLiteral("running the command %1").arg(quoted(command)));
                                return;
                            }
                            const int exitCode = *end.exitCode;
                            succeed(
                                {{QStringLiteral("success"), exitCode == 0},
                                 {QStringLiteral("exitCode"), exitCode},
                                 {QStringLiteral("stdout"),
                                  captureOutput ? QString::fromUtf8(output->text()) : QString()},
                                 {QStringLiteral("command"), command},
                                 {QStringLiteral("executionTime"),
                                  std::max<qint64>(1, clock->elapsed())}});
                        });
                    deadline->setSingleShot(true);
                    connect(deadline.get(), &QTimer::timeout, this,
                            [this, command, timeoutSeconds, endSession] {
                                endSession();
                                fail(
                                    Kind::TimedOut,
                                    QStringLiteral("the command timed out after %1 seconds and was "
                                                   "stopped: %2. Raise timeoutSeconds (at most "
                                                   "86400) or make the command finish sooner.")
                                        .arg(timeoutSeconds)
                                        .arg(command));
                            });
                    deadline->start(timeoutSeconds * 1000);
                });
        });
}

// --- background processes ------------------------------------------------------------------------

namespace {

QJsonObject processJson(const BackgroundProcess &p)
{
    QJsonObject o{{QStringLiteral("processId"), p.id},
                  {QStringLiteral("sandboxId"), p.sandboxId},
                  {QStringLiteral("command"), p.command},
                  {QStringLiteral("state"), BackgroundProcess::stateName(p.state)}};
    if (p.exitCode)
        o.insert(QStringLiteral("exitCode"), *p.exitCode);
    if (!p.error.isEmpty())
        o.insert(QStringLiteral("reason"), p.error);
    return o;
}

} // namespace

void ToolExecution::startProcess()
{
    const QString command = text(QStringLiteral("command"));
    if (command.trimmed().isEmpty()) {
        fail(Kind::InvalidArguments, QStringLiteral("command is empty; give a shell command"));
        return;
    }
    QString cwd;
    if (m_args.value(QStringLiteral("cwd")).isString() && !resolvePath(QStringLiteral("cwd"), &cwd))
        return;
    if (!m_context.processes) {
        fail(Kind::ServerUnavailable,
             QStringLiteral("background processes are not available here; run the command "
                            "with runCommand and a timeoutSeconds instead"));
        return;
    }
    ProcessService::StartRequest request;
    request.provider = m_context.provider;
    request.sandbox = m_sandbox;
    request.threadUuid = m_context.threadId;
    request.toolCallId = m_context.toolCallId;
    request.command = command;
    request.cwd = cwd;
    m_context.processes->start(
        m_client, request, this, [this, command](const BackgroundProcess &p, const QString &error) {
            if (m_status != Status::Running)
                return;
            if (!error.isEmpty()) {
                fail(Kind::Http,
                     QStringLiteral("starting %1 in the background failed: %2")
                         .arg(quoted(command), error));
                return;
            }
            succeed(processJson(p));
        });
}

namespace {

// Why a call may not touch the process it names (kind None: it may): unknown, or started by
// another conversation (threadUuid empty: no conversation to check, e.g. the CLI).
struct ProcessRefusal
{
    Kind kind = Kind::None;
    QString message;
};

ProcessRefusal refuseProcess(ProcessService *processes, const QString &id, const QString &quotedId,
                             const QString &threadUuid, const QString &whatWasNotDone)
{
    const std::optional<BackgroundProcess> p = processes ? processes->process(id) : std::nullopt;
    if (!p)
        return {Kind::InvalidArguments,
                QStringLiteral("there is no background process %1; startProcess returns the ids")
                    .arg(quotedId)};
    if (!threadUuid.isEmpty() && p->threadUuid != threadUuid)
        return {Kind::NotYours,
                QStringLiteral("process %1 was not started by this conversation; %2")
                    .arg(id, whatWasNotDone)};
    return {};
}

} // namespace

void ToolExecution::readProcessOutput()
{
    const QString id = text(QStringLiteral("processId")).trimmed();
    ProcessService *processes = m_context.processes;
    const ProcessRefusal refusal = refuseProcess(processes, id, quoted(id), m_context.threadId,
                                                 QStringLiteral("nothing was read"));
    if (refusal.kind != Kind::None) {
        fail(refusal.kind, refusal.message);
        return;
    }
    const qint64 since = qint64(std::max(0.0, m_args.value(QStringLiteral("since")).toDouble(0)));
    const qsizetype limit = m_context.modelTextLimit;
    processes->read(id, since, m_context.processReadWaitMs, this,
                    [this, id, limit](const ProcessOutputSlice &slice, const QString &error) {
                        if (m_status != Status::Running)
                            return;
                        if (!error.isEmpty()) {
                            fail(Kind::InvalidArguments, error);
                            return;
                        }
                        // At most one model text's worth: the rest is read from nextOffset.
                        const QString text = slice.text.left(limit);
                        QJsonObject result{
                            {QStringLiteral("processId"), id},
                            {QStringLiteral("output"), text},
                            {QStringLiteral("since"), slice.since},
                            {QStringLiteral("nextOffset"), slice.since + text.size()},
                            {QStringLiteral("running"), slice.running}};
                        if (text.size() < slice.text.size())
                            result.insert(QStringLiteral("more"), true);
                        if (slice.exitCode)
                            result.insert(QStringLiteral("exitCode"), *slice.exitCode);
                        if (slice.dropped > 0)
                            result.insert(QStringLiteral("droppedChars"), slice.dropped);
                        succeed(result);
                    });
}

void ToolExecution::stopProcess()
{
    const QString id = text(QStringLiteral("processId")).trimmed();
    ProcessService *processes = m_context.processes;
    const ProcessRefusal refusal = refuseProcess(processes, id, quoted(id), m_context.threadId,
                                                 QStringLiteral("it was not stopped"));
    if (refusal.kind != Kind::None) {
        fail(refusal.kind, refusal.message);
        return;
    }
    processes->stop(id, this, [this](const BackgroundProcess &stopped, const QString &error) {
        if (m_status != Status::Running)
            return;
        if (!error.isEmpty()) {
            fail(Kind::Http, error);
            return;
        }
        succeed(processJson(stopped));
    });
}
