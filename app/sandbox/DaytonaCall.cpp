// DaytonaCall: sends one request with the contract's headers, maps the answer to a result.
#include "sandbox/DaytonaCall.h"

#include "core/Logging.h"
#include "core/UrlPolicy.h"
#include "sandbox/DaytonaClient.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace {
constexpr int kMaxRetries = 2;
}

DaytonaCall::DaytonaCall(DaytonaClient *client, const DaytonaRequestSpec &spec)
    : QObject(client)
    , m_client(client)
    , m_spec(spec)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &DaytonaCall::onTimeout);
}

QString DaytonaCall::description() const
{
    return QString::fromLatin1(m_spec.method) + QLatin1Char(' ')
        + (m_spec.toolbox ? QStringLiteral("toolbox ") : QString()) + m_spec.path;
}

void DaytonaCall::start()
{
    if (m_status != Status::Waiting || !m_client)
        return;
    const QString problem = m_client->config().problem();
    if (!problem.isEmpty()) {
        DaytonaResult r;
        r.error = SandboxError::make(SandboxError::Kind::Configuration, problem);
        finish(r);
        return;
    }
    if (m_spec.timeoutMs > 0)
        m_timeout.start(m_spec.timeoutMs);
    if (m_spec.toolbox) {
        QString base = m_spec.toolboxBase;
        if (base.isEmpty())
            base = m_client->toolboxUrlFor(m_spec.sandboxId);
        if (base.isEmpty()) {
            resolveToolbox();
            return;
        }
        while (base.endsWith(QLatin1Char('/')))
            base.chop(1);
        m_status = Status::Running;
        send(DaytonaClient::buildUrl(base + QLatin1Char('/') + m_spec.sandboxId, m_spec.path,
                                     m_spec.query));
        return;
    }
    m_status = Status::Running;
    send(DaytonaClient::buildUrl(m_client->config().apiUrl.toString(), m_spec.path, m_spec.query));
}

void DaytonaCall::resolveToolbox()
{
    m_status = Status::ResolvingToolbox;
    m_resolvingToolbox = true;
    send(DaytonaClient::buildUrl(
        m_client->config().apiUrl.toString(),
        QStringLiteral("/sandbox/%1/toolbox-proxy-url").arg(m_spec.sandboxId), {}));
}

void DaytonaCall::send(const QUrl &url)
{
    // The toolbox URL comes from the server: the key must not follow it over plain http either.
    if (UrlPolicy::isPlainHttpToAnotherHost(url)) {
        DaytonaResult r;
        r.error = SandboxError::make(
            SandboxError::Kind::Configuration,
            UrlPolicy::keyUrlProblem(
                url, QStringLiteral("The sandbox server's URL"),
                QStringLiteral("the answer of %1").arg(m_client->config().apiUrl.toString())));
        finish(r);
        return;
    }
    m_url = url;
    QNetworkRequest request(url);
    const DaytonaConfig &config = m_client->config();
    request.setRawHeader("Authorization", "Bearer " + config.bearer().toUtf8());
    if (config.apiKey.isEmpty()) // JWT authentication names the organization
        request.setRawHeader("X-Daytona-Organization-ID", config.organizationId.toUtf8());
    request.setRawHeader("X-Daytona-Source", DaytonaConfig::kSource);
    request.setRawHeader("X-Daytona-SDK-Version", DaytonaConfig::kSdkVersion);
    request.setRawHeader("User-Agent", QByteArray(DaytonaConfig::kSource) + '/' + STUDIO_VERSION);
    if (m_spec.skipLastActivity)
        request.setRawHeader("X-Daytona-Skip-Last-Activity-Update", "true");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    const bool resolving = m_resolvingToolbox;
    const QByteArray method = resolving ? QByteArray("GET") : m_spec.method;
    if (!resolving && !m_spec.contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, m_spec.contentType);
    QNetworkAccessManager *nam = m_client->managerForRequest();
    if (resolving || m_spec.body.isEmpty())
        m_reply = nam->sendCustomRequest(request, method);
    else
        m_reply = nam->sendCustomRequest(request, method, m_spec.body);
    qCDebug(lcSandbox) << "->" << method << url.path();
    connect(m_reply.data(), &QNetworkReply::finished, this, &DaytonaCall::onReplyFinished);
}

bool DaytonaCall::mayRetry(int networkError) const
{
    if (m_attempt >= kMaxRetries)
        return false;
    // Nothing reached the server: safe for any method.
    if (networkError == QNetworkReply::ConnectionRefusedError)
        return true;
    const bool isGet = m_resolvingToolbox || m_spec.method == "GET";
    return isGet
        && (networkError == QNetworkReply::RemoteHostClosedError
            || networkError == QNetworkReply::TemporaryNetworkFailureError
            || networkError == QNetworkReply::NetworkSessionFailedError
            || networkError == QNetworkReply::UnknownNetworkError);
}

void DaytonaCall::onReplyFinished()
{
    QNetworkReply *reply = m_reply.data();
    if (!reply || m_status == Status::Finished || m_status == Status::Cancelled)
        return;
    reply->deleteLater();
    m_reply.clear();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    const QByteArray contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    const QString base = m_client ? m_client->config().apiUrl.toString() : QString();

    if (status == 0) {
        const int code = reply->error();
        if (mayRetry(code)) {
            ++m_attempt;
            const QUrl url = m_url;
            QTimer::singleShot(250 * m_attempt, this, [this, url] {
                if (m_status != Status::Cancelled && m_status != Status::Finished && m_client)
                    send(url);
            });
            return;
        }
        DaytonaResult r;
        r.error = SandboxError::make(
            SandboxError::Kind::Connection,
            QStringLiteral("Could not reach the sandbox server at %1: %2. "
                           "Check the URL and your connection.")
                .arg(m_url.adjusted(QUrl::RemoveQuery | QUrl::RemovePath).toString(),
                     reply->errorString()));
        finish(r);
        return;
    }

    DaytonaResult r;
    r.httpStatus = status;
    r.body = body;
    r.contentType = contentType;
    r.notShown = reply->rawHeader("X-Results-Not-Shown").toLongLong();
    // A connection closed before the declared length is not always an error for
    // QNetworkReply; half a file must never pass for the file.
    const QVariant declared = reply->header(QNetworkRequest::ContentLengthHeader);
    if (declared.isValid() && m_spec.method != "HEAD" && body.size() < declared.toLongLong()) {
        r.error = SandboxError::make(
            SandboxError::Kind::Protocol,
            QStringLiteral("The sandbox server's answer was cut short (%1 of %2 bytes arrived). "
                           "Try again.")
                .arg(body.size())
                .arg(declared.toLongLong()));
        finish(r);
        return;
    }
    const bool expectJson = m_resolvingToolbox || m_spec.expectJson;
    if (status < 200 || status >= 300) {
        const int retryAfter
            = reply->hasRawHeader("Retry-After") ? reply->rawHeader("Retry-After").toInt() : -1;
        const SandboxError::Subject subject
            = m_resolvingToolbox ? SandboxError::Subject::Sandbox : m_spec.subject;
        r.error = SandboxError::fromHttp(status, body, contentType, subject, base, retryAfter);
        finish(r);
        return;
    }
    if (expectJson && SandboxError::looksLikeHtml(body, contentType)) {
        r.error = SandboxError::wrongBaseUrl(base, status);
        finish(r);
        return;
    }
    if (m_resolvingToolbox) {
        const QString url = r.json().object().value(QLatin1String("url")).toString();
        if (url.isEmpty()) {
            r.error
                = SandboxError::make(SandboxError::Kind::Protocol,
                                     QStringLiteral("The server did not say where the sandbox's "
                                                    "toolbox is (no url in toolbox-proxy-url)."));
            finish(r);
            return;
        }
        m_resolvingToolbox = false;
        m_client->rememberToolboxUrl(m_spec.sandboxId, url);
        QString base = url;
        while (base.endsWith(QLatin1Char('/')))
            base.chop(1);
        m_spec.toolboxBase = base;
        m_status = Status::Running;
        send(DaytonaClient::buildUrl(base + QLatin1Char('/') + m_spec.sandboxId, m_spec.path,
                                     m_spec.query));
        return;
    }
    finish(r);
}

void DaytonaCall::onTimeout()
{
    if (m_status == Status::Finished || m_status == Status::Cancelled)
        return;
    if (m_reply) {
        disconnect(m_reply.data(), nullptr, this, nullptr);
        m_reply->abort();
        m_reply->deleteLater();
    }
    DaytonaResult r;
    r.error
        = SandboxError::make(SandboxError::Kind::Timeout,
                             QStringLiteral("The sandbox server did not answer within %1 s (%2).")
                                 .arg(m_spec.timeoutMs / 1000.0)
                                 .arg(description()));
    finish(r);
}

void DaytonaCall::cancel()
{
    if (m_status == Status::Finished || m_status == Status::Cancelled)
        return;
    if (m_reply) {
        disconnect(m_reply.data(), nullptr, this, nullptr);
        m_reply->abort();
        m_reply->deleteLater();
    }
    DaytonaResult r;
    r.error = SandboxError::make(SandboxError::Kind::Cancelled, QStringLiteral("Cancelled."));
    m_timeout.stop();
    m_result = r;
    m_status = Status::Cancelled;
    emit finished(m_result);
    deleteLater();
}

void DaytonaCall::finish(DaytonaResult result)
{
    m_timeout.stop();
    m_result = std::move(result);
    m_status = Status::Finished;
    if (m_result.error.isError())
        qCDebug(lcSandbox) << description()
                           << "failed:" << SandboxError::kindName(m_result.error.kind)
                           << m_result.httpStatus;
    emit finished(m_result);
    deleteLater();
}
