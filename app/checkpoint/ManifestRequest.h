// Asks a sandbox for its home's manifest: the local server's files/manifest route, or (Daytona,
// or when forced) the find command through execute; reports the parsed manifest once.
#pragma once

#include "checkpoint/HomeManifest.h"
#include "sandbox/SandboxTypes.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class DaytonaClient;
struct RepositoryState;

class ManifestRequest final
{
public:
    // source: "route" or "find"; error empty on success. done runs on context's thread, once.
    using Done = std::function<void(const HomeManifest &manifest, const QString &source,
                                    const QString &error)>;
    static void start(DaytonaClient *client, const Sandbox &sandbox, bool forceFind,
                      const std::shared_ptr<RepositoryState> &state, QObject *context, Done done);

private:
    static void viaFind(DaytonaClient *client, const Sandbox &sandbox, QObject *context, Done done);
};
