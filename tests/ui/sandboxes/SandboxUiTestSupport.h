// What the sandbox manager's GUI tests share: an AppContext on a temporary data folder that talks
// to the real local sandbox server (bubblewrap on 127.0.0.1), or to a "Daytona" URL where nothing
// listens, and creating sandboxes through the same client the app uses.
#pragma once

#include "../../app/localsandbox/SandboxTestSupport.h"
#include "localsandbox/LocalSandboxServer.h"
#include "root/AppContext.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxBackend.h"
#include "sandbox/SandboxWaiter.h"

#include <QFile>
#include <QTcpServer>
#include <QTemporaryDir>

#include <memory>

class SandboxTestEnv
{
public:
    // provider "local": the embedded server; "dead": Daytona settings pointing at a closed port;
    // "both": Daytona settings pointing at a second local server (the default provider), and
    // the embedded server beside it.
    bool open(const QString &provider, QString *error)
    {
        if (!m_dir.isValid()) {
            *error = QStringLiteral("no temporary folder");
            return false;
        }
        // As root, sandboxes run as nobody, who must traverse the folders above their homes.
        QFile::setPermissions(m_dir.path(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                  | QFileDevice::ExeOwner | QFileDevice::ExeGroup
                                  | QFileDevice::ExeOther);
        if (provider == QLatin1String("dead")) {
            QTcpServer probe;
            probe.listen(QHostAddress::LocalHost);
            const quint16 port = probe.serverPort();
            probe.close(); // nothing listens there any more: connections are refused
            qputenv("DAYTONA_API_KEY", "dtn_test_key_for_a_dead_server");
            qputenv("DAYTONA_API_URL",
                    QByteArray("http://127.0.0.1:") + QByteArray::number(port)
                        + QByteArray("/api"));
        } else if (provider == QLatin1String("both")) {
            LocalSandboxOptions options;
            options.dataDir = m_dir.filePath(QStringLiteral("cloud"));
            QDir().mkpath(options.dataDir);
            m_cloud = std::make_unique<LocalSandboxServer>(options);
            if (!m_cloud->start(error))
                return false;
            qputenv("DAYTONA_API_KEY", m_cloud->token().toUtf8());
            qputenv("DAYTONA_API_URL", m_cloud->apiUrl().toString().toUtf8());
        } else {
            qunsetenv("DAYTONA_API_KEY");
            qunsetenv("DAYTONA_API_URL");
        }
        m_context = std::make_unique<AppContext>(
            StudioPaths::underRoot(m_dir.filePath(QStringLiteral("data"))));
        if (!m_context->open(error))
            return false;
        m_context->setSandboxProvider(provider == QLatin1String("dead") ? QStringLiteral("daytona")
                                          : provider == QLatin1String("both")
                                          ? QString()
                                          : QStringLiteral("local"));
        return m_context->agentEngine(error) != nullptr;
    }

    AppContext &context() { return *m_context; }
    QString tempPath(const QString &name) const { return m_dir.filePath(name); }

    // The default provider's client, or a given provider's.
    DaytonaClient *client(const QString &provider = {})
    {
        QString error;
        DaytonaClient *c = provider.isEmpty() ? m_context->sandboxes().client(&error)
                                              : m_context->sandboxes().client(provider, &error);
        if (!c)
            qWarning("no sandbox client: %s", qPrintable(error));
        return c;
    }

    // A started sandbox, or an invalid one (and a warning) if the server refused.
    Sandbox create(const QString &name, const QString &provider = {})
    {
        CreateSandboxParams params;
        params.name = name;
        params.language = QStringLiteral("python");
        const DaytonaResult r = awaitResult(client(provider)->createAndWait(params));
        if (!r.ok())
            qWarning("create %s failed: %s", qPrintable(name), qPrintable(r.error.message));
        return r.sandbox;
    }

    // The server's current view of a sandbox (state empty and NotFound if it is gone).
    DaytonaResult get(const QString &id, const QString &provider = {})
    {
        return awaitResult(client(provider)->getSandbox(id));
    }
    QString stateOnServer(const QString &id)
    {
        const DaytonaResult r = get(id);
        return r.ok() ? Sandbox::fromJson(r.json().object()).state : QString();
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<LocalSandboxServer> m_cloud; // plays Daytona in "both"
    std::unique_ptr<AppContext> m_context;
};
