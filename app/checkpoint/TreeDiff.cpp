// TreeDiff: libgit2 diffs and patches, libarchive tars.
#include "checkpoint/TreeDiff.h"

#include "checkpoint/GitRepository.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>

#include <archive.h>
#include <archive_entry.h>
#include <git2.h>

#include <ctime>

namespace {

bool under(const QByteArray &path, const QByteArray &prefix)
{
    return path == prefix
        || (path.size() > prefix.size() && path.startsWith(prefix) && path[prefix.size()] == '/');
}

bool selected(const QList<QByteArray> &paths, const QByteArray &path)
{
    if (paths.isEmpty())
        return true;
    for (const QByteArray &p : paths) {
        if (under(path, p))
            return true;
    }
    return false;
}

EntryType typeOf(quint32 mode)
{
    switch (mode) {
    case 0100644:
        return EntryType::File;
    case 0100755:
        return EntryType::Executable;
    case 0120000:
        return EntryType::Symlink;
    case 040000:
        return EntryType::Directory;
    default:
        return mode == 0 ? EntryType::None : EntryType::File;
    }
}

QString hexOf(const git_oid &oid)
{
    return git_oid_is_zero(&oid)
        ? QString()
        : QString::fromLatin1(
            QByteArray(reinterpret_cast<const char *>(oid.id), GIT_OID_RAWSZ).toHex());
}

// One side of a diff: the checkpoint's home tree (null for "empty") and its huge files.
struct Side
{
    git_tree *tree = nullptr;
    QHash<QByteArray, SkippedRecord> huge;
    ~Side()
    {
        if (tree)
            git_tree_free(tree);
    }
};

bool loadSide(GitRepository &repo, const CheckpointId &id, Side *side, QString *error)
{
    if (id.isEmpty())
        return true;
    const GitOid oid = GitRepository::fromHex(id);
    GitOid home;
    QList<SkippedRecord> skipped;
    if (oid.isEmpty() || !repo.readCheckpoint(oid, &home, &skipped, error)) {
        if (error->isEmpty() || oid.isEmpty())
            *error = QStringLiteral("%1 is not a checkpoint id").arg(id);
        return false;
    }
    for (const SkippedRecord &r : std::as_const(skipped)) {
        if (r.reason == 'H')
            side->huge.insert(r.path, r);
    }
    if (git_tree_lookup(&side->tree, repo.handle(),
                        reinterpret_cast<const git_oid *>(home.constData()))
        != 0) {
        *error = QStringLiteral("checkpoint %1 is damaged").arg(id);
        return false;
    }
    return true;
}

// Both sides and libgit2's diff of them; the common start of diff, patch and archive.
struct Comparison
{
    GitRepository repo;
    Side from;
    Side to;
    git_diff *diff = nullptr;
    ~Comparison()
    {
        if (diff)
            git_diff_free(diff);
    }
    bool open(const QString &repoPath, const CheckpointId &a, const CheckpointId &b, quint32 flags,
              int contextLines, QString *error)
    {
        if (!repo.open(repoPath, false, error) || !loadSide(repo, a, &from, error)
            || !loadSide(repo, b, &to, error))
            return false;
        git_diff_options options = GIT_DIFF_OPTIONS_INIT;
        options.flags = GIT_DIFF_INCLUDE_TYPECHANGE | flags;
        options.context_lines = quint32(qMax(0, contextLines));
        if (git_diff_tree_to_tree(&diff, repo.handle(), from.tree, to.tree, &options) != 0) {
            const git_error *e = git_error_last();
            *error = QStringLiteral("Could not compare the checkpoints: %1")
                         .arg(e ? QString::fromUtf8(e->message) : QString());
            return false;
        }
        return true;
    }
};

void fillHunks(git_patch *patch, FileChange *change)
{
    const size_t hunks = git_patch_num_hunks(patch);
    for (size_t h = 0; h < hunks; ++h) {
        const git_diff_hunk *hunk = nullptr;
        size_t lines = 0;
        if (git_patch_get_hunk(&hunk, &lines, patch, h) != 0)
            continue;
        DiffHunk out;
        out.oldStart = hunk->old_start;
        out.oldLines = hunk->old_lines;
        out.newStart = hunk->new_start;
        out.newLines = hunk->new_lines;
        out.header = QByteArray(hunk->header, qsizetype(hunk->header_len)).trimmed();
        for (size_t l = 0; l < lines; ++l) {
            const git_diff_line *line = nullptr;
            if (git_patch_get_line_in_hunk(&line, patch, h, l) != 0)
                continue;
            if (line->origin == GIT_DIFF_LINE_CONTEXT_EOFNL
                || line->origin == GIT_DIFF_LINE_ADD_EOFNL
                || line->origin == GIT_DIFF_LINE_DEL_EOFNL) {
                if (!out.lines.isEmpty())
                    out.lines.last().noNewlineAtEnd = true;
                continue;
            }
            DiffLine d;
            d.origin = line->origin == GIT_DIFF_LINE_ADDITION ? '+'
                : line->origin == GIT_DIFF_LINE_DELETION      ? '-'
                                                              : ' ';
            d.oldLine = line->old_lineno;
            d.newLine = line->new_lineno;
            d.text = QByteArray(line->content, qsizetype(line->content_len));
            if (d.text.endsWith('\n'))
                d.text.chop(1);
            out.lines.append(d);
        }
        change->hunks.append(out);
    }
}

FileChange hugeChange(const QByteArray &path, FileChange::Kind kind)
{
    FileChange c;
    c.path = path;
    c.kind = kind;
    c.huge = true;
    return c;
}

} // namespace

ChangeSet TreeDiff::diff(const QString &repoPath, const CheckpointId &from, const CheckpointId &to,
                         const DiffOptions &options)
{
    QElapsedTimer timer;
    timer.start();
    ChangeSet set;
    set.fromTreeId = from;
    set.toTreeId = to;
    Comparison c;
    if (!c.open(repoPath, from, to, 0, options.contextLines, &set.error))
        return set;
    QMap<QByteArray, FileChange> changes;
    const size_t count = git_diff_num_deltas(c.diff);
    for (size_t i = 0; i < count; ++i) {
        const git_diff_delta *delta = git_diff_get_delta(c.diff, i);
        FileChange f;
        f.path = QByteArray(delta->status == GIT_DELTA_DELETED ? delta->old_file.path
                                                               : delta->new_file.path);
        if (!selected(options.paths, f.path))
            continue;
        switch (delta->status) {
        case GIT_DELTA_ADDED:
            f.kind = FileChange::Kind::Added;
            break;
        case GIT_DELTA_DELETED:
            f.kind = FileChange::Kind::Deleted;
            break;
        case GIT_DELTA_TYPECHANGE:
            f.kind = FileChange::Kind::TypeChanged;
            break;
        default:
            f.kind = FileChange::Kind::Modified;
            break;
        }
        f.oldType
            = delta->status == GIT_DELTA_ADDED ? EntryType::None : typeOf(delta->old_file.mode);
        f.newType
            = delta->status == GIT_DELTA_DELETED ? EntryType::None : typeOf(delta->new_file.mode);
        f.oldBlob = hexOf(delta->old_file.id);
        f.newBlob = hexOf(delta->new_file.id);
        const GitOid oldId = GitRepository::fromHex(f.oldBlob);
        const GitOid newId = GitRepository::fromHex(f.newBlob);
        f.oldSize = oldId.isEmpty() ? 0 : c.repo.objectSize(oldId);
        f.newSize = newId.isEmpty() ? 0 : c.repo.objectSize(newId);
        if (f.oldType == EntryType::Symlink)
            c.repo.readBlob(oldId, &f.oldLinkTarget);
        if (f.newType == EntryType::Symlink)
            c.repo.readBlob(newId, &f.newLinkTarget);
        git_patch *patch = nullptr;
        if (git_patch_from_diff(&patch, c.diff, i) == 0 && patch) {
            const git_diff_delta *loaded = git_patch_get_delta(patch);
            f.binary = loaded->flags & GIT_DIFF_FLAG_BINARY;
            if (!f.binary) {
                size_t context = 0, additions = 0, deletions = 0;
                git_patch_line_stats(&context, &additions, &deletions, patch);
                f.additions = int(additions);
                f.deletions = int(deletions);
                if (options.hunks)
                    fillHunks(patch, &f);
            }
            git_patch_free(patch);
        }
        changes.insert(f.path, f);
    }
    // Huge files are in neither tree, only in the skipped lists: merge them in by path.
    auto merge = [&](const QByteArray &path) {
        if (!selected(options.paths, path))
            return;
        const auto a = c.from.huge.constFind(path);
        const auto b = c.to.huge.constFind(path);
        const bool inA = a != c.from.huge.cend();
        const bool inB = b != c.to.huge.cend();
        FileChange f;
        if (inA && inB) {
            if (a->size == b->size && a->mtimeNs == b->mtimeNs)
                return;
            f = hugeChange(path, FileChange::Kind::Modified);
        } else if (inB) {
            const auto existing = changes.constFind(path); // a file before, huge now
            f = hugeChange(path,
                           existing != changes.cend() ? FileChange::Kind::Modified
                                                      : FileChange::Kind::Added);
            if (existing != changes.cend()) {
                f.oldType = existing->oldType;
                f.oldSize = existing->oldSize;
                f.oldBlob = existing->oldBlob;
            }
        } else {
            const auto existing = changes.constFind(path); // huge before, a file now
            f = hugeChange(path,
                           existing != changes.cend() ? FileChange::Kind::Modified
                                                      : FileChange::Kind::Deleted);
            if (existing != changes.cend()) {
                f.newType = existing->newType;
                f.newSize = existing->newSize;
                f.newBlob = existing->newBlob;
            }
        }
        if (inA) {
            f.oldType = EntryType::Huge;
            f.oldSize = a->size;
        }
        if (inB) {
            f.newType = EntryType::Huge;
            f.newSize = b->size;
        }
        changes.insert(path, f);
    };
    for (auto it = c.from.huge.cbegin(); it != c.from.huge.cend(); ++it)
        merge(it.key());
    for (auto it = c.to.huge.cbegin(); it != c.to.huge.cend(); ++it) {
        if (!c.from.huge.contains(it.key()))
            merge(it.key());
    }
    for (const FileChange &f : std::as_const(changes))
        set.append(f);
    set.elapsedMs = timer.elapsed();
    return set;
}

ExportResult TreeDiff::patch(const QString &repoPath, const CheckpointId &from,
                             const CheckpointId &to, const QList<QByteArray> &paths)
{
    ExportResult result;
    Comparison c;
    if (!c.open(repoPath, from, to, GIT_DIFF_SHOW_BINARY, 3, &result.error))
        return result;
    const size_t count = git_diff_num_deltas(c.diff);
    for (size_t i = 0; i < count; ++i) {
        const git_diff_delta *delta = git_diff_get_delta(c.diff, i);
        const QByteArray path(delta->status == GIT_DELTA_DELETED ? delta->old_file.path
                                                                 : delta->new_file.path);
        if (!selected(paths, path))
            continue;
        git_patch *patch = nullptr;
        git_buf buf = GIT_BUF_INIT;
        if (git_patch_from_diff(&patch, c.diff, i) == 0 && patch
            && git_patch_to_buf(&buf, patch) == 0) {
            result.patch.append(buf.ptr, qsizetype(buf.size));
            ++result.files;
        }
        git_buf_dispose(&buf);
        git_patch_free(patch);
    }
    for (const Side *side : {&c.from, &c.to}) {
        for (auto it = side->huge.cbegin(); it != side->huge.cend(); ++it) {
            const QString shown = Checkpoints::displayPath(it.key());
            if (selected(paths, it.key()) && !result.leftOut.contains(shown))
                result.leftOut.append(shown);
        }
    }
    result.bytes = result.patch.size();
    return result;
}

ExportResult TreeDiff::archive(const QString &repoPath, const CheckpointId &from,
                               const CheckpointId &to, const QString &outputFile,
                               const QList<QByteArray> &paths)
{
    ExportResult result;
    DiffOptions options;
    options.paths = paths;
    const ChangeSet set = diff(repoPath, from, to, options);
    if (!set.ok()) {
        result.error = set.error;
        return result;
    }
    GitRepository repo;
    if (!repo.open(repoPath, false, &result.error))
        return result;
    struct archive *a = archive_write_new();
    archive_write_set_format_pax_restricted(a);
    const QByteArray file = QFile::encodeName(outputFile);
    if (archive_write_open_filename(a, file.constData()) != ARCHIVE_OK) {
        result.error = QStringLiteral("Could not write %1: %2")
                           .arg(outputFile, QString::fromLocal8Bit(archive_error_string(a)));
        archive_write_free(a);
        return result;
    }
    const time_t now = ::time(nullptr);
    for (const FileChange &f : set.files) {
        if (f.huge) {
            result.leftOut.append(f.displayPath());
            continue;
        }
        if (f.kind == FileChange::Kind::Deleted || f.newType == EntryType::None)
            continue;
        QByteArray content;
        if (!repo.readBlob(GitRepository::fromHex(f.newBlob), &content))
            continue;
        struct archive_entry *entry = archive_entry_new();
        archive_entry_copy_pathname(entry, f.path.constData());
        archive_entry_set_mtime(entry, now, 0);
        if (f.newType == EntryType::Symlink) {
            archive_entry_set_filetype(entry, AE_IFLNK);
            archive_entry_set_perm(entry, 0777);
            archive_entry_copy_symlink(entry, content.constData());
            archive_entry_set_size(entry, 0);
        } else {
            archive_entry_set_filetype(entry, AE_IFREG);
            archive_entry_set_perm(entry, f.newType == EntryType::Executable ? 0755 : 0644);
            archive_entry_set_size(entry, content.size());
        }
        const bool ok = archive_write_header(a, entry) >= ARCHIVE_WARN
            && (f.newType == EntryType::Symlink
                || archive_write_data(a, content.constData(), size_t(content.size())) >= 0);
        archive_entry_free(entry);
        if (!ok) {
            result.error = QStringLiteral("Could not write %1 into %2: %3")
                               .arg(f.displayPath(), outputFile,
                                    QString::fromLocal8Bit(archive_error_string(a)));
            break;
        }
        ++result.files;
    }
    if (archive_write_close(a) != ARCHIVE_OK && result.error.isEmpty())
        result.error = QStringLiteral("Could not finish %1: %2")
                           .arg(outputFile, QString::fromLocal8Bit(archive_error_string(a)));
    archive_write_free(a);
    result.archivePath = outputFile;
    result.bytes = QFile(outputFile).size();
    return result;
}

FileAtTree TreeDiff::fileAt(const QString &repoPath, const CheckpointId &tree,
                            const QByteArray &path)
{
    FileAtTree out;
    out.path = path;
    GitRepository repo;
    Side side;
    if (!repo.open(repoPath, false, &out.error) || !loadSide(repo, tree, &side, &out.error))
        return out;
    if (const auto huge = side.huge.constFind(path); huge != side.huge.cend()) {
        out.type = EntryType::Huge;
        out.size = huge->size;
        return out;
    }
    if (!side.tree)
        return out;
    git_tree_entry *entry = nullptr;
    if (git_tree_entry_bypath(&entry, side.tree, path.constData()) != 0)
        return out; // not in that checkpoint
    out.type = typeOf(quint32(git_tree_entry_filemode_raw(entry)));
    const GitOid oid(reinterpret_cast<const char *>(git_tree_entry_id(entry)->id), GIT_OID_RAWSZ);
    git_tree_entry_free(entry);
    if (out.type != EntryType::Directory && !repo.readBlob(oid, &out.content))
        out.error = QStringLiteral("the checkpoint's copy of %1 is missing")
                        .arg(Checkpoints::displayPath(path));
    out.size = out.content.size();
    return out;
}
