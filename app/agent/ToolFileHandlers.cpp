// The tools that read, write, list, search and watch a sandbox's files (ToolExecution
// handlers).
#include "agent/ToolExecutor.h"

#include "agent/DirectoryWatcher.h"
#include "agent/SandboxPath.h"
#include "agent/ToolResults.h"
#include "sandbox/DaytonaClient.h"

#include <QJsonArray>
#include <QPointer>

using Kind = ToolOutcome::ErrorKind;

namespace {

// What the model is given at most (the local server caps the same way; Daytona's servers send
// everything, so the cap is applied here too).
constexpr int kMaxResults = 1000;
constexpr int kMaxLineChars = 500;

// Cuts a list to kMaxResults and tells the model how much it does not see.
QJsonArray capped(const QJsonArray &all, qint64 serverNotShown, const QString &what,
                  QJsonObject *result)
{
    QJsonArray kept;
    for (qsizetype i = 0; i < all.size() && i < kMaxResults; ++i)
        kept.append(all.at(i));
    const qint64 notShown = serverNotShown + qMax<qint64>(0, all.size() - kMaxResults);
    if (notShown > 0)
        result->insert(QStringLiteral("notShown"),
                       QStringLiteral("%1 more %2 not shown; narrow the path or pattern to see "
                                      "them")
                           .arg(notShown)
                           .arg(what));
    return kept;
}

} // namespace

void ToolExecution::readFile()
{
    QString path;
    if (!resolvePath(QStringLiteral("path"), &path))
        return;
    const auto tooLarge = [this, path](qint64 size) {
        fail(Kind::TooLarge,
             QStringLiteral("%1 is %2 (%3 bytes); readFile returns files up to %4. Read the part "
                            "you need with runCommand (e.g. head -n 100, tail -n 100, "
                            "sed -n '200,300p', grep -n PATTERN).")
                 .arg(path, ToolResults::humanReadableSize(size))
                 .arg(size)
                 .arg(ToolResults::humanReadableSize(kMaxReadFileBytes)));
    };
    // The size first, so a huge file is refused before it is downloaded into memory.
    await(m_client->fileInfo(m_sandbox, path), [this, path, tooLarge](const DaytonaResult &info) {
        if (!info.ok()) {
            failWith(info, QStringLiteral("reading %1").arg(path));
            return;
        }
        const FileInfo file = FileInfo::fromJson(info.json().object());
        if (!file.isDir && file.size > kMaxReadFileBytes) {
            tooLarge(file.size);
            return;
        }
        await(m_client->downloadFile(m_sandbox, path),
              [this, path, tooLarge](const DaytonaResult &r) {
                  if (!r.ok()) {
                      failWith(r, QStringLiteral("reading %1").arg(path));
                      return;
                  }
                  // Sandboxed code may have grown the file since.
                  if (r.body.size() > kMaxReadFileBytes) {
                      tooLarge(r.body.size());
                      return;
                  }
                  if (ToolResults::isBinary(r.body)) {
                      fail(Kind::BinaryContent,
                           QStringLiteral("%1 is a %2; readFile returns text only. Inspect it with "
                                          "runCommand (e.g. file, xxd | head, or a script).")
                               .arg(path, ToolResults::describeBinary(r.body)));
                      return;
                  }
                  succeed({{QStringLiteral("content"), ToolResults::decodeText(r.body)},
                           {QStringLiteral("path"), path}});
              });
    });
}

void ToolExecution::writeFile()
{
    QString path;
    if (!resolvePath(QStringLiteral("path"), &path))
        return;
    if (path == SandboxPath::workingDirectory()) {
        fail(Kind::PathRefused,
             QStringLiteral("path must name a file, not the working directory /home/daytona"));
        return;
    }
    await(m_client->uploadFile(m_sandbox, path, text(QStringLiteral("content")).toUtf8()),
          [this, path](const DaytonaResult &r) {
              if (!r.ok()) {
                  failWith(r, QStringLiteral("writing %1").arg(path));
                  return;
              }
              succeed({{QStringLiteral("success"), true}, {QStringLiteral("path"), path}});
          });
}

void ToolExecution::writeFiles()
{
    const QJsonArray files = m_args.value(QStringLiteral("files")).toArray();
    if (files.isEmpty()) {
        fail(Kind::InvalidArguments, QStringLiteral("files is empty; give [{path, data}, ...]"));
        return;
    }
    QList<UploadItem> items;
    QJsonArray written;
    for (qsizetype i = 0; i < files.size(); ++i) {
        const QJsonObject file = files.at(i).toObject();
        const QString given = file.value(QLatin1String("path")).toString();
        const SandboxPath::Resolved resolved = SandboxPath::resolve(given);
        if (!resolved.ok() || resolved.path == SandboxPath::workingDirectory()) {
            fail(Kind::PathRefused,
                 QStringLiteral("files[%1].path refused: %2. Nothing was written; use file "
                                "paths inside /home/daytona.")
                     .arg(i)
                     .arg(resolved.ok() ? QStringLiteral("it names the working directory")
                                        : resolved.error));
            return;
        }
        items.append({resolved.path, file.value(QLatin1String("data")).toString().toUtf8()});
        written.append(resolved.path);
    }
    await(m_client->uploadFiles(m_sandbox, items), [this, written](const DaytonaResult &r) {
        if (!r.ok()) {
            failWith(r, QStringLiteral("writing %1 files").arg(written.size()));
            return;
        }
        succeed({{QStringLiteral("success"), true}, {QStringLiteral("filesWritten"), written}});
    });
}

void ToolExecution::listFiles()
{
    QString path;
    if (!resolvePath(QStringLiteral("path"), &path, QStringLiteral("/")))
        return;
    await(m_client->listFiles(m_sandbox, path), [this, path](const DaytonaResult &r) {
        if (!r.ok()) {
            failWith(r, QStringLiteral("listing %1").arg(path));
            return;
        }
        QJsonArray files;
        for (const FileInfo &info : FileInfo::listFromJson(r.json().array()))
            files.append(
                QJsonObject{{QStringLiteral("name"), info.name},
                            {QStringLiteral("path"), QString(path + QLatin1Char('/') + info.name)},
                            {QStringLiteral("isDirectory"), info.isDir}});
        QJsonObject result{{QStringLiteral("path"), path}};
        result.insert(QStringLiteral("files"),
                      capped(files, r.notShown, QStringLiteral("entries"), &result));
        succeed(result);
    });
}

void ToolExecution::deleteFile()
{
    QString path;
    if (!resolvePath(QStringLiteral("path"), &path))
        return;
    if (path == SandboxPath::workingDirectory()) {
        fail(Kind::PathRefused,
             QStringLiteral("refusing to delete the working directory /home/daytona itself; "
                            "delete the files inside it, or the whole sandbox with "
                            "deleteSandbox"));
        return;
    }
    await(m_client->deleteFile(m_sandbox, path, true), [this, path](const DaytonaResult &r) {
        if (!r.ok()) {
            failWith(r, QStringLiteral("deleting %1").arg(path));
            return;
        }
        succeed({{QStringLiteral("success"), true}, {QStringLiteral("path"), path}});
    });
}

void ToolExecution::createDirectory()
{
    QString path;
    if (!resolvePath(QStringLiteral("path"), &path))
        return;
    await(m_client->createFolder(m_sandbox, path), [this, path](const DaytonaResult &r) {
        if (!r.ok()) {
            failWith(r, QStringLiteral("creating the folder %1").arg(path));
            return;
        }
        succeed({{QStringLiteral("success"), true}, {QStringLiteral("path"), path}});
    });
}

void ToolExecution::getFileInfo()
{
    QString path;
    if (!resolvePath(QStringLiteral("path"), &path))
        return;
    await(m_client->fileInfo(m_sandbox, path), [this, path](const DaytonaResult &r) {
        if (!r.ok()) {
            failWith(r, QStringLiteral("getting information on %1").arg(path));
            return;
        }
        const FileInfo info = FileInfo::fromJson(r.json().object());
        succeed({{QStringLiteral("name"), info.name},
                 {QStringLiteral("isDir"), info.isDir},
                 {QStringLiteral("size"), info.size},
                 {QStringLiteral("mode"), info.mode},
                 {QStringLiteral("permissions"), info.permissions},
                 {QStringLiteral("owner"), info.owner},
                 {QStringLiteral("group"), info.group},
                 {QStringLiteral("modTime"), info.modifiedAt}});
    });
}

void ToolExecution::checkFileExists()
{
    QString path;
    if (!resolvePath(QStringLiteral("path"), &path))
        return;
    await(m_client->fileInfo(m_sandbox, path), [this, path](const DaytonaResult &r) {
        if (r.error.kind == SandboxError::Kind::NotFound) {
            succeed({{QStringLiteral("exists"), false}, {QStringLiteral("path"), path}});
            return;
        }
        if (!r.ok()) {
            failWith(r, QStringLiteral("checking %1").arg(path));
            return;
        }
        const FileInfo info = FileInfo::fromJson(r.json().object());
        succeed({{QStringLiteral("exists"), true},
                 {QStringLiteral("path"), path},
                 {QStringLiteral("isDirectory"), info.isDir}});
    });
}

void ToolExecution::getFileSize()
{
    QString path;
    if (!resolvePath(QStringLiteral("path"), &path))
        return;
    const bool human = m_args.value(QStringLiteral("humanReadable")).toBool(false);
    auto report = [this, path, human](qint64 size, bool isDir) {
        QJsonObject result{{QStringLiteral("size"), size},
                           {QStringLiteral("path"), path},
                           {QStringLiteral("isDirectory"), isDir}};
        if (human)
            result.insert(QStringLiteral("humanReadableSize"),
                          ToolResults::humanReadableSize(size));
        succeed(result);
    };
    await(m_client->fileInfo(m_sandbox, path), [this, path, report](const DaytonaResult &r) {
        if (!r.ok()) {
            failWith(r, QStringLiteral("getting the size of %1").arg(path));
            return;
        }
        const FileInfo info = FileInfo::fromJson(r.json().object());
        if (!info.isDir) {
            report(info.size, false);
            return;
        }
        // A folder's size is the total of the files below it.
        watch(path, true, 0, [report](DirectoryWatcher *watcher) {
            qint64 total = 0;
            for (const ToolResults::Entry &entry : watcher->snapshot())
                total += entry.isDir ? 0 : entry.size;
            report(total, true);
        });
    });
}

void ToolExecution::searchFiles()
{
    QString path;
    if (!resolvePath(QStringLiteral("path"), &path))
        return;
    const QString pattern = text(QStringLiteral("pattern"));
    await(m_client->searchFiles(m_sandbox, path, pattern),
          [this, path, pattern](const DaytonaResult &r) {
              if (!r.ok()) {
                  failWith(r, QStringLiteral("searching %1 for %2").arg(path, quoted(pattern)));
                  return;
              }
              const QJsonArray files = r.json().object().value(QLatin1String("files")).toArray();
              QJsonObject result;
              result.insert(QStringLiteral("files"),
                            capped(files, r.notShown, QStringLiteral("files"), &result));
              succeed(result);
          });
}

void ToolExecution::findInFiles()
{
    QString path;
    if (!resolvePath(QStringLiteral("path"), &path))
        return;
    const QString pattern = text(QStringLiteral("pattern"));
    if (pattern.isEmpty()) {
        fail(Kind::InvalidArguments, QStringLiteral("pattern is empty; give the text to find"));
        return;
    }
    await(m_client->findInFiles(m_sandbox, path, pattern),
          [this, path, pattern](const DaytonaResult &r) {
              if (!r.ok()) {
                  failWith(r, QStringLiteral("finding %1 in %2").arg(quoted(pattern), path));
                  return;
              }
              QJsonArray matches;
              for (const FindMatch &m : FindMatch::listFromJson(r.json().array())) {
                  const QString content = m.content.size() <= kMaxLineChars + 60
                      ? m.content // the local server's own cut and marker fit here
                      : m.content.left(kMaxLineChars)
                          + QStringLiteral(" [... %1 more characters of this line not shown]")
                                .arg(m.content.size() - kMaxLineChars);
                  matches.append(QJsonObject{{QStringLiteral("file"), m.file},
                                             {QStringLiteral("line"), m.line},
                                             {QStringLiteral("content"), content}});
              }
              QJsonObject result;
              result.insert(QStringLiteral("matches"),
                            capped(matches, r.notShown, QStringLiteral("matches"), &result));
              succeed(result);
          });
}

void ToolExecution::watch(const QString &root, bool recursive, qint64 durationMs,
                          const std::function<void(DirectoryWatcher *)> &done)
{
    auto *watcher = new DirectoryWatcher(m_client, m_sandbox, root, recursive, this);
    const QPointer<DirectoryWatcher> guarded(watcher);
    m_cancelPending = [guarded] {
        if (guarded)
            guarded->cancel();
    };
    connect(watcher, &DirectoryWatcher::finished, this,
            [this, watcher, root, done](const DaytonaResult &error) {
                m_cancelPending = {};
                watcher->deleteLater();
                if (m_status != Status::Running)
                    return;
                if (!error.ok()) {
                    failWith(error, QStringLiteral("watching %1").arg(root));
                    return;
                }
                done(watcher);
            });
    int interval = m_context.watchIntervalMs;
    if (interval <= 0)
        interval = int(qBound<qint64>(qint64(200), durationMs / 20, qint64(1000)));
    watcher->start(durationMs, interval);
}

void ToolExecution::watchDirectory()
{
    QString path;
    if (!resolvePath(QStringLiteral("path"), &path))
        return;
    const bool recursive = m_args.value(QStringLiteral("recursive")).toBool(false);
    const qint64 duration = qBound<qint64>(
        0, qint64(m_args.value(QStringLiteral("watchDuration")).toDouble(0)), qint64(300000));
    watch(path, recursive, duration, [this, path](DirectoryWatcher *watcher) {
        succeed({{QStringLiteral("watchStarted"), true},
                 {QStringLiteral("path"), path},
                 {QStringLiteral("events"), watcher->events()}});
    });
}
