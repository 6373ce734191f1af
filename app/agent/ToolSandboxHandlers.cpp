// The tools that create, delete, list and expose sandboxes (ToolExecution handlers).
#include "agent/ToolExecutor.h"

#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxLister.h"
#include "sandbox/SandboxWaiter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <memory>

using Kind = ToolOutcome::ErrorKind;

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
    if (!environment(QStringLiteral("envVars"), &params.env))
        return;
    // Resources as Daytona takes them (cores, GiB); absent or 0: the server's defaults.
    params.cpu = m_args.value(QStringLiteral("cpu")).toDouble(0);
    params.memory = m_args.value(QStringLiteral("memory")).toDouble(0);
    params.disk = m_args.value(QStringLiteral("disk")).toDouble(0);
    if (m_context.sandboxAutoStopMinutes >= 0)
        params.autoStopInterval = m_context.sandboxAutoStopMinutes;
    if (m_context.sandboxAutoDeleteMinutes >= -1)
        params.autoDeleteInterval = m_context.sandboxAutoDeleteMinutes;

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
    // The thread's own sandboxes by their label; with sandboxes the user may have attached to
    // the thread, every sandbox is listed and only the thread's are kept.
    StringMap labels;
    if (!m_context.threadId.isEmpty() && !m_context.isAttached)
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
            if (!isThisThreads(s))
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
    // Signed first: a link that opens without a token and expires. A server without signed
    // previews (404) gives the preview URL and its token, which a browser can only send in the
    // query; the Daytona API key never goes into a URL.
    await(m_client->signedPreviewUrl(m_sandbox.id, port, PreviewLink::kSignedSeconds),
          [this, port](const DaytonaResult &r) {
              if (r.httpStatus == 404) {
                  await(
                      m_client->previewUrl(m_sandbox.id, port),
                      [this, port](const DaytonaResult &p) { answerPreviewLink(p, port, false); });
                  return;
              }
              answerPreviewLink(r, port, true);
          });
}

void ToolExecution::answerPreviewLink(const DaytonaResult &r, int port, bool isSigned)
{
    if (!r.ok()) {
        failWith(r, QStringLiteral("getting a preview link for port %1").arg(port),
                 SandboxError::Subject::Sandbox);
        return;
    }
    const QUrl url = PreviewLink::openableUrl(r.body, isSigned);
    if (url.isEmpty()) {
        fail(Kind::Http, QStringLiteral("the sandbox server answered without a preview URL"));
        return;
    }
    QJsonObject result{{QStringLiteral("url"), url.toString()},
                       {QStringLiteral("port"), port},
                       {QStringLiteral("signed"), isSigned}};
    if (isSigned)
        result.insert(QStringLiteral("expiresInSeconds"), PreviewLink::kSignedSeconds);
    succeed(result);
}
