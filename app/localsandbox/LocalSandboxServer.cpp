// LocalSandboxServer: listening, authentication, routing and the main-API routes (its lifecycle:
// LocalSandboxServerLifecycle.cpp).
#include "localsandbox/LocalSandboxServer.h"

#include "core/Logging.h"
#include "localsandbox/ConfinedFs.h"
#include "localsandbox/EventSocket.h"
#include "localsandbox/HttpReplies.h"
#include "localsandbox/PreviewProxy.h"
#include "localsandbox/SandboxProcess.h"
#include "localsandbox/SandboxUsage.h"
#include "localsandbox/SeccompFilter.h"
#include "localsandbox/SessionManager.h"
#include "localsandbox/ToolboxService.h"
#include "sandbox/SandboxEnvironment.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUrlQuery>
#include <QUuid>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <sys/stat.h>
#include <unistd.h>

namespace {

constexpr int kNobody = 65534;

QString randomToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / 4);
    return QStringLiteral("sbx_") + QString::fromLatin1(bytes.toHex());
}

QString nowIso()
{
    return HttpReplies::timestampNow();
}

StringMap stringMap(const QJsonValue &value)
{
    StringMap map;
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        map.insert(it.key(), it.value().toString());
    return map;
}

} // namespace

int LocalSandboxOptions::minuteMsFromEnvironment()
{
    bool ok = false;
    const double scale = qEnvironmentVariable("AGENT_SANDBOXD_LIFECYCLE_SCALE").toDouble(&ok);
    if (!ok || scale <= 0)
        return 60000;
    return int(qBound(10.0, 60000.0 * scale, 3600000.0));
}

LocalSandboxServer::LocalSandboxServer(const LocalSandboxOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_registry(options.dataDir + QLatin1String("/sandboxes"))
    , m_token(options.token.isEmpty() ? randomToken() : options.token)
{
    const bool root = ::geteuid() == 0;
    m_runAsUid = options.runAsUid != -2 ? options.runAsUid : (root ? kNobody : -1);
    m_runAsGid = options.runAsGid != -2 ? options.runAsGid : (root ? kNobody : -1);
    m_limits = new SandboxLimits(this, options.limits);
    m_usage = new SandboxUsage(this, options.usageSampleMs);
    m_toolbox = std::make_unique<ToolboxService>(this);
    m_sessions = new SessionManager(this);
    m_events = new EventSocket(
        [this](const QByteArray &auth) { return m_gate && m_gate->authorized(auth); }, this);
    m_webSockets = new QWebSocketServer(QStringLiteral("agent-sandboxd"),
                                        QWebSocketServer::NonSecureMode, this);
    connect(m_webSockets, &QWebSocketServer::newConnection, this,
            &LocalSandboxServer::routeWebSocket);
    m_previews = new PreviewProxy(this);
}

LocalSandboxServer::~LocalSandboxServer()
{
    for (const QPointer<SandboxProcess> &p : std::as_const(m_running)) {
        if (p)
            p->kill();
    }
}

QUrl LocalSandboxServer::apiUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/api").arg(m_port));
}

QString LocalSandboxServer::toolboxUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1/toolbox").arg(m_port);
}

bool LocalSandboxServer::checkSandboxDirReachable(QString *error) const
{
    if (m_runAsUid < 0)
        return true;
    // bwrap runs as the unprivileged uid and must reach the home it binds: every folder on
    // the way needs search permission for it.
    QString path = QFileInfo(m_registry.rootDir()).absoluteFilePath();
    while (!path.isEmpty()) {
        struct stat st
        {
        };
        if (::stat(QFile::encodeName(path).constData(), &st) == 0) {
            const bool searchable = (st.st_mode & S_IXOTH)
                || (int(st.st_uid) == m_runAsUid && (st.st_mode & S_IXUSR))
                || (int(st.st_gid) == m_runAsGid && (st.st_mode & S_IXGRP));
            if (!searchable) {
                *error = QStringLiteral(
                             "the server runs as root, so sandboxes run as the unprivileged "
                             "uid %1, which cannot reach %2 (mode %3 on %4). Use a data folder "
                             "every user may traverse (e.g. --data-dir /var/lib/agent-sandboxd), "
                             "or run the server as a normal user.")
                             .arg(m_runAsUid)
                             .arg(m_registry.rootDir())
                             .arg(QString::number(st.st_mode & 0777, 8), path);
                return false;
            }
        }
        if (path == QLatin1String("/"))
            break;
        path = QFileInfo(path).path();
    }
    return true;
}

QString LocalSandboxServer::hostWarning() const
{
    return SeccompFilter::missingFilterWarning(m_options.architecture);
}

LocalSandboxStarter LocalSandboxServer::starter(const LocalSandboxOptions &options)
{
    return [options](QString *error) -> std::optional<LocalSandboxEndpoint> {
        auto server = std::make_unique<LocalSandboxServer>(options);
        if (!server->start(error))
            return std::nullopt;
        const DaytonaConfig config
            = DaytonaConfig::fromValues(server->token(), server->apiUrl().toString(), QString());
        const QString warning = server->hostWarning();
        return LocalSandboxEndpoint{std::move(server), config, warning};
    };
}

bool LocalSandboxServer::start(QString *error)
{
    const QString problem = SandboxProcess::hostProblem();
    if (!problem.isEmpty()) {
        *error = problem;
        return false;
    }
    if (!QDir().mkpath(m_registry.rootDir())) {
        *error = QStringLiteral("cannot create %1").arg(m_registry.rootDir());
        return false;
    }
    // Homes are private; when sandboxes run as another uid they may only traverse.
    ::chmod(QFile::encodeName(m_registry.rootDir()).constData(), m_runAsUid >= 0 ? 0711 : 0700);
    if (!checkSandboxDirReachable(error))
        return false;
    QStringList warnings;
    if (!m_registry.load(error, &warnings))
        return false;
    for (const QString &w : std::as_const(warnings))
        qCWarning(lcLocalSandbox) << "skipped" << w;

    m_server = std::make_unique<QHttpServer>();
    m_server->setMissingHandler(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            handle(request, std::move(responder));
        });
    // Connections reach QHttpServer only through a gate that checks each request head first.
    auto *tcp = new GatedTcpServer(m_options.httpLimits, "Bearer " + m_token.toUtf8());
    if (!tcp->listen(QHostAddress::LocalHost, m_options.port)) {
        *error = QStringLiteral("cannot listen on 127.0.0.1:%1 (is the port in use?)")
                     .arg(m_options.port);
        delete tcp;
        m_server.reset();
        return false;
    }
    m_server->bind(tcp);
    tcp->setHttpServer(m_server.get());
    tcp->setWebSocketHandler([this](QTcpSocket *socket) { acceptWebSocket(socket); });
    m_gate = tcp;
    m_port = tcp->serverPort();
    m_sweepTimer = new QTimer(this);
    connect(m_sweepTimer, &QTimer::timeout, this, &LocalSandboxServer::sweepIdle);
    m_sweepTimer->start(qBound(10, m_options.minuteMs / 4, 15000));
    // Saved sandboxes point at the port of the server that created them; this one may listen
    // on another, so their toolbox URL is brought up to date.
    const QStringList ids = m_registry.all().keys();
    for (const QString &id : ids) {
        LocalSandboxRecord *record = m_registry.find(id);
        if (record)
            m_limits->adopt(record);
        if (record && record->sandbox.toolboxProxyUrl != toolboxUrl()) {
            record->sandbox.toolboxProxyUrl = toolboxUrl();
            QString saveError;
            if (!m_registry.save(*record, &saveError))
                qCWarning(lcLocalSandbox) << "cannot update" << id << saveError;
        }
    }
    qCInfo(lcLocalSandbox) << "local sandbox server on" << apiUrl().toString() << "with"
                           << m_registry.all().size() << "saved sandboxes";
    if (const QString warning = hostWarning(); !warning.isEmpty())
        qCWarning(lcLocalSandbox).noquote() << warning;
    return true;
}

void LocalSandboxServer::track(const QString &sandboxId, SandboxProcess *process)
{
    m_running.insert(sandboxId, process);
    m_usage->wake();
    connect(process, &QObject::destroyed, this,
            [this, sandboxId] { m_running.remove(sandboxId, QPointer<SandboxProcess>()); });
}

int LocalSandboxServer::runningCount(const QString &sandboxId) const
{
    int n = 0;
    for (auto it = m_running.constFind(sandboxId); it != m_running.cend() && it.key() == sandboxId;
         ++it)
        n += it.value() ? 1 : 0;
    return n;
}

bool LocalSandboxServer::hasLiveProcesses(const QString &sandboxId) const
{
    return m_sessions->hasLiveProcesses(sandboxId);
}

void LocalSandboxServer::acceptWebSocket(QTcpSocket *socket)
{
    m_webSockets->handleConnection(socket);
}

void LocalSandboxServer::routeWebSocket()
{
    while (m_webSockets->hasPendingConnections()) {
        QWebSocket *socket = m_webSockets->nextPendingConnection();
        socket->setParent(this);
        const QString path = socket->requestUrl().path();
        if (GatedTcpServer::isEventSocketPath(path.toUtf8())) {
            m_events->accept(socket);
            continue;
        }
        // /toolbox/{id}/process/session/{sid}/command/{cid}/logs?follow=true
        const QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        const LocalSandboxRecord *record
            = segments.size() >= 2 && segments[0] == QLatin1String("toolbox")
            ? m_registry.find(segments[1])
            : nullptr;
        const QString daemonPath = QLatin1Char('/') + segments.mid(2).join(QLatin1Char('/'));
        if (!record || record->sandbox.id != segments[1]
            || record->sandbox.state != QLatin1String("started")
            || !daemonPath.startsWith(QLatin1String("/process/session/"))) {
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                          QStringLiteral("not found: %1 has no WebSocket here").arg(path));
            continue;
        }
        noteActivity(record->sandbox.id);
        m_sessions->follow(socket, record->sandbox.id, daemonPath);
    }
}

QList<qint64> LocalSandboxServer::processIds(const QString &sandboxId) const
{
    return SandboxProcess::pidsOf(sandboxId);
}

void LocalSandboxServer::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QString path = request.url().path();
    // The gate refused a wrong token before the body; checked again here, the same way, for
    // every request QHttpServer completes.
    const QByteArray auth = HttpReplies::header(request, "Authorization");
    if (!m_gate || !m_gate->authorized(auth)) {
        HttpReplies::apiError(responder, 401, path,
                              auth.isEmpty()
                                  ? QStringLiteral("Unauthorized: missing bearer token")
                                  : QStringLiteral("Unauthorized: invalid bearer token"));
        return;
    }
    const QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (segments.value(0) == QLatin1String("api")) {
        handleApi(request, segments.mid(1), responder);
        return;
    }
    if (segments.value(0) == QLatin1String("toolbox") && segments.size() >= 2) {
        m_toolbox->handle(request, segments.value(1),
                          QLatin1Char('/') + segments.mid(2).join(QLatin1Char('/')),
                          std::move(responder));
        return;
    }
    HttpReplies::apiError(
        responder, 404, path,
        QStringLiteral("Cannot find %1: the API is under /api and the toolbox under /toolbox")
            .arg(path));
}

void LocalSandboxServer::handleApi(const QHttpServerRequest &request, const QStringList &s,
                                   QHttpServerResponder &responder)
{
    using M = QHttpServerRequest::Method;
    const M method = request.method();
    const QString path = request.url().path();
    if (s.value(0) == QLatin1String("config") && s.size() == 1 && method == M::Get) {
        HttpReplies::json(
            responder, 200,
            QJsonDocument(QJsonObject{{QLatin1String("proxyToolboxUrl"), toolboxUrl()}}));
        return;
    }
    if (s.value(0) != QLatin1String("sandbox")) {
        HttpReplies::apiError(responder, 404, path, QStringLiteral("Cannot find %1").arg(path));
        return;
    }
    if (s.size() == 1) {
        if (method == M::Post)
            createSandbox(request, responder);
        else if (method == M::Get)
            listSandboxes(request, responder, false);
        else
            HttpReplies::apiError(responder, 405, path, QStringLiteral("Method not allowed"));
        return;
    }
    if (s.size() == 2 && s[1] == QLatin1String("paginated") && method == M::Get) {
        listSandboxes(request, responder, true);
        return;
    }
    LocalSandboxRecord *record = m_registry.find(s[1]);
    if (!record) {
        HttpReplies::apiError(responder, 404, path,
                              QStringLiteral("Sandbox with ID or name %1 not found").arg(s[1]));
        return;
    }
    const QString id = record->sandbox.id;
    const QString action = s.value(2);
    QString error;
    auto sendSandbox = [&](int status) {
        HttpReplies::json(responder, status, QJsonDocument(describe(*record)));
    };
    auto saveAndSend = [&](int status) {
        record->sandbox.updatedAt = nowIso();
        if (!m_registry.save(*record, &error)) {
            HttpReplies::apiError(responder, 500, path, error);
            return;
        }
        record = m_registry.find(id);
        sendSandbox(status);
    };
    if (s.size() == 2) {
        if (method == M::Get) {
            sendSandbox(200);
        } else if (method == M::Delete) {
            const QJsonObject last = [&] {
                Sandbox copy = record->sandbox;
                copy.state = QStringLiteral("destroyed");
                copy.desiredState = QStringLiteral("destroyed");
                return copy.toJson();
            }();
            if (!deleteSandbox(record, &error)) {
                HttpReplies::apiError(responder, 500, path, error);
                return;
            }
            HttpReplies::json(responder, 200, QJsonDocument(last));
        } else {
            HttpReplies::apiError(responder, 405, path, QStringLiteral("Method not allowed"));
        }
        return;
    }
    if (method == M::Post && action == QLatin1String("start") && s.size() == 3) {
        const QString oldState = record->sandbox.state;
        record->sandbox.state = QStringLiteral("started");
        record->sandbox.desiredState = QStringLiteral("started");
        saveAndSend(200);
        if (LocalSandboxRecord *started = m_registry.find(id))
            m_events->stateChanged(started->sandbox, oldState);
        return;
    }
    if (method == M::Post && action == QLatin1String("stop") && s.size() == 3) {
        Sandbox last = record->sandbox;
        bool deleted = false;
        if (!stopSandbox(record, &deleted, &error)) {
            HttpReplies::apiError(responder, 500, path, error);
            return;
        }
        if (deleted) { // ephemeral (autoDeleteInterval 0): gone on stop
            last.state = QStringLiteral("destroyed");
            last.desiredState = QStringLiteral("destroyed");
            HttpReplies::json(responder, 200, QJsonDocument(last.toJson()));
            return;
        }
        sendSandbox(200);
        return;
    }
    if (method == M::Put && action == QLatin1String("labels") && s.size() == 3) {
        const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
        if (!body.value(QLatin1String("labels")).isObject()) {
            HttpReplies::apiError(responder, 400, path, QStringLiteral("labels must be an object"));
            return;
        }
        record->sandbox.labels = stringMap(body.value(QLatin1String("labels")));
        record->sandbox.updatedAt = nowIso();
        if (!m_registry.save(*record, &error)) {
            HttpReplies::apiError(responder, 500, path, error);
            return;
        }
        HttpReplies::json(responder, 200,
                          QJsonDocument(QJsonObject{
                              {QLatin1String("labels"), body.value(QLatin1String("labels"))}}));
        return;
    }
    if (method == M::Post && s.size() == 4
        && (action == QLatin1String("autostop") || action == QLatin1String("autoarchive")
            || action == QLatin1String("autodelete"))) {
        bool ok = false;
        const int minutes = s[3].toInt(&ok);
        if (!ok) {
            HttpReplies::apiError(responder, 400, path,
                                  QStringLiteral("interval must be a number of minutes"));
            return;
        }
        if (action == QLatin1String("autostop"))
            record->sandbox.autoStopInterval = minutes;
        else if (action == QLatin1String("autoarchive"))
            record->sandbox.autoArchiveInterval = minutes;
        else
            record->sandbox.autoDeleteInterval = minutes;
        saveAndSend(201); // NestJS POST without @HttpCode
        return;
    }
    if (method == M::Get && action == QLatin1String("toolbox-proxy-url") && s.size() == 3) {
        HttpReplies::json(responder, 200,
                          QJsonDocument(QJsonObject{{QLatin1String("url"), toolboxUrl()}}));
        return;
    }
    if (action == QLatin1String("ports") && s.size() >= 5) {
        handlePreview(request, s, record, responder);
        return;
    }
    if (method == M::Post && action == QLatin1String("last-activity") && s.size() == 3) {
        // The app's keep-alive while an agent run uses the sandbox: not idle.
        noteActivity(id);
        HttpReplies::empty(responder, 201);
        return;
    }
    HttpReplies::apiError(responder, 404, path, QStringLiteral("Cannot find %1").arg(path));
}

void LocalSandboxServer::createSandbox(const QHttpServerRequest &request,
                                       QHttpServerResponder &responder)
{
    const QString path = request.url().path();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(
        request.body().isEmpty() ? QByteArray("{}") : request.body(), &parseError);
    if (!doc.isObject()) {
        HttpReplies::apiError(
            responder, 400, path,
            QStringLiteral("the body is not a JSON object: %1").arg(parseError.errorString()));
        return;
    }
    const QJsonObject body = doc.object();
    if (body.contains(QLatin1String("buildInfo")) || body.contains(QLatin1String("volumes"))
        || body.contains(QLatin1String("gpu"))) {
        HttpReplies::apiError(
            responder, 400, path,
            QStringLiteral("The local sandbox server runs on this machine's own system: "
                           "images (buildInfo), volumes and gpu are not supported."));
        return;
    }
    const QString name = body.value(QLatin1String("name")).toString();
    if (!name.isEmpty() && m_registry.find(name)) {
        HttpReplies::apiError(responder, 409, path,
                              QStringLiteral("Sandbox with name %1 already exists").arg(name));
        return;
    }
    if (name.contains(QLatin1Char('/'))) {
        HttpReplies::apiError(responder, 400, path, QStringLiteral("name must not contain '/'"));
        return;
    }
    const QStringList unsafe
        = SandboxEnvironment::unsafeNames(body.value(QLatin1String("env")).toObject().keys());
    if (!unsafe.isEmpty()) {
        HttpReplies::apiError(responder, 400, path,
                              SandboxEnvironment::refusal(unsafe, QStringLiteral("env")));
        return;
    }
    LocalSandboxRecord record;
    Sandbox &s = record.sandbox;
    s.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    s.organizationId = QStringLiteral("local");
    s.name = name.isEmpty() ? s.id : name;
    s.snapshot = QStringLiteral("local");
    s.user = QStringLiteral("daytona");
    s.env = stringMap(body.value(QLatin1String("env")));
    s.labels = stringMap(body.value(QLatin1String("labels")));
    s.isPublic = body.value(QLatin1String("public")).toBool();
    QString policyError;
    const auto [networked, allowList] = m_options.networkDefault
        ? m_options.networkDefault()
        : std::pair(m_options.networkByDefault, m_options.networkAllowListByDefault);
    const std::optional<NetworkPolicy> network
        = NetworkPolicy::fromCreateBody(body, networked, allowList, &policyError);
    if (!network) {
        HttpReplies::apiError(responder, 400, path, policyError);
        return;
    }
    record.network = *network;
    s.networkBlockAll = !record.network.networked();
    s.networkAllowList = record.network.allowList.join(QLatin1Char(','));
    s.target = body.value(QLatin1String("target")).toString(QStringLiteral("local"));
    if (s.target.isEmpty())
        s.target = QStringLiteral("local");
    QString limitError;
    if (!m_limits->applyCreate(body, &record, &limitError)) {
        HttpReplies::apiError(responder, 400, path, limitError);
        return;
    }
    record.limits = true;
    s.state = QStringLiteral("started");
    s.desiredState = QStringLiteral("started");
    s.autoStopInterval = body.value(QLatin1String("autoStopInterval")).toInt(15);
    s.autoArchiveInterval = body.value(QLatin1String("autoArchiveInterval")).toInt(10080);
    s.autoDeleteInterval = body.value(QLatin1String("autoDeleteInterval")).toInt(-1);
    s.createdAt = nowIso();
    s.updatedAt = s.createdAt;
    s.toolboxProxyUrl = toolboxUrl();
    record.previewToken = randomToken();

    const QString home = m_registry.homeDir(s.id);
    if (::mkdir(QFile::encodeName(home).constData(), 0700) != 0) {
        HttpReplies::apiError(responder, 500, path,
                              QStringLiteral("cannot create the sandbox folder %1").arg(home));
        return;
    }
    if (m_runAsUid >= 0
        && ::chown(QFile::encodeName(home).constData(), uid_t(m_runAsUid), gid_t(m_runAsGid))
            != 0) {
        ::rmdir(QFile::encodeName(home).constData());
        HttpReplies::apiError(
            responder, 500, path,
            QStringLiteral("cannot give the sandbox folder to uid %1").arg(m_runAsUid));
        return;
    }
    QString error;
    if (!m_registry.save(record, &error)) {
        ::rmdir(QFile::encodeName(home).constData());
        HttpReplies::apiError(responder, 500, path, error);
        return;
    }
    qCInfo(lcLocalSandbox) << "created sandbox" << s.id << "network:" << record.network.describe()
                           << "cpu" << s.cpu << "memory" << s.memory << "GiB disk" << s.disk
                           << "GiB";
    m_events->created(s);
    HttpReplies::json(responder, 200, QJsonDocument(describe(record)));
}

void LocalSandboxServer::listSandboxes(const QHttpServerRequest &request,
                                       QHttpServerResponder &responder, bool paginated)
{
    const QUrlQuery query = request.query();
    const QString path = request.url().path();
    StringMap labels;
    const QString labelsJson = HttpReplies::queryValue(request.url(), QStringLiteral("labels"));
    if (!labelsJson.isEmpty()) {
        const QJsonDocument doc = QJsonDocument::fromJson(labelsJson.toUtf8());
        if (!doc.isObject()) {
            HttpReplies::apiError(responder, 400, path,
                                  QStringLiteral("labels must be a JSON object"));
            return;
        }
        labels = stringMap(doc.object());
    }
    const QStringList states = HttpReplies::queryValues(request.url(), QStringLiteral("states"));
    QList<const LocalSandboxRecord *> matching;
    for (const LocalSandboxRecord &r : m_registry.all()) {
        bool ok = states.isEmpty() || states.contains(r.sandbox.state);
        for (auto it = labels.begin(); ok && it != labels.end(); ++it)
            ok = r.sandbox.labels.value(it.key()) == it.value();
        if (ok)
            matching.append(&r);
    }
    std::sort(matching.begin(), matching.end(),
              [](const LocalSandboxRecord *ra, const LocalSandboxRecord *rb) {
                  const Sandbox &a = ra->sandbox;
                  const Sandbox &b = rb->sandbox;
                  return a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.id < b.id;
              });
    const int limit = qBound(1,
                             query.queryItemValue(QStringLiteral("limit")).toInt() > 0
                                 ? query.queryItemValue(QStringLiteral("limit")).toInt()
                                 : 100,
                             200);
    int offset = 0;
    if (paginated) {
        const int page = qMax(1, query.queryItemValue(QStringLiteral("page")).toInt());
        offset = (page - 1) * limit;
        QJsonArray items;
        for (int i = offset; i < qMin(int(matching.size()), offset + limit); ++i)
            items.append(describe(*matching[i]));
        HttpReplies::json(responder, 200,
                          QJsonDocument(QJsonObject{{QLatin1String("items"), items},
                                                    {QLatin1String("total"), int(matching.size())},
                                                    {QLatin1String("page"), page},
                                                    {QLatin1String("totalPages"),
                                                     (int(matching.size()) + limit - 1) / limit}}));
        return;
    }
    offset = qMax(0, query.queryItemValue(QStringLiteral("cursor")).toInt());
    QJsonArray items;
    for (int i = offset; i < qMin(int(matching.size()), offset + limit); ++i)
        items.append(describe(*matching[i]));
    const int next = offset + limit;
    HttpReplies::json(
        responder, 200,
        QJsonDocument(QJsonObject{{QLatin1String("items"), items},
                                  {QLatin1String("nextCursor"),
                                   next < matching.size() ? QJsonValue(QString::number(next))
                                                          : QJsonValue(QJsonValue::Null)}}));
}

bool LocalSandboxServer::deleteSandbox(LocalSandboxRecord *record, QString *error)
{
    const QString id = record->sandbox.id;
    killAll(id);
    m_previews->closeSandbox(id);
    ConfinedFs fs(m_registry.homeDir(id), QString::fromLatin1(SandboxProcess::kHome));
    ConfinedFs::Error fsError;
    if (!fs.removeHome(&fsError)) {
        *error = QStringLiteral("could not remove the sandbox's files: %1").arg(fsError.message);
        return false;
    }
    Sandbox last = record->sandbox;
    const QString oldState = last.state;
    last.state = QStringLiteral("destroyed");
    last.desiredState = QStringLiteral("destroyed");
    m_registry.forget(id);
    m_lastActivity.remove(id);
    m_events->stateChanged(last, oldState);
    qCInfo(lcLocalSandbox) << "deleted sandbox" << id;
    return true;
}

// GET ports/{port}/preview-url, GET ports/{port}/signed-preview-url?expiresInSeconds=N and
// POST ports/{port}/signed-preview-url/{token}/expire (contract.md, previews).
void LocalSandboxServer::handlePreview(const QHttpServerRequest &request, const QStringList &s,
                                       LocalSandboxRecord *record, QHttpServerResponder &responder)
{
    using M = QHttpServerRequest::Method;
    const QString path = request.url().path();
    const QString id = record->sandbox.id;
    const bool plain
        = request.method() == M::Get && s.size() == 5 && s[4] == QLatin1String("preview-url");
    const bool sign = request.method() == M::Get && s.size() == 5
        && s[4] == QLatin1String("signed-preview-url");
    const bool expire = request.method() == M::Post && s.size() == 7
        && s[4] == QLatin1String("signed-preview-url") && s[6] == QLatin1String("expire");
    if (!plain && !sign && !expire) {
        HttpReplies::apiError(responder, 404, path, QStringLiteral("Cannot find %1").arg(path));
        return;
    }
    bool ok = false;
    const int port = s[3].toInt(&ok);
    if (!ok || port < 1 || port > 65535) {
        HttpReplies::apiError(responder, 400, path, QStringLiteral("Invalid port"));
        return;
    }
    if (expire) {
        m_previews->expire(id, port, s[5]);
        HttpReplies::empty(responder, 200);
        return;
    }
    QString error;
    QUrl url = m_previews->url(id, port, &error);
    if (url.isEmpty()) {
        HttpReplies::apiError(responder, 500, path, error);
        return;
    }
    if (plain) {
        HttpReplies::json(
            responder, 200,
            QJsonDocument(QJsonObject{{QLatin1String("sandboxId"), id},
                                      {QLatin1String("url"), url.toString()},
                                      {QLatin1String("token"), record->previewToken}}));
        return;
    }
    const QString given
        = HttpReplies::queryValue(request.url(), QStringLiteral("expiresInSeconds"));
    int seconds = 60; // Daytona's default
    if (!given.isEmpty()) {
        seconds = given.toInt(&ok);
        if (!ok || seconds < 1 || seconds > 86400) {
            HttpReplies::apiError(responder, 400, path,
                                  QStringLiteral("expiresInSeconds must be 1..86400"));
            return;
        }
    }
    const QString token = m_previews->sign(id, port, seconds, &error);
    // Daytona puts the signed token in the host name; here it rides in the query, which the
    // proxy takes out before the sandbox's server sees the request.
    url.setPath(QStringLiteral("/"));
    url.setQuery(QStringLiteral("DAYTONA_SANDBOX_AUTH_KEY=") + token);
    HttpReplies::json(responder, 200,
                      QJsonDocument(QJsonObject{{QLatin1String("sandboxId"), id},
                                                {QLatin1String("port"), port},
                                                {QLatin1String("token"), token},
                                                {QLatin1String("url"), url.toString()}}));
}
