#include "AttachmentService.h"

#include "agent/ApprovalDecider.h"
#include "agent/ToolExecutor.h"
#include "sandbox/DaytonaCall.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxWaiter.h"
#include "services/ApprovalRules.h"
#include "services/SandboxService.h"
#include "services/ThreadService.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHash>
#include <QJsonArray>
#include <QLocale>
#include <QMimeDatabase>
#include <QRegularExpression>
#include <QSet>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

namespace {

// One bulk upload carries at most this many bytes (and files), so progress moves and no
// request holds a whole folder in memory twice.
constexpr qint64 kBatchBytes = 4 * 1024 * 1024;
constexpr int kBatchFiles = 64;

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

// A name not yet taken: "notes.txt", then "notes (2).txt", ...
QString freeName(const QString &wanted, const QSet<QString> &taken)
{
    if (!taken.contains(wanted))
        return wanted;
    const QFileInfo info(wanted);
    const QString dir = wanted.contains(QLatin1Char('/'))
        ? wanted.left(wanted.lastIndexOf(QLatin1Char('/')) + 1)
        : QString();
    const QString suffix
        = info.completeSuffix().isEmpty() ? QString() : QLatin1Char('.') + info.completeSuffix();
    for (int n = 2;; ++n) {
        const QString candidate = dir + info.baseName() + QStringLiteral(" (%1)").arg(n) + suffix;
        if (!taken.contains(candidate))
            return candidate;
    }
}

ApprovalVerdict stricter(const ApprovalVerdict &a, const ApprovalVerdict &b)
{
    const auto rank = [](ApprovalVerdict::Decision d) {
        return d == ApprovalVerdict::Decision::Deny ? 2
            : d == ApprovalVerdict::Decision::Ask   ? 1
                                                    : 0;
    };
    ApprovalVerdict out = rank(b.decision) > rank(a.decision) ? b : a;
    out.matchedRules = a.matchedRules + b.matchedRules;
    return out;
}

} // namespace

struct AttachmentService::Job
{
    AttachmentUploadResult result;
    QString provider;
    QString threadUuid;
    QList<AttachmentFile> files;
    qint64 total = 0;
    qint64 done = 0;
    DaytonaClient *client = nullptr;
};

AttachmentService::AttachmentService(ThreadService &threads, SandboxService &sandboxes,
                                     ApprovalRules &rules, const ApprovalPolicy &policy,
                                     QObject *parent)
    : QObject(parent)
    , m_threads(threads)
    , m_sandboxes(sandboxes)
    , m_rules(rules)
    , m_policy(policy)
{
}

QString AttachmentService::sandboxPath(const AttachmentFile &file)
{
    return folder() + QLatin1Char('/') + file.name;
}

bool AttachmentService::isImage(const QString &localPath)
{
    static const QMimeDatabase db;
    const QString name = db.mimeTypeForFile(localPath).name();
    // SVG is text a model reads as code.
    return name.startsWith(QLatin1String("image/")) && name != QLatin1String("image/svg+xml");
}

bool AttachmentService::modelTakesImages(const QString &model)
{
    static const QRegularExpression vision(
        QStringLiteral("(gpt-4o|gpt-4\\.1|gpt-4-turbo|gpt-4-vision|gpt-5|chatgpt-4o|/o[134]"
                       "(-|$)|claude-3|claude-(sonnet|opus|haiku)-4|claude-[a-z]+-4|gemini|"
                       "pixtral|llava|vision|[-_/]vl([-_:]|$)|qwen2\\.5-vl|gemma-3)"),
        QRegularExpression::CaseInsensitiveOption);
    return vision.match(model).hasMatch();
}

AttachmentScan AttachmentService::scan(const QStringList &paths,
                                       const QList<AttachmentFile> &present,
                                       const AttachmentLimits &limits, bool imagesAllowed)
{
    AttachmentScan out;
    QSet<QString> taken;
    qint64 total = 0;
    for (const AttachmentFile &file : present) {
        taken.insert(file.name);
        total += file.size;
    }
    int count = int(present.size());
    bool totalRefused = false;
    bool countRefused = false;
    // One file: checks it against the limits and takes it.
    const auto add = [&](const QFileInfo &info, const QString &wantedName) {
        if (count >= limits.maxFiles) {
            if (!countRefused)
                out.errors << tr("Not all files were attached: at most %n files go with one "
                                 "message. Attach a smaller folder, or pack it into an archive.",
                                 nullptr, limits.maxFiles);
            countRefused = true;
            return;
        }
        if (!imagesAllowed && isImage(info.filePath())) {
            out.errors << tr("%1 is an image, and the picked model does not take images. "
                             "Pick a model that does (such as gpt-4o or Claude), or leave "
                             "the image out.")
                              .arg(info.fileName());
            return;
        }
        if (info.size() > limits.maxFileBytes) {
            out.errors << tr("%1 is too large to attach (%2; at most %3 per file). Attach a "
                             "smaller file, or pack it.")
                              .arg(info.fileName(), sizeText(info.size()),
                                   sizeText(limits.maxFileBytes));
            return;
        }
        if (total + info.size() > limits.maxTotalBytes) {
            if (!totalRefused)
                out.errors << tr("%1 was not attached: the attachments would take more than %2 "
                                 "in all. Send them with separate messages.")
                                  .arg(info.fileName(), sizeText(limits.maxTotalBytes));
            totalRefused = true;
            return;
        }
        if (!info.isReadable()) {
            out.errors << tr("%1 cannot be read (no permission). Check its permissions and "
                             "attach it again.")
                              .arg(info.filePath());
            return;
        }
        AttachmentFile file;
        file.localPath = info.absoluteFilePath();
        file.name = freeName(wantedName, taken);
        file.size = info.size();
        taken.insert(file.name);
        total += file.size;
        ++count;
        out.files << file;
    };

    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (info.isSymLink() && !info.exists()) {
            out.errors << tr("%1 is a link to nothing; it was not attached.").arg(path);
            continue;
        }
        if (!info.exists()) {
            out.errors << tr("%1 does not exist (any more); it was not attached.").arg(path);
            continue;
        }
        if (info.isFile()) {
            add(info, info.fileName());
            continue;
        }
        if (!info.isDir()) {
            out.errors << tr("%1 is neither a file nor a folder; it was not attached.").arg(path);
            continue;
        }
        // A folder: its files under its own name; links are not followed (a link inside could
        // lead anywhere on this computer), and how many were left out is said.
        const QDir root(info.absoluteFilePath());
        const QString top = freeName(info.fileName(), taken);
        int links = 0;
        QDirIterator it(root.path(),
                        QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden
                            | QDir::System,
                        QDirIterator::Subdirectories);
        QStringList found;
        while (it.hasNext()) {
            const QString entry = it.next();
            const QFileInfo e(entry);
            if (e.isSymLink()) {
                ++links;
                continue;
            }
            if (e.isFile())
                found << entry;
            // Past the limit the rest would be refused anyway: stop walking (node_modules).
            if (found.size() > limits.maxFiles)
                break;
        }
        found.sort(); // the same order every time
        if (found.isEmpty() && links == 0)
            out.errors << tr("The folder %1 is empty; nothing was attached.").arg(info.fileName());
        for (const QString &entry : std::as_const(found)) {
            // A folder reached through a link inside is skipped too.
            if (QFileInfo(entry).canonicalFilePath().startsWith(root.canonicalPath()
                                                                + QLatin1Char('/')))
                add(QFileInfo(entry), top + QLatin1Char('/') + root.relativeFilePath(entry));
            else
                ++links;
        }
        if (links > 0)
            out.errors << tr("%n link(s) in %1 were not followed (they could lead outside the "
                             "folder); copy what they point to into it if the agent needs it.",
                             nullptr, links)
                              .arg(info.fileName());
    }
    return out;
}

ApprovalVerdict AttachmentService::verdict(RowId threadId, const QList<AttachmentFile> &files)
{
    const ApprovalDecider decider(m_policy);
    const ApprovalMode mode = m_rules.mode(threadId);
    const auto rules = m_rules.rulesFor(threadId);
    const QList<ApprovalRule> list = rules ? *rules : QList<ApprovalRule>();
    QJsonArray entries;
    for (const AttachmentFile &file : files)
        entries.append(QJsonObject{{QStringLiteral("path"), sandboxPath(file)},
                                   {QStringLiteral("content"), QString()}});
    ApprovalCall write;
    write.tool = QStringLiteral("writeFiles");
    write.arguments = {{QStringLiteral("files"), entries}};
    write.threadId = threadId;
    ApprovalVerdict verdict = decider.decide(write, mode, list);
    if (ownedSandboxes(threadId, QString()).isEmpty()) {
        ApprovalCall create;
        create.tool = QStringLiteral("createSandbox");
        create.threadId = threadId;
        verdict = stricter(verdict, decider.decide(create, mode, list));
    }
    if (!rules && verdict.decision == ApprovalVerdict::Decision::Auto) {
        verdict.decision = ApprovalVerdict::Decision::Ask;
        verdict.reason = tr("the approval rules could not be read (%1)").arg(rules.error());
    }
    return verdict;
}

void AttachmentService::setSandboxTimers(int autoStopMinutes, int autoDeleteMinutes)
{
    m_autoStopMinutes = autoStopMinutes;
    m_autoDeleteMinutes = autoDeleteMinutes;
}

QList<SandboxRecord> AttachmentService::ownedSandboxes(RowId threadId,
                                                       const QString &provider) const
{
    const auto owned = m_sandboxes.ownedBy(threadId);
    QList<SandboxRecord> out;
    if (!owned)
        return out;
    for (const SandboxRecord &record : *owned) {
        if (provider.isEmpty() || record.provider == provider)
            out << record;
    }
    // The newest first: the one the agent used last.
    std::sort(out.begin(), out.end(),
              [](const SandboxRecord &a, const SandboxRecord &b) { return a.id > b.id; });
    return out;
}

int AttachmentService::upload(RowId threadId, const QString &provider,
                              const QList<AttachmentFile> &files)
{
    auto job = std::make_shared<Job>();
    job->result.request = m_nextRequest++;
    job->result.threadId = threadId;
    job->provider = provider;
    job->files = files;
    for (const AttachmentFile &file : files)
        job->total += file.size;
    ++m_busy;
    QString error;
    const auto thread = m_threads.thread(threadId);
    job->client = m_sandboxes.client(provider, &error);
    if (!thread)
        error = thread.error();
    if (!error.isEmpty() || !job->client) {
        QMetaObject::invokeMethod(
            this, [this, job, error] { finish(job, error); }, Qt::QueuedConnection);
        return job->result.request;
    }
    job->threadUuid = thread->uuid;
    withSandbox(job);
    return job->result.request;
}

void AttachmentService::withSandbox(const std::shared_ptr<Job> &job)
{
    const QList<SandboxRecord> owned = ownedSandboxes(job->result.threadId, job->provider);
    if (owned.isEmpty()) {
        createSandbox(job);
        return;
    }
    // An upload never replaces what is there (an earlier attachment the agent may have
    // changed): a name the folder has already gets " (2)".
    const auto keepApart = [this](const std::shared_ptr<Job> &job, const Sandbox &sandbox) {
        DaytonaCall *list = job->client->listFiles(sandbox, folder());
        connect(list, &DaytonaCall::finished, this, [this, job, sandbox](const DaytonaResult &r) {
            QSet<QString> taken;
            if (r.ok()) {
                for (const FileInfo &info : FileInfo::listFromJson(r.json().array()))
                    taken.insert(info.name);
            }
            QHash<QString, QString> renamed; // top-level name -> the free one
            for (AttachmentFile &file : job->files) {
                const QString top = file.name.section(QLatin1Char('/'), 0, 0);
                if (!renamed.contains(top)) {
                    const QString free = freeName(top, taken);
                    taken.insert(free);
                    renamed.insert(top, free);
                }
                file.name = renamed.value(top) + file.name.mid(top.size());
            }
            sendBatch(job, sandbox, 0);
        });
    };
    const QString id = owned.constFirst().remoteId;
    DaytonaCall *call = job->client->getSandbox(id);
    connect(call, &DaytonaCall::finished, this, [this, job, id, keepApart](const DaytonaResult &r) {
        if (r.error.kind == SandboxError::Kind::NotFound) {
            m_sandboxes.recordDeleted(job->provider, id);
            createSandbox(job); // gone: the thread gets a new one, as the agent would
            return;
        }
        if (!r.ok()) {
            finish(job,
                   tr("The thread's sandbox %1 could not be reached: %2").arg(id, r.error.message));
            return;
        }
        const Sandbox sandbox = Sandbox::fromJson(r.json().object());
        if (sandbox.state == QLatin1String("started")) {
            keepApart(job, sandbox);
            return;
        }
        SandboxWaiter *start = job->client->startAndWait(id);
        connect(start, &SandboxWaiter::finished, this,
                [this, job, id, keepApart](const DaytonaResult &s) {
                    if (!s.ok()) {
                        finish(job,
                               tr("The thread's sandbox %1 could not be started again: %2")
                                   .arg(id, s.error.message));
                        return;
                    }
                    sendBatch(job, s.sandbox, 0);
                });
    });
}

void AttachmentService::createSandbox(const std::shared_ptr<Job> &job)
{
    CreateSandboxParams params;
    params.labels.insert(QString(kThreadLabel), job->threadUuid);
    if (m_autoStopMinutes >= 0)
        params.autoStopInterval = m_autoStopMinutes;
    if (m_autoDeleteMinutes >= -1)
        params.autoDeleteInterval = m_autoDeleteMinutes;
    SandboxWaiter *create = job->client->createAndWait(params);
    connect(create, &SandboxWaiter::finished, this, [this, job](const DaytonaResult &r) {
        if (r.sandbox.isValid())
            m_sandboxes.recordCreated(job->provider, r.sandbox, job->result.threadId);
        if (!r.ok()) {
            finish(
                job,
                tr("A sandbox for the attachments could not be created: %1").arg(r.error.message));
            return;
        }
        sendBatch(job, r.sandbox, 0);
    });
}

void AttachmentService::sendBatch(const std::shared_ptr<Job> &job, const Sandbox &sandbox, int from)
{
    job->result.sandboxId = sandbox.id;
    if (from >= job->files.size()) {
        finish(job, {});
        return;
    }
    int end = from;
    qint64 bytes = 0;
    while (end < job->files.size() && end - from < kBatchFiles
           && (end == from || bytes + job->files.at(end).size <= kBatchBytes)) {
        bytes += job->files.at(end).size;
        ++end;
    }
    const QList<AttachmentFile> batch = job->files.mid(from, end - from);
    // The bytes are read on a worker; what cannot be read comes back as the error.
    auto *watcher = new QFutureWatcher<std::pair<QList<UploadItem>, QString>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, job, sandbox, end, bytes] {
                const auto read = watcher->result();
                const QList<UploadItem> items = read.first;
                const QString error = read.second;
                watcher->deleteLater();
                if (!error.isEmpty()) {
                    finish(job, error);
                    return;
                }
                DaytonaCall *call = job->client->uploadFiles(sandbox, items);
                connect(call, &DaytonaCall::finished, this,
                        [this, job, sandbox, end, bytes, items](const DaytonaResult &r) {
                            if (!r.ok()) {
                                finish(job,
                                       tr("The attachments could not be uploaded into "
                                          "sandbox %1: %2")
                                           .arg(sandbox.id, r.error.message));
                                return;
                            }
                            for (const UploadItem &item : items)
                                job->result.paths << item.path;
                            job->done += bytes;
                            emit uploadProgress(job->result.request, job->done, job->total);
                            sendBatch(job, sandbox, end);
                        });
            });
    watcher->setFuture(QtConcurrent::run([batch]() -> std::pair<QList<UploadItem>, QString> {
        QList<UploadItem> items;
        for (const AttachmentFile &file : batch) {
            QFile in(file.localPath);
            if (!in.open(QIODevice::ReadOnly))
                return {{},
                        tr("%1 could not be read: %2. Attach it again.")
                            .arg(file.localPath, in.errorString())};
            items << UploadItem{sandboxPath(file), in.readAll()};
        }
        return {items, QString()};
    }));
}

void AttachmentService::finish(const std::shared_ptr<Job> &job, const QString &error)
{
    --m_busy;
    job->result.error = error;
    emit uploadFinished(job->result);
}
