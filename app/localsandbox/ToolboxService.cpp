// ToolboxService: file and process routes of one sandbox.
#include "localsandbox/ToolboxService.h"

#include "checkpoint/HomeManifest.h"

#include "localsandbox/ConfinedFs.h"
#include "localsandbox/HttpReplies.h"
#include "localsandbox/LocalSandboxServer.h"
#include "localsandbox/SandboxProcess.h"
#include "localsandbox/SessionManager.h"
#include "sandbox/Multipart.h"
#include "sandbox/SandboxEnvironment.h"

#include <QFileInfo>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonObject>
#include <QMimeDatabase>
#include <QRegularExpression>
#include <QUrlQuery>

#include <memory>

namespace {

// The plain filename= parameter of a Content-Disposition header: printable ASCII only. A name
// with a line break (legal on Linux) would otherwise split the header and leave the client
// waiting for a response that never parses; the exact name travels in filename*=.
QByteArray headerSafeFilename(const QString &name)
{
    QByteArray out;
    out.reserve(name.size());
    for (const QChar c : name)
        out.append(c.unicode() >= 0x20 && c.unicode() < 0x7f && c != QLatin1Char('"')
                           && c != QLatin1Char('\\')
                       ? char(c.unicode())
                       : '_');
    return out;
}

QString queryValue(const QHttpServerRequest &request, const char *key)
{
    return HttpReplies::queryValue(request.url(), QString::fromLatin1(key));
}

bool hostHas(const char *path)
{
    return QFileInfo::exists(QString::fromLatin1(path));
}

} // namespace

FileReply FileReply::json(const QJsonDocument &document, qint64 notShown)
{
    FileReply reply;
    reply.body = document.toJson(QJsonDocument::Compact);
    reply.headers = {{"Content-Type", "application/json; charset=utf-8"}};
    if (notShown > 0)
        reply.headers.append({"X-Results-Not-Shown", QByteArray::number(notShown)});
    return reply;
}

FileReply FileReply::error(const ConfinedFs::Error &e, const QString &path,
                           const QByteArray &method)
{
    FileReply reply;
    reply.status = e.httpStatus;
    reply.body = HttpReplies::toolboxErrorBody(e.httpStatus, path, method, e.message);
    reply.headers = {{"Content-Type", "application/json; charset=utf-8"}};
    return reply;
}

ToolboxService::ToolboxService(LocalSandboxServer *server)
    : m_server(server)
{
    m_pool.setMaxThreadCount(2);
}

ToolboxService::~ToolboxService()
{
    m_pool.waitForDone();
}

QByteArray ToolboxService::codeRunScript(const QString &language, const QString &code,
                                         const QStringList &argv, QString *error)
{
    const QString args
        = argv.isEmpty() ? QString() : QLatin1Char(' ') + argv.join(QLatin1Char(' '));
    if (language == QLatin1String("python")) {
        if (!hostHas("/usr/bin/python3")) {
            *error
                = QStringLiteral("python3 is not installed on this machine (the sandbox uses the "
                                 "host's /usr); install it, e.g. apt install python3");
            return {};
        }
        return "printf '%s' '" + code.toUtf8().toBase64() + "' | base64 -d | python3 -u -"
            + args.toUtf8();
    }
    if (language == QLatin1String("javascript")) {
        if (!hostHas("/usr/bin/node")) {
            *error = QStringLiteral(
                "node is not installed on this machine (the sandbox uses the host's "
                "/usr); install it, e.g. apt install nodejs");
            return {};
        }
        const QByteArray wrapped = "process.argv.splice(1, 1);\n" + code.toUtf8();
        return "printf '%s' '" + wrapped.toBase64() + "' | base64 -d | node -" + args.toUtf8();
    }
    if (language == QLatin1String("typescript")) {
        const QByteArray b64 = code.toUtf8().toBase64();
        if (hostHas("/usr/bin/tsx") || hostHas("/usr/local/bin/tsx"))
            return "_f=/tmp/dtn_$$.ts; printf '%s' '" + b64 + "' | base64 -d > \"$_f\"; tsx \"$_f\""
                + args.toUtf8() + "; _dtn_ec=$?; rm -f \"$_f\"; exit $_dtn_ec";
        if (hostHas("/usr/bin/ts-node") || hostHas("/usr/local/bin/ts-node"))
            return "_f=/tmp/dtn_$$.ts; printf '%s' '" + b64
                + "' | base64 -d > \"$_f\"; ts-node -T --ignore-diagnostics 5107 -O "
                  "'{\"module\":\"CommonJS\"}' "
                  "\"$_f\""
                + args.toUtf8() + "; _dtn_ec=$?; rm -f \"$_f\"; exit $_dtn_ec";
        *error = QStringLiteral(
            "typescript needs ts-node or tsx installed on this machine (e.g. npm install "
            "-g tsx; the sandbox has no network to fetch it); use javascript or python "
            "instead");
        return {};
    }
    *error = QStringLiteral("unsupported language: %1").arg(language);
    return {};
}

void ToolboxService::handle(const QHttpServerRequest &request, const QString &sandboxId,
                            const QString &daemonPath, QHttpServerResponder &&responder)
{
    const QString fullPath = request.url().path();
    const QByteArray method = HttpReplies::methodName(request.method());
    LocalSandboxRecord *record = m_server->registry().find(sandboxId);
    if (!record || record->sandbox.id != sandboxId) {
        HttpReplies::toolboxError(responder, 404, fullPath, method,
                                  QStringLiteral("not found: sandbox %1 not found").arg(sandboxId));
        return;
    }
    if (record->sandbox.state != QLatin1String("started")) {
        HttpReplies::toolboxError(
            responder, 400, fullPath, method,
            QStringLiteral("bad request: sandbox %1 is %2. Is the Sandbox started?")
                .arg(sandboxId, record->sandbox.state));
        return;
    }
    // Daytona's proxy leaves lastActivity alone when asked to (the app's own bookkeeping).
    if (HttpReplies::header(request, "X-Daytona-Skip-Last-Activity-Update")
            .trimmed()
            .compare("true", Qt::CaseInsensitive)
        != 0)
        m_server->noteActivity(sandboxId);
    using M = QHttpServerRequest::Method;
    if (daemonPath == QLatin1String("/work-dir") || daemonPath == QLatin1String("/user-home-dir")
        || daemonPath == QLatin1String("/project-dir")) {
        HttpReplies::json(responder, 200,
                          QJsonDocument(QJsonObject{
                              {QLatin1String("dir"), QString::fromLatin1(SandboxProcess::kHome)}}));
        return;
    }
    if (daemonPath == QLatin1String("/version")) {
        HttpReplies::json(
            responder, 200,
            QJsonDocument(QJsonObject{
                {QLatin1String("version"), QStringLiteral("agent-sandboxd-" STUDIO_VERSION)}}));
        return;
    }
    if (daemonPath.startsWith(QLatin1String("/files"))) {
        handleFiles(request, *record, daemonPath, std::move(responder));
        return;
    }
    if (request.method() == M::Post
        && (daemonPath == QLatin1String("/process/execute")
            || daemonPath == QLatin1String("/process/code-run"))) {
        runCommand(request, *record, daemonPath, std::move(responder));
        return;
    }
    if (daemonPath == QLatin1String("/process/session")
        || daemonPath.startsWith(QLatin1String("/process/session/"))) {
        m_server->sessions().handle(request, *record, daemonPath, std::move(responder));
        return;
    }
    HttpReplies::toolboxError(
        responder, 404, fullPath, method,
        QStringLiteral("not found: %1 is not served by the local sandbox").arg(daemonPath));
}

std::function<void()> ToolboxService::measureAfter(const LocalSandboxRecord &record) const
{
    return [server = m_server, id = record.sandbox.id] { server->limits().measure(id); };
}

void ToolboxService::offThread(QHttpServerResponder &&responder, std::function<FileReply()> work,
                               std::function<void()> then)
{
    const quint64 job = ++m_lastJob;
    m_waiting.insert(job, std::make_shared<PendingResponse>(std::move(responder)));
    LocalSandboxServer *server = m_server;
    ToolboxService *self = this; // the pool (a member) finishes its jobs before self goes
    m_pool.start([work = std::move(work), then = std::move(then), job, server, self] {
        FileReply reply = work();
        QMetaObject::invokeMethod(
            server,
            [self, job, then, reply = std::move(reply)] {
                const std::shared_ptr<PendingResponse> pending = self->m_waiting.take(job);
                if (QHttpServerResponder *responder = pending ? pending->responder() : nullptr)
                    HttpReplies::raw(*responder, reply.status, reply.body, reply.headers);
                if (then)
                    then();
            },
            Qt::QueuedConnection);
    });
}

void ToolboxService::handleFiles(const QHttpServerRequest &request, LocalSandboxRecord &record,
                                 const QString &daemonPath, QHttpServerResponder &&responder)
{
    using M = QHttpServerRequest::Method;
    const M method = request.method();
    const QString fullPath = request.url().path();
    const QByteArray methodText = HttpReplies::methodName(method);
    const ConfinedFs fs(m_server->registry().homeDir(record.sandbox.id),
                        QString::fromLatin1(SandboxProcess::kHome), m_server->runAsUid(),
                        m_server->runAsGid());
    ConfinedFs::Error error;
    auto fail = [&](const ConfinedFs::Error &e) {
        HttpReplies::toolboxError(responder, e.httpStatus, fullPath, methodText, e.message);
    };
    const QString path = queryValue(request, "path");

    if ((daemonPath == QLatin1String("/files") || daemonPath == QLatin1String("/files/"))
        && method == M::Get) {
        offThread(std::move(responder), [fs, path, fullPath, methodText] {
            ConfinedFs::Error e;
            qint64 notShown = 0;
            const QList<FileInfo> entries = fs.list(path, &e, &notShown);
            if (e.isError())
                return FileReply::error(e, fullPath, methodText);
            QJsonArray array;
            for (const FileInfo &f : entries)
                array.append(f.toJson());
            return FileReply::json(QJsonDocument(array), notShown);
        });
        return;
    }
    if (daemonPath == QLatin1String("/files") && method == M::Delete) {
        if (path.isEmpty())
            return fail({400, QStringLiteral("bad request: path is required")});
        const bool recursive = queryValue(request, "recursive") == QLatin1String("true");
        offThread(
            std::move(responder),
            [fs, path, recursive, fullPath, methodText] {
                ConfinedFs::Error e;
                if (!fs.remove(path, recursive, &e))
                    return FileReply::error(e, fullPath, methodText);
                FileReply reply;
                reply.status = 204;
                return reply;
            },
            measureAfter(record));
        return;
    }
    if (daemonPath == QLatin1String("/files/info") && method == M::Get) {
        if (path.isEmpty())
            return fail({400, QStringLiteral("bad request: path is required")});
        const FileInfo f = fs.info(path, &error);
        if (error.isError())
            return fail(error);
        HttpReplies::json(responder, 200, QJsonDocument(f.toJson()));
        return;
    }
    if (daemonPath == QLatin1String("/files/folder") && method == M::Post) {
        QString modeText = queryValue(request, "mode");
        bool ok = true;
        const uint mode = modeText.isEmpty() ? 0755 : modeText.toUInt(&ok, 8);
        if (!ok || mode > 07777)
            return fail({400, QStringLiteral("bad request: invalid mode format")});
        if (path.isEmpty())
            return fail({400, QStringLiteral("bad request: path is required")});
        if (!fs.makeDirectories(path, mode_t(mode), &error))
            return fail(error);
        HttpReplies::empty(responder, 201);
        return;
    }
    if (daemonPath == QLatin1String("/files/move") && method == M::Post) {
        if (!fs.move(queryValue(request, "source"), queryValue(request, "destination"), &error))
            return fail(error);
        HttpReplies::empty(responder, 200);
        return;
    }
    if (daemonPath == QLatin1String("/files/search") && method == M::Get) {
        const QString pattern = queryValue(request, "pattern");
        offThread(std::move(responder), [fs, path, pattern, fullPath, methodText] {
            ConfinedFs::Error e;
            qint64 notShown = 0;
            const QStringList files = fs.search(path, pattern, &e, &notShown);
            if (e.isError())
                return FileReply::error(e, fullPath, methodText);
            return FileReply::json(QJsonDocument(QJsonObject{{QLatin1String("files"),
                                                              QJsonArray::fromStringList(files)}}),
                                   notShown);
        });
        return;
    }
    if (daemonPath == QLatin1String("/files/find") && method == M::Get) {
        const QString pattern = queryValue(request, "pattern");
        offThread(std::move(responder), [fs, path, pattern, fullPath, methodText] {
            ConfinedFs::Error e;
            qint64 notShown = 0;
            const QList<FindMatch> matches = fs.find(path, pattern, &e, &notShown);
            if (e.isError())
                return FileReply::error(e, fullPath, methodText);
            QJsonArray array;
            for (const FindMatch &m : matches)
                array.append(QJsonObject{{QLatin1String("file"), m.file},
                                         {QLatin1String("line"), m.line},
                                         {QLatin1String("content"), m.content}});
            return FileReply::json(QJsonDocument(array), notShown);
        });
        return;
    }
    // Extension (not in Daytona's daemon): the whole home listed in one answer for checkpoints,
    // walked here instead of by a `find` in a sandbox (which would start a bwrap, and pasta).
    if (daemonPath == QLatin1String("/files/manifest") && method == M::Get) {
        const QString home = m_server->registry().homeDir(record.sandbox.id);
        offThread(std::move(responder), [home, fullPath, methodText] {
            QString walkError;
            FileReply reply;
            reply.body = HomeManifest::walk(home, &walkError);
            if (!walkError.isEmpty())
                return FileReply::error({404, walkError}, fullPath, methodText);
            reply.headers = {{"Content-Type", "application/octet-stream"}};
            return reply;
        });
        return;
    }
    if (daemonPath == QLatin1String("/files/download") && method == M::Get) {
        offThread(std::move(responder), [fs, path, fullPath, methodText] {
            ConfinedFs::Error e;
            FileReply reply;
            reply.body = fs.readFile(path, &e);
            if (e.isError())
                return FileReply::error(e, fullPath, methodText);
            const QString name = QFileInfo(path).fileName();
            reply.headers = {{"Content-Type", "application/octet-stream"},
                             {"Content-Disposition",
                              "attachment; filename=\"" + headerSafeFilename(name)
                                  + "\"; filename*=utf-8''" + QUrl::toPercentEncoding(name)}};
            return reply;
        });
        return;
    }
    if (daemonPath == QLatin1String("/files/bulk-download") && method == M::Post) {
        const QJsonArray paths = QJsonDocument::fromJson(request.body())
                                     .object()
                                     .value(QLatin1String("paths"))
                                     .toArray();
        if (paths.isEmpty()) {
            HttpReplies::raw(
                responder, 400,
                QByteArray(
                    R"({"error":"request body must be {\"paths\": [ ... ]} and non-empty"})"),
                {{"Content-Type", "application/json; charset=utf-8"}});
            return;
        }
        offThread(std::move(responder), [fs, paths] { return bulkDownload(fs, paths); });
        return;
    }
    if ((daemonPath == QLatin1String("/files/bulk-upload")
         || daemonPath == QLatin1String("/files/upload"))
        && method == M::Post) {
        QByteArray contentType;
        for (const auto &[k, v] : request.headers()) {
            if (k.compare("Content-Type", Qt::CaseInsensitive) == 0)
                contentType = v;
        }
        const QByteArray body = request.body();
        // The whole body counts (a little more than the files): checked before anything is
        // written, and counted now, so that uploads before the next measurement cannot pass.
        const QString full = m_server->limits().checkWrite(record, body.size());
        if (!full.isEmpty())
            return fail({507, full});
        record.sandbox.diskUsageBytes
            = qMax<qint64>(0, record.sandbox.diskUsageBytes) + body.size();
        const bool single = daemonPath == QLatin1String("/files/upload");
        offThread(
            std::move(responder),
            [fs, single, path, body, contentType, fullPath, methodText] {
                return upload(fs, single, path, body, contentType, fullPath, methodText);
            },
            measureAfter(record));
        return;
    }
    fail({404, QStringLiteral("not found: %1").arg(daemonPath)});
}

FileReply ToolboxService::bulkDownload(const ConfinedFs &fs, const QJsonArray &paths)
{
    // A random boundary per reply (Go's mime/multipart does the same): a file that contains
    // a fixed one could forge parts for a client that splits on it.
    MultipartBuilder builder;
    static const QMimeDatabase mimes; // thread-safe
    for (const QJsonValue &v : paths) {
        const QString p = v.toString();
        ConfinedFs::Error e;
        const QByteArray data = fs.readFile(p, &e);
        if (e.isError()) {
            const char *code = e.httpStatus == 404 ? "FILE_NOT_FOUND"
                : e.httpStatus == 403              ? "FILE_ACCESS_DENIED"
                : e.httpStatus == 400              ? "INVALID_FILE_PATH"
                                                   : "FILE_READ_FAILED";
            QJsonObject o = QJsonDocument::fromJson(
                                HttpReplies::toolboxErrorBody(e.httpStatus, p, "POST", e.message))
                                .object();
            o.insert(QLatin1String("code"), QString::fromLatin1(code));
            builder.addDownloadPart(QStringLiteral("error"), p,
                                    QJsonDocument(o).toJson(QJsonDocument::Compact),
                                    "application/json; charset=utf-8");
        } else {
            builder.addDownloadPart(
                QStringLiteral("file"), p, data,
                mimes.mimeTypeForFile(p, QMimeDatabase::MatchExtension).name().toUtf8());
        }
    }
    FileReply reply;
    reply.body = builder.finish();
    reply.headers = {{"Content-Type", builder.contentType()}};
    return reply;
}

FileReply ToolboxService::upload(const ConfinedFs &fs, bool single, const QString &path,
                                 const QByteArray &body, const QByteArray &contentType,
                                 const QString &fullPath, const QByteArray &methodText)
{
    auto fail
        = [&](const ConfinedFs::Error &e) { return FileReply::error(e, fullPath, methodText); };
    QList<MultipartPart> parts;
    QString parseError;
    if (!MultipartParser::parse(body, MultipartParser::boundaryFrom(contentType), &parts,
                                &parseError))
        return fail({400, QStringLiteral("bad request: %1").arg(parseError)});
    if (single) {
        for (const MultipartPart &part : parts) {
            if (part.name != QLatin1String("file"))
                continue;
            ConfinedFs::Error error;
            if (!fs.writeFile(path, part.body, &error))
                return fail(error);
            return FileReply{};
        }
        return fail({400, QStringLiteral("bad request: no file part")});
    }
    QJsonArray written;
    QJsonArray errors;
    const QRegularExpression field(QStringLiteral("^files\\[(\\d+)\\]\\.(path|file)$"));
    QHash<QString, QString> destinations;
    for (const MultipartPart &part : parts) {
        const QRegularExpressionMatch m = field.match(part.name);
        if (!m.hasMatch())
            continue;
        const QString index = m.captured(1);
        if (m.captured(2) == QLatin1String("path")) {
            destinations.insert(index, QString::fromUtf8(part.body));
            continue;
        }
        if (!destinations.contains(index)) {
            errors.append(QStringLiteral("file[%1]: missing .path metadata").arg(index));
            continue;
        }
        const QString dest = destinations.value(index);
        ConfinedFs::Error e;
        if (!fs.writeFile(dest, part.body, &e)) {
            errors.append(QStringLiteral("%1: %2").arg(dest, e.message));
            continue;
        }
        written.append(QJsonObject{{QLatin1String("path"), dest},
                                   {QLatin1String("bytes"), double(part.body.size())}});
    }
    if (!errors.isEmpty()) {
        FileReply reply = FileReply::json(QJsonDocument(
            QJsonObject{{QLatin1String("errors"), errors}, {QLatin1String("files"), written}}));
        reply.status = 400;
        return reply;
    }
    return FileReply::json(QJsonDocument(QJsonObject{{QLatin1String("files"), written}}));
}

void ToolboxService::runCommand(const QHttpServerRequest &request, LocalSandboxRecord &record,
                                const QString &daemonPath, QHttpServerResponder &&responder)
{
    const QString fullPath = request.url().path();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body(), &parseError);
    if (!doc.isObject()) {
        HttpReplies::toolboxError(
            responder, 400, fullPath, "POST",
            QStringLiteral("bad request: invalid request body: %1").arg(parseError.errorString()));
        return;
    }
    const QJsonObject body = doc.object();
    SandboxRunSpec spec;
    spec.homeDir = m_server->registry().homeDir(record.sandbox.id);
    spec.network = record.network;
    spec.sandboxId = record.sandbox.id;
    spec.outputCap = m_server->options().outputCap;
    spec.runAsUid = m_server->runAsUid();
    spec.runAsGid = m_server->runAsGid();
    spec.architecture = m_server->options().architecture;
    // Names that inject code are refused at create; a sandbox stored before that loses them.
    for (auto it = record.sandbox.env.cbegin(); it != record.sandbox.env.cend(); ++it) {
        if (!SandboxEnvironment::isUnsafeName(it.key()))
            spec.env.insert(it.key(), it.value());
    }
    const double timeout = body.value(QLatin1String("timeout")).toDouble(0);
    if (timeout < 0 || timeout > 4294967295.0) {
        HttpReplies::toolboxError(responder, 400, fullPath, "POST",
                                  QStringLiteral("bad request: invalid timeout"));
        return;
    }
    // No timeout means the default, not forever; a longer one than the maximum is clamped
    // (milliseconds of it must fit the timer's int).
    spec.timeoutSeconds = timeout > 0 ? qint64(qMin(timeout, double(kMaxCommandTimeoutSeconds)))
                                      : kDefaultCommandTimeoutSeconds;
    spec.timeoutSeconds = qMax<qint64>(1, spec.timeoutSeconds);
    static const QRegularExpression envKey(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    const QJsonObject envs = body.value(QLatin1String("envs")).toObject();
    for (auto it = envs.begin(); it != envs.end(); ++it) {
        if (!envKey.match(it.key()).hasMatch()) {
            HttpReplies::toolboxError(
                responder, 400, fullPath, "POST",
                QStringLiteral("bad request: invalid environment variable name: %1").arg(it.key()));
            return;
        }
        spec.env.insert(it.key(), it.value().toString());
    }
    if (const QStringList unsafe = SandboxEnvironment::unsafeNames(envs.keys());
        !unsafe.isEmpty()) {
        HttpReplies::toolboxError(
            responder, 400, fullPath, "POST",
            QStringLiteral("bad request: %1")
                .arg(SandboxEnvironment::refusal(unsafe, QStringLiteral("envs"))));
        return;
    }
    if (daemonPath == QLatin1String("/process/execute")) {
        const QString command = body.value(QLatin1String("command")).toString();
        if (command.trimmed().isEmpty()) {
            HttpReplies::toolboxError(responder, 400, fullPath, "POST",
                                      QStringLiteral("bad request: command is required"));
            return;
        }
        spec.script = command.toUtf8();
        spec.cwd = body.value(QLatin1String("cwd")).toString();
        if (!spec.cwd.isEmpty() && !spec.cwd.startsWith(QLatin1Char('/')))
            spec.cwd = QString::fromLatin1(SandboxProcess::kHome) + QLatin1Char('/') + spec.cwd;
    } else {
        QString error;
        QStringList argv;
        for (const QJsonValue &v : body.value(QLatin1String("argv")).toArray())
            argv.append(v.toString());
        spec.script = codeRunScript(body.value(QLatin1String("language")).toString(),
                                    body.value(QLatin1String("code")).toString(), argv, &error);
        if (spec.script.isEmpty()) {
            HttpReplies::toolboxError(responder, 400, fullPath, "POST",
                                      QStringLiteral("bad request: %1").arg(error));
            return;
        }
    }
    m_server->limits().prepare(record, &spec);
    const QString cgroupDir = spec.cgroupDir;
    auto *process = new SandboxProcess(spec, m_server); // dies (and kills) with the server
    auto pending = std::make_shared<PendingResponse>(std::move(responder));
    m_server->track(record.sandbox.id, process);
    // A client that hangs up (a cancelled tool call) takes its command down with it.
    if (QTcpSocket *socket = pending->socket())
        QObject::connect(socket, &QAbstractSocket::disconnected, process,
                         [process] { process->kill(); });
    const QString sandboxId = record.sandbox.id;
    LocalSandboxServer *server = m_server;
    // Its cgroup goes and the home is measured again once it ends.
    QObject::connect(
        process, &SandboxProcess::finished, &server->limits(),
        [server, sandboxId, cgroupDir] { server->limits().finished(sandboxId, cgroupDir); });
    QObject::connect(
        process, &SandboxProcess::finished, m_server,
        [process, pending, fullPath, server, sandboxId](const SandboxRunResult &r) {
            process->deleteLater();
            server->noteActivity(sandboxId); // idle time counts from the end
            QHttpServerResponder *responder = pending->responder();
            if (!responder)
                return; // the client gave up; the process group is already gone
            if (r.timedOut) {
                HttpReplies::toolboxError(
                    *responder, 408, fullPath, "POST",
                    QStringLiteral("request timeout: command execution timeout"));
                return;
            }
            if (!r.error.isEmpty()) {
                HttpReplies::toolboxError(*responder, 500, fullPath, "POST", r.error);
                return;
            }
            HttpReplies::json(
                *responder, 200,
                QJsonDocument(QJsonObject{{QLatin1String("exitCode"), r.exitCode},
                                          {QLatin1String("result"), QString::fromUtf8(r.output)}}));
        });
    process->start();
}
