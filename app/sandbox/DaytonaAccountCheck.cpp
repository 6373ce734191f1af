// DaytonaAccountCheck: GET /sandbox?limit=1 with the typed account, and what its answer means.
#include "sandbox/DaytonaAccountCheck.h"

#include "sandbox/DaytonaCall.h"
#include "sandbox/DaytonaClient.h"

#include <QJsonObject>

DaytonaAccountCheck::DaytonaAccountCheck(QObject *parent)
    : QObject(parent)
{
}

DaytonaAccountCheck::~DaytonaAccountCheck()
{
    cancel();
}

bool DaytonaAccountCheck::isRunning() const
{
    return !m_call.isNull();
}

void DaytonaAccountCheck::cancel()
{
    if (m_call) {
        disconnect(m_call.data(), nullptr, this, nullptr);
        m_call->cancel();
    }
    m_call = nullptr;
}

void DaytonaAccountCheck::start(const DaytonaConfig &config)
{
    cancel();
    // A client of its own: the engine's keeps its account until the user saves this one.
    if (!m_client)
        m_client = std::make_unique<DaytonaClient>(config);
    else
        m_client->setConfig(config);
    m_client->setTimeoutCap(m_timeoutMs);
    m_call = m_client->listPage({}, QString(), 1);
    connect(m_call.data(), &DaytonaCall::finished, this,
            [this, config](const DaytonaResult &result) {
                m_call = nullptr;
                emit finished(result.ok(), describe(config, result));
            });
}

QString DaytonaAccountCheck::describe(const DaytonaConfig &config, const DaytonaResult &result)
{
    const QString url = config.apiUrl.toString(QUrl::RemoveUserInfo);
    if (result.ok()) {
        // {items, total, ...} (current API) or a bare array (older servers).
        const QJsonDocument json = result.json();
        const QJsonValue total = json.object().value(QLatin1String("total"));
        if (total.isDouble())
            return tr("Connected to %1: the key works (%n sandbox(es) in this account).", nullptr,
                      int(total.toInteger()))
                .arg(url);
        return tr("Connected to %1: the key works.").arg(url);
    }
    const SandboxError &error = result.error;
    switch (error.kind) {
    case SandboxError::Kind::BadKey:
        return error.httpStatus == 403
            ? tr("Daytona at %1 accepted the key but refused to list sandboxes (HTTP 403): give "
                 "the key the sandbox permissions in the Daytona dashboard (Keys), or create a new "
                 "one.")
                  .arg(url)
            : tr("Daytona at %1 refused this API key (HTTP 401): copy the whole key again from "
                 "the Daytona dashboard (Keys), or create a new one.")
                  .arg(url);
    case SandboxError::Kind::NotFound:
    case SandboxError::Kind::WrongBaseUrl:
        return tr("%1 does not answer like the Daytona API (HTTP %2): check the API URL; "
                  "Daytona's is https://app.daytona.io/api.")
            .arg(url)
            .arg(error.httpStatus);
    default:
        // Configuration (no key, plain http to another machine), connection, timeout, 5xx:
        // the client's message says what happened and what to do.
        return error.message;
    }
}
