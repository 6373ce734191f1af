// SnapshotWriter: manifest -> plan -> blobs -> trees -> checkpoint.
#include "checkpoint/SnapshotWriter.h"

#include "checkpoint/CheckpointLog.h"
#include "checkpoint/RepositoryState.h"
#include "checkpoint/ShellScript.h"

#include <QElapsedTimer>
#include <QStringDecoder>

#include <algorithm>

namespace {

char reasonLetter(SkippedEntry::Reason r)
{
    switch (r) {
    case SkippedEntry::Reason::Fifo:
        return 'p';
    case SkippedEntry::Reason::Socket:
        return 's';
    case SkippedEntry::Reason::Device:
        return 'c';
    case SkippedEntry::Reason::Unreadable:
        return 'u';
    case SkippedEntry::Reason::Huge:
        return 'H';
    case SkippedEntry::Reason::Vanished:
        return 'v';
    case SkippedEntry::Reason::Failed:
        return 'x';
    }
    return 'x';
}

QByteArray parentOf(const QByteArray &path)
{
    const qsizetype slash = path.lastIndexOf('/');
    return slash < 0 ? QByteArray() : path.left(slash);
}

} // namespace

bool SnapshotWriter::isUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    return !decoder.hasError() && !text.contains(QChar::ReplacementCharacter);
}

CapturePlan SnapshotWriter::plan(RepositoryState &state, const HomeManifest &manifest)
{
    state.load();
    CapturePlan p;
    p.manifest = manifest;
    auto skip = [&](const ManifestEntry &e, SkippedEntry::Reason reason, bool record) {
        p.skipped.append({e.path, reason, e.size, QString()});
        if (record)
            p.skippedRecords.append({reasonLetter(reason), e.size, e.mtimeNs, e.path});
    };
    for (const ManifestEntry &e : manifest.entries) {
        // Inside a folder that is left out (unreadable; a listing as root may still show it).
        if (!p.leftOut.isEmpty()) {
            bool inside = false;
            for (QByteArray a = parentOf(e.path); !a.isEmpty(); a = parentOf(a)) {
                if (p.leftOut.contains(a)) {
                    inside = true;
                    break;
                }
            }
            if (inside)
                continue;
        }
        switch (e.type) {
        case 'G':
            break; // the user's or the agent's own repository: theirs, never in a snapshot
        case 'd':
            if (!e.isReadable()) {
                p.leftOut.insert(e.path);
                skip(e, SkippedEntry::Reason::Unreadable, true);
            }
            break;
        case 'l':
            break; // the target travels in the listing
        case 'f': {
            if (e.size > Checkpoints::kHugeFileBytes) {
                skip(e, SkippedEntry::Reason::Huge, true);
                break;
            }
            if (!e.isReadable()) {
                skip(e, SkippedEntry::Reason::Unreadable, true);
                break;
            }
            const GitOid blob = state.lookup(e);
            if (!blob.isEmpty()) {
                p.known.insert(e.path, blob);
                break;
            }
            (isUtf8(e.path) ? p.fetch : p.fetchRaw).append(e);
            p.fetchBytes += e.size;
            break;
        }
        case 'p':
            skip(e, SkippedEntry::Reason::Fifo, true);
            break;
        case 's':
            skip(e, SkippedEntry::Reason::Socket, true);
            break;
        case 'c':
        case 'b':
            skip(e, SkippedEntry::Reason::Device, true);
            break;
        default:
            skip(e, SkippedEntry::Reason::Failed, true);
            break;
        }
    }
    return p;
}

StoredFiles SnapshotWriter::store(RepositoryState &state, const CapturePlan &plan,
                                  const QList<FetchedFile> &files, QString *error)
{
    StoredFiles out;
    QHash<QByteArray, qint64> listedSize;
    for (const ManifestEntry &e : plan.fetch)
        listedSize.insert(e.path, e.size);
    for (const ManifestEntry &e : plan.fetchRaw)
        listedSize.insert(e.path, e.size);
    GitRepository repo;
    if (!repo.open(state.path, true, error))
        return out;
    for (const FetchedFile &f : files) {
        if (f.status != 0) {
            const SkippedEntry::Reason reason = f.status == 404 || f.status == 400
                ? SkippedEntry::Reason::Vanished
                : f.status == 403 ? SkippedEntry::Reason::Unreadable
                                  : SkippedEntry::Reason::Failed;
            out.failed.append({f.path, reason, 0, f.message});
            continue;
        }
        const GitOid blob = repo.writeBlob(f.content, &out.bytesStored);
        if (blob.isEmpty()) {
            out.failed.append({f.path, SkippedEntry::Reason::Failed, f.content.size(),
                               QStringLiteral("could not be stored")});
            continue;
        }
        out.blobs.insert(f.path, blob);
        if (listedSize.value(f.path, -1) == f.content.size())
            out.exact.insert(f.path);
        out.bytesFetched += f.content.size();
    }
    return out;
}

CaptureResult SnapshotWriter::finish(RepositoryState &state, const CapturePlan &plan,
                                     const StoredFiles &stored)
{
    QElapsedTimer timer;
    timer.start();
    CaptureResult result;
    result.filesScanned = plan.manifest.entries.size();
    result.filesFetched = stored.blobs.size();
    result.bytesStored = stored.bytesStored;
    result.skipped = plan.skipped;
    GitRepository repo;
    if (!repo.open(state.path, true, &result.error))
        return result;
    repo.setKnown(&state.knownTrees);
    QList<SkippedRecord> records = plan.skippedRecords;
    for (const SkippedEntry &f : stored.failed) {
        result.skipped.append(f);
        // Unreadable ones are remembered so that a restore leaves them alone; a file that
        // vanished is simply not there.
        if (f.reason == SkippedEntry::Reason::Unreadable
            || f.reason == SkippedEntry::Reason::Failed)
            records.append(
                {f.reason == SkippedEntry::Reason::Unreadable ? 'u' : 'x', f.size, 0, f.path});
    }
    // Folder -> its entries; "" is the home. A folder is in the snapshot when it is readable and
    // its parent is; anything whose parent is not is left out.
    QHash<QByteArray, QList<GitRepository::TreeEntry>> folders;
    folders.insert(QByteArray(), {});
    QList<QByteArray> folderOrder;
    QHash<QByteArray, CachedFile> cache;
    cache.reserve(plan.manifest.entries.size());
    for (const ManifestEntry &e : plan.manifest.entries) {
        const QByteArray parent = parentOf(e.path);
        const auto it = folders.find(parent);
        if (it == folders.end())
            continue;
        const QByteArray name = e.path.mid(parent.isEmpty() ? 0 : parent.size() + 1);
        if (e.type == 'd') {
            if (plan.leftOut.contains(e.path))
                continue;
            folders.insert(e.path, {});
            folderOrder.append(e.path);
        } else if (e.type == 'l') {
            const GitOid blob = repo.writeBlob(e.linkTarget, &result.bytesStored);
            if (!blob.isEmpty())
                it->append({name, 0120000, blob});
        } else if (e.type == 'f') {
            GitOid blob = plan.known.value(e.path);
            const bool fromCache = !blob.isEmpty();
            if (!fromCache)
                blob = stored.blobs.value(e.path);
            if (blob.isEmpty())
                continue; // huge, unreadable, vanished or failed: recorded above
            it->append({name, e.isExecutable() ? 0100755u : 0100644u, blob});
            if (fromCache)
                cache.insert(e.path, state.files.value(e.path));
            else if (stored.exact.contains(e.path))
                cache.insert(e.path, RepositoryState::fromEntry(e, plan.manifest.nowNs, blob));
        }
    }
    // Deepest folders first, each written once its subfolders are.
    std::sort(folderOrder.begin(), folderOrder.end(),
              [](const QByteArray &a, const QByteArray &b) { return a.count('/') > b.count('/'); });
    for (const QByteArray &folder : std::as_const(folderOrder)) {
        const GitOid tree = repo.writeTree(folders.take(folder), &result.bytesStored);
        const QByteArray parent = parentOf(folder);
        const QByteArray name = folder.mid(parent.isEmpty() ? 0 : parent.size() + 1);
        folders[parent].append({name, 040000, tree});
    }
    const GitOid home = repo.writeTree(folders.take(QByteArray()), &result.bytesStored);
    qCDebug(lcCheckpoint) << "trees written" << timer.elapsed() << "ms";
    std::sort(records.begin(), records.end(),
              [](const SkippedRecord &a, const SkippedRecord &b) { return a.path < b.path; });
    repo.setKnown(nullptr); // the checkpoint itself is always looked up (a kept ref may be gone)
    const GitOid checkpoint = repo.writeCheckpoint(home, records, &result.bytesStored);
    if (checkpoint.isEmpty()) {
        result.error = QStringLiteral("could not write the checkpoint into %1 (is the disk full?)")
                           .arg(state.path);
        return result;
    }
    if (!repo.keep(checkpoint, &result.error))
        return result;
    qCDebug(lcCheckpoint) << "checkpoint kept" << timer.elapsed() << "ms";
    state.files = std::move(cache); // saved by the caller once the result is out
    state.touchLastUsed();
    qCDebug(lcCheckpoint) << "stat cache saved" << timer.elapsed() << "ms";
    result.treeId = GitRepository::toHex(checkpoint);
    return result;
}

QString SnapshotWriter::rawFetchCommand(const QString &home, const QList<QByteArray> &paths)
{
    ShellScript script;
    script.line("cd " + ShellScript::singleQuoted(home.toUtf8()) + " || exit 1");
    for (const QByteArray &p : paths) {
        const QByteArray w = script.word(p);
        script.line("if [ -f " + w + " ] && [ ! -L " + w + " ] && [ -r " + w
                    + " ]; then printf 'OK\\n'; base64 -w0 < " + w
                    + "; printf '\\n'; else printf 'ERR\\n\\n'; fi");
    }
    return script.text();
}

QList<FetchedFile> SnapshotWriter::parseRawFetch(const QByteArray &output,
                                                 const QList<QByteArray> &paths)
{
    const QList<QByteArray> lines = output.split('\n');
    QList<FetchedFile> out;
    for (qsizetype i = 0; i < paths.size(); ++i) {
        FetchedFile f;
        f.path = paths[i];
        const QByteArray status = lines.value(2 * i);
        if (status == "OK") {
            const auto decoded = QByteArray::fromBase64Encoding(
                lines.value(2 * i + 1), QByteArray::AbortOnBase64DecodingErrors);
            if (decoded)
                f.content = *decoded;
            else
                f.status = 500;
        } else {
            f.status = status == "ERR" ? 404 : 500;
        }
        if (f.status != 0)
            f.message = QStringLiteral("could not be read through a command");
        out.append(f);
    }
    return out;
}
