// ManifestRequest: route first, find as the fallback.
#include "checkpoint/ManifestRequest.h"

#include "checkpoint/RepositoryState.h"
#include "sandbox/DaytonaClient.h"

#include <QJsonObject>
#include <QtConcurrent>

void ManifestRequest::start(DaytonaClient *client, const Sandbox &sandbox, bool forceFind,
                            const std::shared_ptr<RepositoryState> &state, QObject *context,
                            Done done)
{
    if (forceFind || state->noManifestRoute) {
        viaFind(client, sandbox, context, std::move(done));
        return;
    }
    DaytonaCall *call = client->homeManifest(sandbox);
    QPointer<DaytonaClient> guard(client);
    QObject::connect(call, &DaytonaCall::finished, context,
                     [guard, sandbox, state, context, done](const DaytonaResult &r) {
                         if (r.error.kind == SandboxError::Kind::NotFound && r.httpStatus == 404
                             && !r.body.contains("sandbox") && guard) {
                             // Not our local server (Daytona's daemon does not know the route).
                             state->noManifestRoute = true;
                             viaFind(guard, sandbox, context, done);
                             return;
                         }
                         if (!r.ok())
                             return done(HomeManifest(), QStringLiteral("route"), r.error.message);
                         // Parsed on a worker: tens of thousands of entries.
                         QtConcurrent::run([body = r.body] {
                             HomeManifest manifest;
                             QString error;
                             if (!HomeManifest::parse(body, &manifest, &error))
                                 error = QStringLiteral(
                                             "Could not read the sandbox's file listing: %1.")
                                             .arg(error);
                             return std::make_pair(manifest, error);
                         }).then(context, [done](const std::pair<HomeManifest, QString> &parsed) {
                             done(parsed.first, QStringLiteral("route"), parsed.second);
                         });
                     });
}

void ManifestRequest::viaFind(DaytonaClient *client, const Sandbox &sandbox, QObject *context,
                              Done done)
{
    DaytonaCall *call = client->execute(
        sandbox, HomeManifest::findCommand(QLatin1String(Checkpoints::kHome)), QString(), {}, 300);
    QObject::connect(call, &DaytonaCall::finished, context, [done](const DaytonaResult &r) {
        HomeManifest manifest;
        QString error;
        if (!r.ok()) {
            error = r.error.message;
        } else {
            const ExecResult exec = ExecResult::fromJson(r.json().object());
            if (exec.exitCode != 0)
                error = QStringLiteral("Listing the sandbox's files failed (exit code %1): %2")
                            .arg(exec.exitCode)
                            .arg(exec.result.left(500));
            else if (!HomeManifest::parseFindOutput(exec.result.toUtf8(), &manifest, &error))
                error = QStringLiteral("Could not read the sandbox's file listing: %1.").arg(error);
        }
        done(manifest, QStringLiteral("find"), error);
    });
}
