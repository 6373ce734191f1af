// Attachments (issue 18): files and folders the user drops on the composer go into the
// thread's sandbox before the message is sent, and the message names them. This service does
// the work the composer asks for: it checks what was dropped (size limits per file and in
// total, folders walked without following symlinks out of them, images refused for a model
// that takes none), judges the upload as the approval gate would judge the agent's writeFiles
// into the same paths (and createSandbox when the thread has no sandbox yet), finds or creates
// the thread's sandbox and uploads, telling the progress. Reading the files happens on a
// worker thread; the bytes come back as values.
#pragma once

#include "agent/ApprovalRule.h"
#include "sandbox/SandboxTypes.h"
#include "store/StoreTypes.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

class ApprovalPolicy;
class ApprovalRules;
class DaytonaClient;
class SandboxService;
class ThreadService;

struct AttachmentFile
{
    QString localPath;
    QString name; // relative to the attachments folder: "notes.txt", "project/src/main.py"
    qint64 size = 0;
};

struct AttachmentLimits
{
    qint64 maxFileBytes = 10 * 1024 * 1024;
    qint64 maxTotalBytes = 50 * 1024 * 1024;
    int maxFiles = 500;
};

// What a drop added, and what it refused (one line per refusal, with what to do).
struct AttachmentScan
{
    QList<AttachmentFile> files;
    QStringList errors;
};

struct AttachmentUploadResult
{
    int request = 0;
    RowId threadId = 0;
    QString sandboxId;
    QStringList paths; // sandbox paths written, in the order given
    QString error; // empty on success; else what happened and what to do
};

class AttachmentService final : public QObject
{
    Q_OBJECT

public:
    AttachmentService(ThreadService &threads, SandboxService &sandboxes, ApprovalRules &rules,
                      const ApprovalPolicy &policy, QObject *parent = nullptr);

    // Where attachments go in the sandbox.
    static QString folder() { return QStringLiteral("/home/daytona/attachments"); }
    static QString sandboxPath(const AttachmentFile &file);

    // Files and folders dropped (local paths); `present` are the files already attached (their
    // names are taken and their bytes count towards the total). Folders are walked
    // recursively; symlinks are skipped (never followed out of the folder).
    static AttachmentScan scan(const QStringList &paths, const QList<AttachmentFile> &present,
                               const AttachmentLimits &limits, bool imagesAllowed);
    static bool isImage(const QString &localPath);
    // Whether a model ("provider/model") takes images as input, by its name: the vision
    // models of OpenAI, Anthropic, Google and the open ones that say "vision" or "vl".
    static bool modelTakesImages(const QString &model);

    // The verdict the approval gate would give: writeFiles into the attachment paths and,
    // when the thread has no sandbox yet, createSandbox. The strictest of them.
    ApprovalVerdict verdict(RowId threadId, const QList<AttachmentFile> &files);
    // Finds the thread's sandbox of that provider (started again when stopped) or creates one,
    // then uploads; progress while it goes, uploadFinished once. A request number.
    int upload(RowId threadId, const QString &provider, const QList<AttachmentFile> &files);
    bool isUploading() const { return m_busy > 0; }

    // Timers of a sandbox an upload creates (minutes; from the settings, as the agent's).
    void setSandboxTimers(int autoStopMinutes, int autoDeleteMinutes);

signals:
    void uploadProgress(int request, qint64 bytesDone, qint64 bytesTotal);
    void uploadFinished(const AttachmentUploadResult &result);

private:
    struct Job;
    void withSandbox(const std::shared_ptr<Job> &job);
    void createSandbox(const std::shared_ptr<Job> &job);
    void sendBatch(const std::shared_ptr<Job> &job, const Sandbox &sandbox, int from);
    void finish(const std::shared_ptr<Job> &job, const QString &error);
    QList<SandboxRecord> ownedSandboxes(RowId threadId, const QString &provider) const;

    ThreadService &m_threads;
    SandboxService &m_sandboxes;
    ApprovalRules &m_rules;
    const ApprovalPolicy &m_policy;
    int m_nextRequest = 1;
    int m_busy = 0;
    int m_autoStopMinutes = -2;
    int m_autoDeleteMinutes = -2;
};
