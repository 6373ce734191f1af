// DaytonaClient: builds the request objects of contract.md §8.
#include "sandbox/DaytonaClient.h"

#include "sandbox/Multipart.h"
#include "sandbox/SandboxLister.h"
#include "sandbox/SandboxWaiter.h"
#include "sandbox/SessionLogFollower.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace {

// Every command is sent with a timeout: none (or a negative one) means the default, and a huge
// one the maximum, so neither the server's timer nor this client's overflows or waits forever.
int commandTimeout(int seconds)
{
    return seconds > 0 ? qMin(seconds, kMaxCommandTimeoutSeconds) : kDefaultCommandTimeoutSeconds;
}

QByteArray jsonBody(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject mapToJson(const StringMap &map)
{
    QJsonObject o;
    for (auto it = map.begin(); it != map.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QString encodeSegment(const QString &segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

} // namespace

DaytonaClient::DaytonaClient(const DaytonaConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_nam(new QNetworkAccessManager(this))
    , m_managers{m_nam}
{
    qRegisterMetaType<DaytonaResult>();
}

QNetworkAccessManager *DaytonaClient::managerForRequest()
{
    // Qt's fixed number of HTTP/1.1 connections per host (QHttpNetworkConnection).
    constexpr int kConnectionsPerManager = 6;
    QNetworkAccessManager *best = nullptr;
    qsizetype bestBusy = 0;
    for (QNetworkAccessManager *manager : std::as_const(m_managers)) {
        const QList<QNetworkReply *> replies
            = manager->findChildren<QNetworkReply *>(Qt::FindDirectChildrenOnly);
        const qsizetype busy = std::count_if(replies.cbegin(), replies.cend(),
                                             [](QNetworkReply *r) { return r->isRunning(); });
        if (busy < kConnectionsPerManager)
            return manager; // the first with a free connection: few managers in light use
        if (!best || busy < bestBusy) {
            best = manager;
            bestBusy = busy;
        }
    }
    if (m_managers.size() < kMaxManagers) {
        m_managers.append(new QNetworkAccessManager(this));
        return m_managers.last();
    }
    return best;
}

void DaytonaClient::setConfig(const DaytonaConfig &config)
{
    m_config = config;
    m_toolboxUrls.clear();
}

QUrl DaytonaClient::buildUrl(const QString &base, const QString &path,
                             const QList<QPair<QString, QString>> &query)
{
    QString text = base;
    while (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    text += path;
    QByteArray encodedQuery;
    for (const auto &[key, value] : query) {
        if (!encodedQuery.isEmpty())
            encodedQuery += '&';
        encodedQuery += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    QUrl url(text);
    if (!encodedQuery.isEmpty())
        url.setQuery(QString::fromLatin1(encodedQuery), QUrl::StrictMode);
    return url;
}

DaytonaCall *DaytonaClient::call(const DaytonaRequestSpec &spec)
{
    DaytonaRequestSpec capped = spec;
    if (m_timeoutCap > 0 && (capped.timeoutMs <= 0 || capped.timeoutMs > m_timeoutCap))
        capped.timeoutMs = m_timeoutCap;
    auto *c = new DaytonaCall(this, capped);
    QTimer::singleShot(0, c, &DaytonaCall::start);
    return c;
}

DaytonaCall *DaytonaClient::toolboxCall(const Sandbox &sandbox, DaytonaRequestSpec spec)
{
    spec.toolbox = true;
    spec.sandboxId = sandbox.id;
    spec.toolboxBase = sandbox.toolboxProxyUrl;
    return call(spec);
}

DaytonaCall *DaytonaClient::createSandbox(const CreateSandboxParams &params, int timeoutMs)
{
    CreateSandboxParams p = params;
    if (p.target.isEmpty())
        p.target = m_config.target;
    DaytonaRequestSpec spec;
    spec.method = "POST";
    spec.path = QStringLiteral("/sandbox");
    spec.body = jsonBody(p.toJson());
    spec.contentType = "application/json";
    spec.timeoutMs = timeoutMs;
    return call(spec);
}

DaytonaCall *DaytonaClient::getSandbox(const QString &idOrName)
{
    DaytonaRequestSpec spec;
    spec.path = QStringLiteral("/sandbox/") + encodeSegment(idOrName);
    spec.subject = SandboxError::Subject::Sandbox;
    return call(spec);
}

DaytonaCall *DaytonaClient::startSandbox(const QString &idOrName, int timeoutMs)
{
    DaytonaRequestSpec spec;
    spec.method = "POST";
    spec.path = QStringLiteral("/sandbox/%1/start").arg(encodeSegment(idOrName));
    spec.subject = SandboxError::Subject::Sandbox;
    spec.timeoutMs = timeoutMs;
    return call(spec);
}

DaytonaCall *DaytonaClient::stopSandbox(const QString &idOrName, bool force, int timeoutMs)
{
    DaytonaRequestSpec spec;
    spec.method = "POST";
    spec.path = QStringLiteral("/sandbox/%1/stop").arg(encodeSegment(idOrName));
    if (force)
        spec.query.append({QStringLiteral("force"), QStringLiteral("true")});
    spec.subject = SandboxError::Subject::Sandbox;
    spec.timeoutMs = timeoutMs;
    return call(spec);
}

DaytonaCall *DaytonaClient::deleteSandbox(const QString &idOrName, int timeoutMs)
{
    DaytonaRequestSpec spec;
    spec.method = "DELETE";
    spec.path = QStringLiteral("/sandbox/") + encodeSegment(idOrName);
    spec.subject = SandboxError::Subject::Sandbox;
    spec.timeoutMs = timeoutMs;
    m_toolboxUrls.remove(idOrName);
    return call(spec);
}

DaytonaCall *DaytonaClient::setLabels(const QString &idOrName, const StringMap &labels)
{
    DaytonaRequestSpec spec;
    spec.method = "PUT";
    spec.path = QStringLiteral("/sandbox/%1/labels").arg(encodeSegment(idOrName));
    spec.body = jsonBody({{QLatin1String("labels"), mapToJson(labels)}});
    spec.contentType = "application/json";
    spec.subject = SandboxError::Subject::Sandbox;
    return call(spec);
}

DaytonaCall *DaytonaClient::setAutoStopInterval(const QString &idOrName, int minutes)
{
    DaytonaRequestSpec spec;
    spec.method = "POST";
    spec.path = QStringLiteral("/sandbox/%1/autostop/%2").arg(encodeSegment(idOrName)).arg(minutes);
    spec.subject = SandboxError::Subject::Sandbox;
    return call(spec);
}

DaytonaCall *DaytonaClient::setAutoDeleteInterval(const QString &idOrName, int minutes)
{
    DaytonaRequestSpec spec;
    spec.method = "POST";
    spec.path
        = QStringLiteral("/sandbox/%1/autodelete/%2").arg(encodeSegment(idOrName)).arg(minutes);
    spec.subject = SandboxError::Subject::Sandbox;
    return call(spec);
}

DaytonaCall *DaytonaClient::updateLastActivity(const QString &sandboxId)
{
    DaytonaRequestSpec spec;
    spec.method = "POST";
    spec.path = QStringLiteral("/sandbox/%1/last-activity").arg(encodeSegment(sandboxId));
    spec.subject = SandboxError::Subject::Sandbox;
    spec.expectJson = false; // 201 without a body
    return call(spec);
}

DaytonaCall *DaytonaClient::toolboxProxyUrl(const QString &sandboxId)
{
    DaytonaRequestSpec spec;
    spec.path = QStringLiteral("/sandbox/%1/toolbox-proxy-url").arg(encodeSegment(sandboxId));
    spec.subject = SandboxError::Subject::Sandbox;
    return call(spec);
}

DaytonaCall *DaytonaClient::previewUrl(const QString &idOrName, int port)
{
    DaytonaRequestSpec spec;
    spec.path
        = QStringLiteral("/sandbox/%1/ports/%2/preview-url").arg(encodeSegment(idOrName)).arg(port);
    spec.subject = SandboxError::Subject::Sandbox;
    return call(spec);
}

DaytonaCall *DaytonaClient::signedPreviewUrl(const QString &idOrName, int port,
                                             int expiresInSeconds)
{
    DaytonaRequestSpec spec;
    spec.path = QStringLiteral("/sandbox/%1/ports/%2/signed-preview-url")
                    .arg(encodeSegment(idOrName))
                    .arg(port);
    spec.query.append({QStringLiteral("expiresInSeconds"), QString::number(expiresInSeconds)});
    spec.subject = SandboxError::Subject::Sandbox;
    return call(spec);
}

DaytonaCall *DaytonaClient::listPage(const StringMap &labels, const QString &cursor, int limit)
{
    DaytonaRequestSpec spec;
    spec.path = QStringLiteral("/sandbox");
    if (!labels.isEmpty())
        spec.query.append(
            {QStringLiteral("labels"), QString::fromUtf8(jsonBody(mapToJson(labels)))});
    spec.query.append({QStringLiteral("limit"), QString::number(limit)});
    if (!cursor.isEmpty())
        spec.query.append({QStringLiteral("cursor"), cursor});
    return call(spec);
}

SandboxWaiter *DaytonaClient::createAndWait(const CreateSandboxParams &params, int timeoutMs)
{
    return new SandboxWaiter(this, createSandbox(params, timeoutMs), {QStringLiteral("started")},
                             timeoutMs);
}

SandboxWaiter *DaytonaClient::startAndWait(const QString &idOrName, int timeoutMs)
{
    return new SandboxWaiter(this, startSandbox(idOrName, timeoutMs), {QStringLiteral("started")},
                             timeoutMs);
}

SandboxWaiter *DaytonaClient::stopAndWait(const QString &idOrName, bool force, int timeoutMs)
{
    return new SandboxWaiter(this, stopSandbox(idOrName, force, timeoutMs),
                             {QStringLiteral("stopped"), QStringLiteral("destroyed")}, timeoutMs);
}

SandboxLister *DaytonaClient::listSandboxes(const StringMap &labels)
{
    return new SandboxLister(this, labels);
}

DaytonaCall *DaytonaClient::uploadFiles(const Sandbox &sandbox, const QList<UploadItem> &files,
                                        int timeoutMs)
{
    // The daemon needs each files[i].path part before its files[i].file part.
    MultipartBuilder builder;
    for (int i = 0; i < files.size(); ++i) {
        builder.addField(QStringLiteral("files[%1].path").arg(i), files[i].path.toUtf8());
        builder.addFile(QStringLiteral("files[%1].file").arg(i), files[i].path, files[i].content);
    }
    DaytonaRequestSpec spec;
    spec.method = "POST";
    spec.path = QStringLiteral("/files/bulk-upload");
    spec.body = builder.finish();
    spec.contentType = builder.contentType();
    spec.timeoutMs = timeoutMs;
    spec.subject = SandboxError::Subject::File;
    return toolboxCall(sandbox, spec);
}

DaytonaCall *DaytonaClient::uploadFile(const Sandbox &sandbox, const QString &path,
                                       const QByteArray &content)
{
    return uploadFiles(sandbox, {UploadItem{path, content}});
}

DaytonaCall *DaytonaClient::downloadFile(const Sandbox &sandbox, const QString &path, int timeoutMs)
{
    DaytonaRequestSpec spec;
    spec.path = QStringLiteral("/files/download");
    spec.query = {{QStringLiteral("path"), path}};
    spec.timeoutMs = timeoutMs;
    spec.subject = SandboxError::Subject::File;
    spec.expectJson = false;
    return toolboxCall(sandbox, spec);
}

DaytonaCall *DaytonaClient::downloadFiles(const Sandbox &sandbox, const QStringList &paths,
                                          int timeoutMs)
{
    DaytonaRequestSpec spec;
    spec.method = "POST";
    spec.path = QStringLiteral("/files/bulk-download");
    spec.body = jsonBody({{QLatin1String("paths"), QJsonArray::fromStringList(paths)}});
    spec.contentType = "application/json";
    spec.timeoutMs = timeoutMs;
    spec.subject = SandboxError::Subject::File;
    spec.expectJson = false;
    return toolboxCall(sandbox, spec);
}

DaytonaCall *DaytonaClient::listFiles(const Sandbox &sandbox, const QString &path)
{
    DaytonaRequestSpec spec;
    spec.path = QStringLiteral("/files");
    spec.query = {{QStringLiteral("path"), path}};
    spec.subject = SandboxError::Subject::File;
    return toolboxCall(sandbox, spec);
}

DaytonaCall *DaytonaClient::fileInfo(const Sandbox &sandbox, const QString &path)
{
    DaytonaRequestSpec spec;
    spec.path = QStringLiteral("/files/info");
    spec.query = {{QStringLiteral("path"), path}};
    spec.subject = SandboxError::Subject::File;
    return toolboxCall(sandbox, spec);
}

DaytonaCall *DaytonaClient::createFolder(const Sandbox &sandbox, const QString &path,
                                         const QString &mode)
{
    DaytonaRequestSpec spec;
    spec.method = "POST";
    spec.path = QStringLiteral("/files/folder");
    spec.query = {{QStringLiteral("path"), path}, {QStringLiteral("mode"), mode}};
    spec.subject = SandboxError::Subject::File;
    return toolboxCall(sandbox, spec);
}

DaytonaCall *DaytonaClient::deleteFile(const Sandbox &sandbox, const QString &path, bool recursive)
{
    DaytonaRequestSpec spec;
    spec.method = "DELETE";
    spec.path = QStringLiteral("/files");
    spec.query = {{QStringLiteral("path"), path}};
    if (recursive)
        spec.query.append({QStringLiteral("recursive"), QStringLiteral("true")});
    spec.subject = SandboxError::Subject::File;
    return toolboxCall(sandbox, spec);
}

DaytonaCall *DaytonaClient::moveFile(const Sandbox &sandbox, const QString &source,
                                     const QString &destination)
{
    DaytonaRequestSpec spec;
    spec.method = "POST";
    spec.path = QStringLiteral("/files/move");
    spec.query = {{QStringLiteral("source"), source}, {QStringLiteral("destination"), destination}};
    spec.subject = SandboxError::Subject::File;
    return toolboxCall(sandbox, spec);
}

DaytonaCall *DaytonaClient::searchFiles(const Sandbox &sandbox, const QString &path,
                                        const QString &glob)
{
    DaytonaRequestSpec spec;
    spec.path = QStringLiteral("/files/search");
    spec.query = {{QStringLiteral("path"), path}, {QStringLiteral("pattern"), glob}};
    spec.subject = SandboxError::Subject::File;
    return toolboxCall(sandbox, spec);
}

DaytonaCall *DaytonaClient::findInFiles(const Sandbox &sandbox, const QString &path,
                                        const QString &text)
{
    DaytonaRequestSpec spec;
    spec.path = QStringLiteral("/files/find");
    spec.query = {{QStringLiteral("path"), path}, {QStringLiteral("pattern"), text}};
    spec.subject = SandboxError::Subject::File;
    return toolboxCall(sandbox, spec);
}

DaytonaCall *DaytonaClient::execute(const Sandbox &sandbox, const QString &command,
                                    const QString &cwd, const StringMap &envs, int timeoutSeconds)
{
    timeoutSeconds = commandTimeout(timeoutSeconds);
    QJsonObject body{{QLatin1String("command"), command},
                     {QLatin1String("timeout"), timeoutSeconds}};
    if (!cwd.isEmpty())
        body.insert(QLatin1String("cwd"), cwd);
    if (!envs.isEmpty())
        body.insert(QLatin1String("envs"), mapToJson(envs));
    DaytonaRequestSpec spec;
    spec.method = "POST";
    spec.path = QStringLiteral("/process/execute");
    spec.body = jsonBody(body);
    spec.contentType = "application/json";
    // The HTTP budget outlasts the command's own limit.
    spec.timeoutMs = (timeoutSeconds + 30) * 1000;
    return toolboxCall(sandbox, spec);
}

DaytonaCall *DaytonaClient::codeRun(const Sandbox &sandbox, const QString &code,
                                    const QString &language, const QStringList &argv,
                                    const StringMap &envs, int timeoutSeconds)
{
    const QString lang = language.isEmpty() ? sandbox.language() : language;
    QJsonObject body{{QLatin1String("code"), code}, {QLatin1String("language"), lang}};
    if (!argv.isEmpty())
        body.insert(QLatin1String("argv"), QJsonArray::fromStringList(argv));
    if (!envs.isEmpty())
        body.insert(QLatin1String("envs"), mapToJson(envs));
    timeoutSeconds = commandTimeout(timeoutSeconds);
    body.insert(QLatin1String("timeout"), timeoutSeconds);
    DaytonaRequestSpec spec;
    spec.method = "POST";
    spec.path = QStringLiteral("/process/code-run");
    spec.body = jsonBody(body);
    spec.contentType = "application/json";
    spec.timeoutMs = (timeoutSeconds + 30) * 1000;
    return toolboxCall(sandbox, spec);
}

DaytonaCall *DaytonaClient::homeManifest(const Sandbox &sandbox, int timeoutMs)
{
    DaytonaRequestSpec spec;
    spec.path = QStringLiteral("/files/manifest");
    spec.timeoutMs = timeoutMs;
    spec.subject = SandboxError::Subject::File;
    spec.expectJson = false;
    return toolboxCall(sandbox, spec);
}

DaytonaCall *DaytonaClient::workDir(const Sandbox &sandbox)
{
    DaytonaRequestSpec spec;
    spec.path = QStringLiteral("/work-dir");
    return toolboxCall(sandbox, spec);
}

DaytonaCall *DaytonaClient::userHomeDir(const Sandbox &sandbox)
{
    DaytonaRequestSpec spec;
    spec.path = QStringLiteral("/user-home-dir");
    return toolboxCall(sandbox, spec);
}

DaytonaCall *DaytonaClient::createSession(const Sandbox &sandbox, const QString &sessionId)
{
    DaytonaRequestSpec spec;
    spec.method = "POST";
    spec.path = QStringLiteral("/process/session");
    spec.body = jsonBody({{QLatin1String("sessionId"), sessionId}});
    spec.contentType = "application/json";
    spec.expectJson = false; // 201 with an empty body
    return toolboxCall(sandbox, spec);
}

DaytonaCall *DaytonaClient::getSession(const Sandbox &sandbox, const QString &sessionId)
{
    DaytonaRequestSpec spec;
    spec.path = QStringLiteral("/process/session/") + encodeSegment(sessionId);
    return toolboxCall(sandbox, spec);
}

DaytonaCall *DaytonaClient::listSessions(const Sandbox &sandbox, bool countsAsActivity)
{
    DaytonaRequestSpec spec;
    spec.path = QStringLiteral("/process/session");
    spec.skipLastActivity = !countsAsActivity;
    return toolboxCall(sandbox, spec);
}

DaytonaCall *DaytonaClient::deleteSession(const Sandbox &sandbox, const QString &sessionId)
{
    DaytonaRequestSpec spec;
    spec.method = "DELETE";
    spec.path = QStringLiteral("/process/session/") + encodeSegment(sessionId);
    spec.expectJson = false; // 204
    return toolboxCall(sandbox, spec);
}

DaytonaCall *DaytonaClient::executeSessionCommand(const Sandbox &sandbox, const QString &sessionId,
                                                  const QString &command, bool runAsync,
                                                  int timeoutMs)
{
    QJsonObject body{{QLatin1String("command"), command}};
    if (runAsync)
        body.insert(QLatin1String("runAsync"), true);
    DaytonaRequestSpec spec;
    spec.method = "POST";
    spec.path = QStringLiteral("/process/session/%1/exec").arg(encodeSegment(sessionId));
    spec.body = jsonBody(body);
    spec.contentType = "application/json";
    spec.timeoutMs = timeoutMs;
    return toolboxCall(sandbox, spec);
}

DaytonaCall *DaytonaClient::sessionCommand(const Sandbox &sandbox, const QString &sessionId,
                                           const QString &commandId)
{
    DaytonaRequestSpec spec;
    spec.path = QStringLiteral("/process/session/%1/command/%2")
                    .arg(encodeSegment(sessionId), encodeSegment(commandId));
    return toolboxCall(sandbox, spec);
}

DaytonaCall *DaytonaClient::sessionCommandLogs(const Sandbox &sandbox, const QString &sessionId,
                                               const QString &commandId)
{
    DaytonaRequestSpec spec;
    spec.path = QStringLiteral("/process/session/%1/command/%2/logs")
                    .arg(encodeSegment(sessionId), encodeSegment(commandId));
    spec.expectJson = false; // JSON or text/plain by version (contract.md §5.4)
    return toolboxCall(sandbox, spec);
}

SessionLogFollower *DaytonaClient::followSessionCommandLogs(const Sandbox &sandbox,
                                                            const QString &sessionId,
                                                            const QString &commandId,
                                                            int intervalMs)
{
    return new SessionLogFollower(this, sandbox, sessionId, commandId, intervalMs);
}

DaytonaCall *DaytonaClient::sendSessionCommandInput(const Sandbox &sandbox,
                                                    const QString &sessionId,
                                                    const QString &commandId,
                                                    const QByteArray &data)
{
    DaytonaRequestSpec spec;
    spec.method = "POST";
    spec.path = QStringLiteral("/process/session/%1/command/%2/input")
                    .arg(encodeSegment(sessionId), encodeSegment(commandId));
    spec.body = jsonBody({{QLatin1String("data"), QString::fromUtf8(data)}});
    spec.contentType = "application/json";
    spec.expectJson = false; // 204
    return toolboxCall(sandbox, spec);
}

QByteArray DaytonaClient::rawSessionLog(const DaytonaResult &result)
{
    if (result.contentType.contains("json")) {
        const QJsonObject o = result.json().object();
        if (o.value(QLatin1String("output")).isString())
            return o.value(QLatin1String("output")).toString().toUtf8();
    }
    return result.body;
}

bool DaytonaClient::parseBulkDownload(const DaytonaResult &result, const QStringList &requested,
                                      QList<DownloadedFile> *files, QString *error)
{
    QList<MultipartPart> parts;
    QString parseError;
    const bool complete = MultipartParser::parse(
        result.body, MultipartParser::boundaryFrom(result.contentType), &parts, &parseError);
    if (!complete && parts.isEmpty()) {
        *error = QStringLiteral("Could not read the downloaded files: %1.").arg(parseError);
        return false;
    }
    for (const QString &path : requested) {
        DownloadedFile file;
        file.path = path;
        file.errorStatus = 500;
        file.errorMessage = QStringLiteral("No data received for this file");
        for (const MultipartPart &part : parts) {
            if (part.filename != path)
                continue;
            if (part.name == QLatin1String("error")) {
                const QJsonObject o = QJsonDocument::fromJson(part.body).object();
                file.errorStatus = o.value(QLatin1String("statusCode")).toInt(500);
                file.errorMessage = o.value(QLatin1String("message")).toString();
            } else {
                file.content = part.body;
                file.errorStatus = 0;
                file.errorMessage.clear();
            }
            break;
        }
        files->append(file);
    }
    if (!complete)
        *error = QStringLiteral("The download was cut off: %1.").arg(parseError);
    return true;
}
