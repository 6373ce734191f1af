// The tools that run commands and code in a sandbox (ToolExecution handlers).
#include "agent/ToolExecutor.h"

#include "sandbox/DaytonaClient.h"

#include <QElapsedTimer>

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
