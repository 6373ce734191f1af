// ToolExecutor and the plumbing every tool call shares: the catalog row's handler is called
// once the sandbox is found (and started), each answer is awaited, and the outcome is finished
// once. The handlers are in ToolSandboxHandlers.cpp, ToolProcessHandlers.cpp and
// ToolFileHandlers.cpp.
#include "agent/ToolExecutor.h"

#include "agent/OutputCap.h"
#include "agent/SandboxPath.h"
#include "agent/ToolCatalog.h"
#include "agent/ToolResults.h"
#include "core/Logging.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxEnvironment.h"
#include "sandbox/SandboxLister.h"
#include "sandbox/SandboxWaiter.h"

#include <QJsonArray>
#include <QTimer>

#include <functional>
#include <memory>
#include <utility>

using Kind = ToolOutcome::ErrorKind;

QString ToolExecution::quoted(const QString &text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

QString ToolOutcome::kindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None:
        return QStringLiteral("none");
    case ErrorKind::UnknownTool:
        return QStringLiteral("unknown-tool");
    case ErrorKind::InvalidArguments:
        return QStringLiteral("invalid-arguments");
    case ErrorKind::SandboxGone:
        return QStringLiteral("sandbox-gone");
    case ErrorKind::SandboxUnavailable:
        return QStringLiteral("sandbox-unavailable");
    case ErrorKind::NotYours:
        return QStringLiteral("not-this-thread");
    case ErrorKind::PathRefused:
        return QStringLiteral("path-refused");
    case ErrorKind::FileNotFound:
        return QStringLiteral("file-not-found");
    case ErrorKind::BinaryContent:
        return QStringLiteral("binary-content");
    case ErrorKind::TooLarge:
        return QStringLiteral("too-large");
    case ErrorKind::TimedOut:
        return QStringLiteral("timed-out");
    case ErrorKind::ServerUnavailable:
        return QStringLiteral("server-unavailable");
    case ErrorKind::Http:
        return QStringLiteral("http-error");
    case ErrorKind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QString();
}

// ---------------------------------------------------------------------------------------------

ToolExecutor::ToolExecutor(ClientProvider provider, const ToolCatalog &catalog, QObject *parent)
    : QObject(parent)
    , m_provider(std::move(provider))
    , m_catalog(catalog)
{
}

ToolExecutor::ToolExecutor(DaytonaClient &client, const ToolCatalog &catalog, QObject *parent)
    : ToolExecutor([&client](QString *) { return &client; }, catalog, parent)
{
}

ToolExecution *ToolExecutor::execute(const QString &tool, const QJsonObject &arguments,
                                     const ToolContext &context)
{
    QString error;
    DaytonaClient *client = nullptr;
    const ToolDefinition *definition = m_catalog.find(tool);
    if (!definition) {
        error = QStringLiteral("unknown tool %1; the tools are: %2")
                    .arg(ToolExecution::quoted(tool), m_catalog.names().join(QStringLiteral(", ")));
    } else {
        client = m_provider(&error);
        if (!client && error.isEmpty())
            error = QStringLiteral("no sandbox server is available");
    }
    return new ToolExecution(client, error, tool, definition, arguments, context);
}

// ---------------------------------------------------------------------------------------------

ToolExecution::ToolExecution(DaytonaClient *client, const QString &clientError, const QString &name,
                             const ToolDefinition *tool, const QJsonObject &arguments,
                             const ToolContext &context)
    : m_client(client)
    , m_clientError(clientError)
    , m_handler(tool ? tool->handler : nullptr)
    , m_needsRunningSandbox(tool && tool->needsRunningSandbox)
    , m_tool(name)
    , m_args(arguments)
    , m_context(context)
{
    QTimer::singleShot(0, this, &ToolExecution::start);
}

void ToolExecution::start()
{
    if (m_status != Status::Waiting)
        return;
    m_status = Status::Running;
    m_clock.start();
    if (!m_handler) {
        fail(Kind::UnknownTool, m_clientError);
        return;
    }
    if (!m_client) {
        fail(Kind::ServerUnavailable,
             QStringLiteral("the sandbox server is not available: %1").arg(m_clientError));
        return;
    }
    dispatch();
}

void ToolExecution::dispatch()
{
    // std::invoke, not (this->*m_handler)() in the lambda: GCC 12 under the sanitizers takes
    // the member pointer in a lambda for an uninitialised temporary (-Wmaybe-uninitialized).
    const ToolDefinition::Handler handler = m_handler;
    if (m_needsRunningSandbox)
        withSandbox([this, handler] { std::invoke(handler, this); }, true);
    else
        std::invoke(handler, this);
}

void ToolExecution::cancel()
{
    if (m_status == Status::Finished || m_status == Status::Cancelled)
        return;
    m_status = Status::Cancelled; // every callback from here on is ignored
    if (auto cancelPending = std::exchange(m_cancelPending, {}))
        cancelPending();

    ToolOutcome outcome;
    outcome.tool = m_tool;
    outcome.errorKind = Kind::Cancelled;
    const bool command
        = m_tool == QLatin1String("runCommand") || m_tool == QLatin1String("runCode");
    outcome.result = {{QStringLiteral("error"),
                       command ? QStringLiteral("%1 was cancelled by the user; the command was "
                                                "stopped")
                                     .arg(m_tool)
                               : QStringLiteral("%1 was cancelled by the user").arg(m_tool)}};
    outcome.forModel = outcome.result;
    outcome.durationMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    outcome.createdSandbox = m_outcome.createdSandbox;
    emit finished(outcome);
    deleteLater();
}

// --- plumbing -----------------------------------------------------------------------------------

QString ToolExecution::text(const QString &field) const
{
    return m_args.value(field).toString();
}

StringMap ToolExecution::stringMap(const QString &field) const
{
    StringMap map;
    const QJsonObject object = m_args.value(field).toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        map.insert(it.key(), it.value().toVariant().toString());
    return map;
}

bool ToolExecution::environment(const QString &field, StringMap *env)
{
    *env = stringMap(field);
    const QStringList unsafe = SandboxEnvironment::unsafeNames(env->keys());
    if (unsafe.isEmpty())
        return true;
    fail(Kind::InvalidArguments, SandboxEnvironment::refusal(unsafe, field));
    return false;
}

bool ToolExecution::resolvePath(const QString &field, QString *path, const QString &fallback)
{
    const QJsonValue value = m_args.value(field);
    const QString given = value.isString() ? value.toString() : fallback;
    const SandboxPath::Resolved resolved = SandboxPath::resolve(given);
    if (!resolved.ok()) {
        fail(Kind::PathRefused,
             QStringLiteral("%1 refused: %2. Use a path inside /home/daytona (relative paths "
                            "are fine).")
                 .arg(field, resolved.error));
        return false;
    }
    *path = resolved.path;
    return true;
}

void ToolExecution::succeed(const QJsonObject &result)
{
    ToolOutcome outcome;
    outcome.result = result;
    finish(outcome);
}

void ToolExecution::fail(ToolOutcome::ErrorKind kind, const QString &message)
{
    ToolOutcome outcome;
    outcome.errorKind = kind;
    outcome.result
        = {{QStringLiteral("error"),
            message.isEmpty()
                ? QStringLiteral("%1 failed (%2)").arg(m_tool, ToolOutcome::kindName(kind))
                : message}};
    finish(outcome);
}

void ToolExecution::failWith(const DaytonaResult &result, const QString &doing,
                             SandboxError::Subject subject)
{
    using E = SandboxError::Kind;
    Kind kind = Kind::Http;
    switch (result.error.kind) {
    case E::Cancelled:
        kind = Kind::Cancelled;
        break;
    case E::CommandTimedOut:
    case E::Timeout:
        kind = Kind::TimedOut;
        break;
    case E::Connection:
    case E::Configuration:
    case E::WrongBaseUrl:
    case E::BadKey:
        kind = Kind::ServerUnavailable;
        break;
    case E::NotFound:
        kind = subject == SandboxError::Subject::Sandbox ? Kind::SandboxGone : Kind::FileNotFound;
        break;
    case E::AccessDenied:
        kind = Kind::PathRefused;
        break;
    default:
        break;
    }
    QString reason = result.error.message;
    if (reason.isEmpty())
        reason = result.error.serverMessage;
    if (reason.isEmpty())
        reason = QStringLiteral("%1 (HTTP %2)")
                     .arg(SandboxError::kindName(result.error.kind))
                     .arg(result.httpStatus);
    if (!result.error.serverMessage.isEmpty() && !reason.contains(result.error.serverMessage))
        reason += QStringLiteral(" The server said: %1").arg(result.error.serverMessage);
    fail(kind, QStringLiteral("%1 failed: %2").arg(doing, reason));
}

void ToolExecution::finish(ToolOutcome outcome)
{
    if (m_status != Status::Running)
        return;
    m_status = Status::Finished;
    outcome.tool = m_tool;
    outcome.durationMs = m_clock.elapsed();
    bool cut = false;
    outcome.forModel = ToolResults::forModel(outcome.result, m_context.modelTextLimit, &cut);
    outcome.truncatedForModel = cut;
    if (!outcome.createdSandbox.isValid())
        outcome.createdSandbox = m_outcome.createdSandbox;
    if (outcome.deletedSandboxId.isEmpty())
        outcome.deletedSandboxId = m_outcome.deletedSandboxId;
    if (outcome.isError())
        qCInfo(lcAgent) << "tool" << m_tool
                        << "failed:" << ToolOutcome::kindName(outcome.errorKind);
    emit finished(outcome);
    deleteLater();
}

bool ToolExecution::isThisThreads(const Sandbox &sandbox) const
{
    if (m_context.threadId.isEmpty())
        return true; // no conversation: a tool run by hand (the CLI's tool runner, tests)
    if (sandbox.labels.value(QString(kThreadLabel)) == m_context.threadId)
        return true;
    return m_context.isAttached && m_context.isAttached(sandbox);
}

void ToolExecution::withSandbox(const std::function<void()> &next, bool mustRun)
{
    const QString id = text(QStringLiteral("sandboxId")).trimmed();
    if (id.isEmpty()) {
        fail(Kind::InvalidArguments,
             QStringLiteral("sandboxId is missing; pass the id returned by createSandbox or "
                            "listSandboxes"));
        return;
    }
    const QString gone = QStringLiteral("sandbox %1 no longer exists; create a new one with "
                                        "createSandbox or use listSandboxes to find this "
                                        "thread's sandboxes")
                             .arg(id);
    await(m_client->getSandbox(id), [this, id, gone, next, mustRun](const DaytonaResult &r) {
        if (!r.ok()) {
            if (r.error.kind == SandboxError::Kind::NotFound)
                fail(Kind::SandboxGone, gone);
            else
                failWith(r, QStringLiteral("looking up sandbox %1").arg(id),
                         SandboxError::Subject::Sandbox);
            return;
        }
        m_sandbox = Sandbox::fromJson(r.json().object());
        if (!isThisThreads(m_sandbox)) {
            // Another conversation's sandbox (or anyone's, on a shared Daytona organisation):
            // not even its state is told.
            fail(Kind::NotYours,
                 QStringLiteral("sandbox %1 does not belong to this conversation, so %2 was "
                                "refused and nothing was done. Use a sandbox listSandboxes "
                                "shows, or create one with createSandbox; the user can attach "
                                "an existing sandbox to this conversation from the sandbox "
                                "list.")
                     .arg(id, m_tool));
            return;
        }
        const QString state = m_sandbox.state;
        if (state == QLatin1String("destroyed") || state == QLatin1String("destroying")) {
            fail(Kind::SandboxGone, gone);
            return;
        }
        if (!mustRun || state == QLatin1String("started")) {
            next();
            return;
        }
        if (state == QLatin1String("error") || state == QLatin1String("build_failed")) {
            fail(Kind::SandboxUnavailable,
                 QStringLiteral("sandbox %1 is in state %2%3; delete it with deleteSandbox and "
                                "create a new one with createSandbox")
                     .arg(id, state,
                          m_sandbox.errorReason.isEmpty()
                              ? QString()
                              : QStringLiteral(" (%1)").arg(m_sandbox.errorReason)));
            return;
        }
        // Stopped (or archived, or on its way): start it first, as the SDKs do.
        qCInfo(lcAgent) << "starting sandbox" << id << "from state" << state << "for" << m_tool;
        if (m_context.sandboxStarting)
            m_context.sandboxStarting(m_sandbox);
        await(m_client->startAndWait(id), [this, id, next](const DaytonaResult &started) {
            if (!started.ok()) {
                failWith(started,
                         QStringLiteral("starting the stopped sandbox %1 (start it again, or "
                                        "create a new one with createSandbox)")
                             .arg(id),
                         SandboxError::Subject::Sandbox);
                return;
            }
            if (started.sandbox.isValid())
                m_sandbox = started.sandbox;
            next();
        });
    });
}
