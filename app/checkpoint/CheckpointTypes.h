// Value types of the checkpoint engine (app/checkpoint): what a capture, a restore, a diff and an
// export report. A checkpoint is named by a git tree id (40 hex digits) in the sandbox's own bare
// repository; paths are raw bytes relative to the sandbox home (Linux names need not be UTF-8),
// with displayPath() for the UI.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

// 40 hex digits of a checkpoint's tree; empty = "nothing" (an empty home), where a tree is taken.
using CheckpointId = QString;

namespace Checkpoints {
// Files over this size are recorded by size only ("huge"): not stored, not diffed, not restored.
inline constexpr qint64 kHugeFileBytes = qint64(64) << 20;
// The sandbox home every snapshot covers (Daytona's and the local server's).
inline constexpr char kHome[] = "/home/daytona";
// A raw path shown to a person: UTF-8 where it is UTF-8, \xNN for every other byte.
QString displayPath(const QByteArray &path);
} // namespace Checkpoints

// What a snapshot is made of. Git modes: File 0100644, Executable 0100755, Symlink 0120000.
enum class EntryType { None, File, Executable, Symlink, Directory, Huge };

// Something in the home a checkpoint did not store. A restore never touches such a path.
struct SkippedEntry
{
    enum class Reason {
        Fifo,
        Socket,
        Device,
        Unreadable, // a file or folder the sandbox made unreadable (chmod 000, ...)
        Huge, // over Checkpoints::kHugeFileBytes: recorded by size only
        Vanished, // listed, then gone before it could be read
        Failed // could not be read or written for another reason (message says which)
    };
    QByteArray path; // raw, relative to the home
    Reason reason = Reason::Failed;
    qint64 size = 0;
    QString message; // for Failed: what the server said

    QString displayPath() const { return Checkpoints::displayPath(path); }
    // "named pipe", "socket", "device", "unreadable", "huge (1.0 GiB)", ...
    QString reasonText() const;
};

struct CaptureResult
{
    CheckpointId treeId; // empty on error
    qint64 filesScanned = 0; // entries in the home's listing (files, folders, links, others)
    qint64 filesFetched = 0; // files whose content was downloaded (not known from the stat cache)
    qint64 bytesFetched = 0;
    qint64 bytesStored = 0; // bytes this capture added to the repository on disk
    QList<SkippedEntry> skipped;
    qint64 elapsedMs = 0;
    QString manifestSource; // "route" (local server's files/manifest) or "find" (a command)
    QString error; // for a person: what happened and what to do

    bool ok() const { return error.isEmpty() && !treeId.isEmpty(); }
};

struct RestoreResult
{
    CheckpointId treeId; // the target
    qint64 filesWritten = 0;
    qint64 entriesDeleted = 0; // top-most paths removed (a folder counts once)
    qint64 foldersCreated = 0;
    qint64 linksCreated = 0;
    qint64 modesChanged = 0;
    // Paths of the target left as they are: huge or unreadable when captured, or a write or
    // delete the sandbox refused (Failed, with the server's message).
    QList<SkippedEntry> notRestored;
    qint64 elapsedMs = 0;
    QString error; // the restore did not finish; running it again completes it (idempotent)

    bool ok() const { return error.isEmpty(); }
};

struct DiffLine
{
    char origin = ' '; // ' ' context, '+' added, '-' removed
    int oldLine = -1; // 1-based; -1 for an added line
    int newLine = -1; // 1-based; -1 for a removed line
    QByteArray text; // without the line end
    bool noNewlineAtEnd = false;
};

struct DiffHunk
{
    int oldStart = 0;
    int oldLines = 0;
    int newStart = 0;
    int newLines = 0;
    QByteArray header; // "@@ -1,3 +1,4 @@ def f():"
    QList<DiffLine> lines;
};

struct FileChange
{
    enum class Kind { Added, Modified, Deleted, TypeChanged };

    QByteArray path; // raw, relative to the home
    Kind kind = Kind::Modified;
    EntryType oldType = EntryType::None;
    EntryType newType = EntryType::None;
    qint64 oldSize = 0;
    qint64 newSize = 0;
    QString oldBlob; // git blob ids; empty where there is no content (None, Huge)
    QString newBlob;
    int additions = 0; // lines; 0 for binary and huge files
    int deletions = 0;
    bool binary = false;
    bool huge = false; // either side over the size cap: noted by size only
    QByteArray oldLinkTarget; // symlinks: where the link pointed
    QByteArray newLinkTarget;
    QList<DiffHunk> hunks; // only when DiffOptions::hunks

    QString displayPath() const { return Checkpoints::displayPath(path); }
    // Same content, executable bit flipped (also true together with a content change).
    bool modeChanged() const;
    // "added", "modified", "deleted", "typechange" (git's words; JSON and the store use them).
    static QString kindName(Kind kind);
    // A, M, D, T as `git diff --name-status` prints them.
    static QString kindLetter(Kind kind);
};

struct DiffOptions
{
    bool hunks = false; // fill FileChange::hunks
    int contextLines = 3;
    QList<QByteArray> paths; // only these files or folders; empty = all
};

struct ChangeSet
{
    CheckpointId fromTreeId;
    CheckpointId toTreeId;
    QList<FileChange> files; // sorted by path
    int added = 0;
    int modified = 0;
    int deleted = 0;
    int typeChanged = 0;
    int additions = 0; // lines over all files
    int deletions = 0;
    qint64 elapsedMs = 0;
    QString error;

    bool ok() const { return error.isEmpty(); }

    // Appends a file and counts it in the totals above.
    void append(const FileChange &change);
};

// One path at a checkpoint ("revert this file", viewers).
struct FileAtTree
{
    QByteArray path;
    EntryType type = EntryType::None; // None: not in that checkpoint
    qint64 size = 0;
    QByteArray content; // file bytes, or a symlink's target; empty for Huge and Directory
    QString error;

    bool exists() const { return type != EntryType::None; }
    bool ok() const { return error.isEmpty(); }
};

struct ExportResult
{
    QByteArray patch; // exportPatch: a patch `git apply` accepts (paths relative to the home)
    QString archivePath; // exportArchive: the tar file written
    int files = 0; // files in the patch or archive
    qint64 bytes = 0; // size of the patch or archive
    QStringList leftOut; // huge files (display paths): in neither patch nor archive
    QString error;

    bool ok() const { return error.isEmpty(); }
};

struct RepositoryUsage
{
    QString repoKey;
    qint64 bytes = 0; // on disk
    int checkpoints = 0; // kept trees (refs)
    QDateTime lastUsed; // last capture or restore
};

struct StorageUsage
{
    QList<RepositoryUsage> repositories; // oldest lastUsed first
    qint64 totalBytes = 0;
    QString error;
};

struct CompactResult
{
    qint64 bytesBefore = 0;
    qint64 bytesAfter = 0;
    int kept = 0; // trees kept
    int dropped = 0; // trees no longer kept
    QString error;

    bool ok() const { return error.isEmpty(); }
};
