#include "agent/ToolExecutor.h"

#include "agent/DirectoryWatcher.h"
#include "agent/OutputCap.h"
#include "agent/SandboxPath.h"
#include "agent/ToolCatalog.h"
#include "agent/ToolResults.h"
#include "core/Logging.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxLister.h"
#include "sandbox/SandboxWaiter.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTimer>

#include <cmath>
#include <memory>
#include <utility>

using Kind = ToolOutcome::ErrorKind;

namespace {

QString quoted(const QString &text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

} // namespace

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
                    .arg(quoted(tool), m_catalog.names().join(QStringLiteral(", ")));
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
    if (m_needsRunningSandbox)
        withSandbox([this] { (this->*m_handler)(); }, true);
    else
        (this->*m_handler)();
}

template<typename Call> void ToolExecution::await(Call *call, Next next)
{
    QPointer<Call> guarded(call);
    m_cancelPending = [guarded] {
        if (guarded)
            guarded->cancel();
    };
    connect(call, &Call::finished, this, [this, next](const DaytonaResult &result) {
        m_cancelPending = {};
        if (m_status != Status::Running)
            return; // cancelled meanwhile
        next(result);
    });
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

// --- sandboxes ----------------------------------------------------------------------------------

void ToolExecution::createSandbox()
{
    CreateSandboxParams params;
    params.name = text(QStringLiteral("name")).trimmed();
    const QString language = text(QStringLiteral("language"));
    if (!language.isEmpty())
        params.language = language;
    params.labels = stringMap(QStringLiteral("labels"));
    if (!m_context.threadId.isEmpty())
        params.labels.insert(QString(kThreadLabel), m_context.threadId);
    params.env = stringMap(QStringLiteral("envVars"));
    if (m_context.sandboxAutoStopMinutes >= 0)
        params.autoStopInterval = m_context.sandboxAutoStopMinutes;

    // Sandbox names are unique per account, and a model reuses names ("my_project") across
    // conversations: on a name conflict, try once more with a suffix.
    auto attempt = std::make_shared<std::function<void(CreateSandboxParams, bool)>>();
    // The pending call's handler owns the attempt function; it holds itself only weakly.
    *attempt = [this, self = std::weak_ptr(attempt)](CreateSandboxParams p, bool retried) {
        await(m_client->createAndWait(p),
              [this, attempt = self.lock(), p, retried](const DaytonaResult &r) {
                  if (r.sandbox.isValid())
                      m_outcome.createdSandbox = r.sandbox; // recorded even when it failed to start
                  if (!r.ok()) {
                      if (r.error.kind == SandboxError::Kind::Conflict && !p.name.isEmpty()
                          && !retried) {
                          CreateSandboxParams again = p;
                          again.name
                              = p.name + QLatin1Char('-')
                              + QString::number(
                                    QRandomGenerator::global()->bounded(0x100000, 0xffffff), 16);
                          (*attempt)(again, true);
                          return;
                      }
                      failWith(r, QStringLiteral("creating the sandbox"),
                               SandboxError::Subject::Other);
                      return;
                  }
                  succeed({{QStringLiteral("sandboxId"), r.sandbox.id}});
              });
    };
    (*attempt)(params, false);
}

void ToolExecution::deleteSandbox()
{
    withSandbox(
        [this] {
            const QString owner = m_sandbox.labels.value(QString(kThreadLabel));
            if (!m_context.threadId.isEmpty() && owner != m_context.threadId) {
                fail(Kind::NotYours,
                     QStringLiteral("sandbox %1 does not belong to this conversation, so it "
                                    "was not deleted; only the sandboxes listSandboxes shows "
                                    "can be deleted")
                         .arg(m_sandbox.id));
                return;
            }
            const QString id = m_sandbox.id;
            await(m_client->deleteSandbox(id), [this, id](const DaytonaResult &r) {
                if (!r.ok()) {
                    failWith(r, QStringLiteral("deleting sandbox %1").arg(id),
                             SandboxError::Subject::Sandbox);
                    return;
                }
                m_outcome.deletedSandboxId = id;
                succeed({{QStringLiteral("success"), true}, {QStringLiteral("sandboxId"), id}});
            });
        },
        false);
}

void ToolExecution::listSandboxes()
{
    StringMap labels;
    if (!m_context.threadId.isEmpty())
        labels.insert(QString(kThreadLabel), m_context.threadId);
    await(m_client->listSandboxes(labels), [this](const DaytonaResult &r) {
        if (!r.ok()) {
            failWith(r, QStringLiteral("listing sandboxes"), SandboxError::Subject::Other);
            return;
        }
        QJsonArray sandboxes;
        for (const Sandbox &s : r.sandboxes) {
            if (s.state == QLatin1String("destroyed") || s.state == QLatin1String("destroying"))
                continue;
            sandboxes.append(QJsonObject{{QStringLiteral("sandboxId"), s.id},
                                         {QStringLiteral("name"), s.name},
                                         {QStringLiteral("state"), s.state},
                                         {QStringLiteral("language"), s.language()}});
        }
        succeed({{QStringLiteral("sandboxes"), sandboxes}});
    });
}

void ToolExecution::getPreviewLink()
{
    const int port = m_args.value(QStringLiteral("port")).toInt();
    if (port < 1 || port > 65535) {
        fail(Kind::InvalidArguments,
             QStringLiteral("port must be a number from 1 to 65535, got %1")
                 .arg(QString::fromUtf8(
                     QJsonDocument(QJsonArray{m_args.value(QStringLiteral("port"))})
                         .toJson(QJsonDocument::Compact))));
        return;
    }
    await(m_client->previewUrl(m_sandbox.id, port), [this, port](const DaytonaResult &r) {
        if (!r.ok()) {
            failWith(r, QStringLiteral("getting a preview link for port %1").arg(port),
                     SandboxError::Subject::Sandbox);
            return;
        }
        const QString url = r.json().object().value(QLatin1String("url")).toString();
        if (url.isEmpty()) {
            fail(Kind::Http, QStringLiteral("the sandbox server answered without a preview URL"));
            return;
        }
        succeed({{QStringLiteral("url"), url}, {QStringLiteral("port"), port}});
    });
}

// --- commands -----------------------------------------------------------------------------------

namespace {

int timeoutArgument(const QJsonObject &args)
{
    const double seconds = args.value(QStringLiteral("timeoutSeconds")).toDouble(0);
    return seconds > 0 ? int(std::ceil(std::min(seconds, 86400.0))) : 0;
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
    const int timeout = timeoutArgument(m_args);
    const QJsonValue capture = m_args.value(QStringLiteral("captureOutput"));
    const bool captureOutput = capture.isBool() ? capture.toBool() : true;

    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    await(m_client->execute(m_sandbox, command, cwd, stringMap(QStringLiteral("envs")), timeout),
          [this, command, timeout, captureOutput, clock](const DaytonaResult &r) {
              const qint64 elapsed = std::max<qint64>(1, clock->elapsed());
              if (r.error.kind == SandboxError::Kind::CommandTimedOut) {
                  fail(Kind::TimedOut,
                       QStringLiteral("the command timed out after %1 seconds and was stopped: "
                                      "%2. Raise timeoutSeconds (0 = no limit) or make the "
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
    QStringList argv;
    for (const QJsonValue &v : m_args.value(QStringLiteral("argv")).toArray())
        argv << v.toVariant().toString();
    const int timeout = timeoutArgument(m_args);
    const QString language
        = m_sandbox.language().isEmpty() ? QStringLiteral("python") : m_sandbox.language();
    await(m_client->codeRun(m_sandbox, code, language, argv, stringMap(QStringLiteral("envs")),
                            timeout),
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

// --- files --------------------------------------------------------------------------------------

void ToolExecution::readFile()
{
    QString path;
    if (!resolvePath(QStringLiteral("path"), &path))
        return;
    const auto tooLarge = [this, path](qint64 size) {
        fail(Kind::TooLarge,
             QStringLiteral("%1 is %2 (%3 bytes); readFile returns files up to %4. Read the part "
                            "you need with runCommand (e.g. head -n 100, tail -n 100, "
                            "sed -n '200,300p', grep -n PATTERN).")
                 .arg(path, ToolResults::humanReadableSize(size))
                 .arg(size)
                 .arg(ToolResults::humanReadableSize(kMaxReadFileBytes)));
    };
    // The size first, so a huge file is refused before it is downloaded into memory.
    await(m_client->fileInfo(m_sandbox, path), [this, path, tooLarge](const DaytonaResult &info) {
        if (!info.ok()) {
            failWith(info, QStringLiteral("reading %1").arg(path));
            return;
        }
        const FileInfo file = FileInfo::fromJson(info.json().object());
        if (!file.isDir && file.size > kMaxReadFileBytes) {
            tooLarge(file.size);
            return;
        }
        await(m_client->downloadFile(m_sandbox, path),
              [this, path, tooLarge](const DaytonaResult &r) {
                  if (!r.ok()) {
                      failWith(r, QStringLiteral("reading %1").arg(path));
                      return;
                  }
                  // Sandboxed code may have grown the file since.
                  if (r.body.size() > kMaxReadFileBytes) {
                      tooLarge(r.body.size());
                      return;
                  }
                  if (ToolResults::isBinary(r.body)) {
                      fail(Kind::BinaryContent,
                           QStringLiteral("%1 is a %2; readFile returns text only. Inspect it with "
                                          "runCommand (e.g. file, xxd | head, or a script).")
                               .arg(path, ToolResults::describeBinary(r.body)));
                      return;
                  }
                  succeed({{QStringLiteral("content"), ToolResults::decodeText(r.body)},
                           {QStringLiteral("path"), path}});
              });
    });
}

void ToolExecution::writeFile()
{
    QString path;
    if (!resolvePath(QStringLiteral("path"), &path))
        return;
    if (path == SandboxPath::workingDirectory()) {
        fail(Kind::PathRefused,
             QStringLiteral("path must name a file, not the working directory /home/daytona"));
        return;
    }
    await(m_client->uploadFile(m_sandbox, path, text(QStringLiteral("content")).toUtf8()),
          [this, path](const DaytonaResult &r) {
              if (!r.ok()) {
                  failWith(r, QStringLiteral("writing %1").arg(path));
                  return;
              }
              succeed({{QStringLiteral("success"), true}, {QStringLiteral("path"), path}});
          });
}

void ToolExecution::writeFiles()
{
    const QJsonArray files = m_args.value(QStringLiteral("files")).toArray();
    if (files.isEmpty()) {
        fail(Kind::InvalidArguments, QStringLiteral("files is empty; give [{path, data}, ...]"));
        return;
    }
    QList<UploadItem> items;
    QJsonArray written;
    for (qsizetype i = 0; i < files.size(); ++i) {
        const QJsonObject file = files.at(i).toObject();
        const QString given = file.value(QLatin1String("path")).toString();
        const SandboxPath::Resolved resolved = SandboxPath::resolve(given);
        if (!resolved.ok() || resolved.path == SandboxPath::workingDirectory()) {
            fail(Kind::PathRefused,
                 QStringLiteral("files[%1].path refused: %2. Nothing was written; use file "
                                "paths inside /home/daytona.")
                     .arg(i)
                     .arg(resolved.ok() ? QStringLiteral("it names the working directory")
                                        : resolved.error));
            return;
        }
        items.append({resolved.path, file.value(QLatin1String("data")).toString().toUtf8()});
        written.append(resolved.path);
    }
    await(m_client->uploadFiles(m_sandbox, items), [this, written](const DaytonaResult &r) {
        if (!r.ok()) {
            failWith(r, QStringLiteral("writing %1 files").arg(written.size()));
            return;
        }
        succeed({{QStringLiteral("success"), true}, {QStringLiteral("filesWritten"), written}});
    });
}

void ToolExecution::listFiles()
{
    QString path;
    if (!resolvePath(QStringLiteral("path"), &path, QStringLiteral("/")))
        return;
    await(m_client->listFiles(m_sandbox, path), [this, path](const DaytonaResult &r) {
        if (!r.ok()) {
            failWith(r, QStringLiteral("listing %1").arg(path));
            return;
        }
        QJsonArray files;
        for (const FileInfo &info : FileInfo::listFromJson(r.json().array()))
            files.append(
                QJsonObject{{QStringLiteral("name"), info.name},
                            {QStringLiteral("path"), QString(path + QLatin1Char('/') + info.name)},
                            {QStringLiteral("isDirectory"), info.isDir}});
        succeed({{QStringLiteral("files"), files}, {QStringLiteral("path"), path}});
    });
}

void ToolExecution::deleteFile()
{
    QString path;
    if (!resolvePath(QStringLiteral("path"), &path))
        return;
    if (path == SandboxPath::workingDirectory()) {
        fail(Kind::PathRefused,
             QStringLiteral("refusing to delete the working directory /home/daytona itself; "
                            "delete the files inside it, or the whole sandbox with "
                            "deleteSandbox"));
        return;
    }
    await(m_client->deleteFile(m_sandbox, path, true), [this, path](const DaytonaResult &r) {
        if (!r.ok()) {
            failWith(r, QStringLiteral("deleting %1").arg(path));
            return;
        }
        succeed({{QStringLiteral("success"), true}, {QStringLiteral("path"), path}});
    });
}

void ToolExecution::createDirectory()
{
    QString path;
    if (!resolvePath(QStringLiteral("path"), &path))
        return;
    await(m_client->createFolder(m_sandbox, path), [this, path](const DaytonaResult &r) {
        if (!r.ok()) {
            failWith(r, QStringLiteral("creating the folder %1").arg(path));
            return;
        }
        succeed({{QStringLiteral("success"), true}, {QStringLiteral("path"), path}});
    });
}

void ToolExecution::getFileInfo()
{
    QString path;
    if (!resolvePath(QStringLiteral("path"), &path))
        return;
    await(m_client->fileInfo(m_sandbox, path), [this, path](const DaytonaResult &r) {
        if (!r.ok()) {
            failWith(r, QStringLiteral("getting information on %1").arg(path));
            return;
        }
        const FileInfo info = FileInfo::fromJson(r.json().object());
        succeed({{QStringLiteral("name"), info.name},
                 {QStringLiteral("isDir"), info.isDir},
                 {QStringLiteral("size"), info.size},
                 {QStringLiteral("mode"), info.mode},
                 {QStringLiteral("permissions"), info.permissions},
                 {QStringLiteral("owner"), info.owner},
                 {QStringLiteral("group"), info.group},
                 {QStringLiteral("modTime"), info.modifiedAt}});
    });
}

void ToolExecution::checkFileExists()
{
    QString path;
    if (!resolvePath(QStringLiteral("path"), &path))
        return;
    await(m_client->fileInfo(m_sandbox, path), [this, path](const DaytonaResult &r) {
        if (r.error.kind == SandboxError::Kind::NotFound) {
            succeed({{QStringLiteral("exists"), false}, {QStringLiteral("path"), path}});
            return;
        }
        if (!r.ok()) {
            failWith(r, QStringLiteral("checking %1").arg(path));
            return;
        }
        const FileInfo info = FileInfo::fromJson(r.json().object());
        succeed({{QStringLiteral("exists"), true},
                 {QStringLiteral("path"), path},
                 {QStringLiteral("isDirectory"), info.isDir}});
    });
}

void ToolExecution::getFileSize()
{
    QString path;
    if (!resolvePath(QStringLiteral("path"), &path))
        return;
    const bool human = m_args.value(QStringLiteral("humanReadable")).toBool(false);
    auto report = [this, path, human](qint64 size, bool isDir) {
        QJsonObject result{{QStringLiteral("size"), size},
                           {QStringLiteral("path"), path},
                           {QStringLiteral("isDirectory"), isDir}};
        if (human)
            result.insert(QStringLiteral("humanReadableSize"),
                          ToolResults::humanReadableSize(size));
        succeed(result);
    };
    await(m_client->fileInfo(m_sandbox, path), [this, path, report](const DaytonaResult &r) {
        if (!r.ok()) {
            failWith(r, QStringLiteral("getting the size of %1").arg(path));
            return;
        }
        const FileInfo info = FileInfo::fromJson(r.json().object());
        if (!info.isDir) {
            report(info.size, false);
            return;
        }
        // A folder's size is the total of the files below it.
        watch(path, true, 0, [report](DirectoryWatcher *watcher) {
            qint64 total = 0;
            for (const ToolResults::Entry &entry : watcher->snapshot())
                total += entry.isDir ? 0 : entry.size;
            report(total, true);
        });
    });
}

void ToolExecution::searchFiles()
{
    QString path;
    if (!resolvePath(QStringLiteral("path"), &path))
        return;
    const QString pattern = text(QStringLiteral("pattern"));
    await(m_client->searchFiles(m_sandbox, path, pattern),
          [this, path, pattern](const DaytonaResult &r) {
              if (!r.ok()) {
                  failWith(r, QStringLiteral("searching %1 for %2").arg(path, quoted(pattern)));
                  return;
              }
              QJsonArray files = r.json().object().value(QLatin1String("files")).toArray();
              succeed({{QStringLiteral("files"), files}});
          });
}

void ToolExecution::findInFiles()
{
    QString path;
    if (!resolvePath(QStringLiteral("path"), &path))
        return;
    const QString pattern = text(QStringLiteral("pattern"));
    if (pattern.isEmpty()) {
        fail(Kind::InvalidArguments, QStringLiteral("pattern is empty; give the text to find"));
        return;
    }
    await(m_client->findInFiles(m_sandbox, path, pattern),
          [this, path, pattern](const DaytonaResult &r) {
              if (!r.ok()) {
                  failWith(r, QStringLiteral("finding %1 in %2").arg(quoted(pattern), path));
                  return;
              }
              QJsonArray matches;
              for (const FindMatch &m : FindMatch::listFromJson(r.json().array()))
                  matches.append(QJsonObject{{QStringLiteral("file"), m.file},
                                             {QStringLiteral("line"), m.line},
                                             {QStringLiteral("content"), m.content}});
              succeed({{QStringLiteral("matches"), matches}});
          });
}

// --- watching ---------------------------------------------------------------------------------

void ToolExecution::watch(const QString &root, bool recursive, qint64 durationMs,
                          const std::function<void(DirectoryWatcher *)> &done)
{
    auto *watcher = new DirectoryWatcher(m_client, m_sandbox, root, recursive, this);
    const QPointer<DirectoryWatcher> guarded(watcher);
    m_cancelPending = [guarded] {
        if (guarded)
            guarded->cancel();
    };
    connect(watcher, &DirectoryWatcher::finished, this,
            [this, watcher, root, done](const DaytonaResult &error) {
                m_cancelPending = {};
                watcher->deleteLater();
                if (m_status != Status::Running)
                    return;
                if (!error.ok()) {
                    failWith(error, QStringLiteral("watching %1").arg(root));
                    return;
                }
                done(watcher);
            });
    int interval = m_context.watchIntervalMs;
    if (interval <= 0)
        interval = int(qBound<qint64>(qint64(200), durationMs / 20, qint64(1000)));
    watcher->start(durationMs, interval);
}

void ToolExecution::watchDirectory()
{
    QString path;
    if (!resolvePath(QStringLiteral("path"), &path))
        return;
    const bool recursive = m_args.value(QStringLiteral("recursive")).toBool(false);
    const qint64 duration = qBound<qint64>(
        0, qint64(m_args.value(QStringLiteral("watchDuration")).toDouble(0)), qint64(300000));
    watch(path, recursive, duration, [this, path](DirectoryWatcher *watcher) {
        succeed({{QStringLiteral("watchStarted"), true},
                 {QStringLiteral("path"), path},
                 {QStringLiteral("events"), watcher->events()}});
    });
}
