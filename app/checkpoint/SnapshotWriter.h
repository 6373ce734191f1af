// The worker-thread steps of a capture: sort a home's manifest into what the stat cache knows,
// what must be fetched and what is skipped (plan), write fetched files as blobs (store), then
// write the trees, the skipped list and the checkpoint, keep it and update the cache (finish).
// Pure functions of their inputs and the repository; the network steps are CaptureJob's.
#pragma once

#include "checkpoint/CheckpointTypes.h"
#include "checkpoint/GitRepository.h"
#include "checkpoint/HomeManifest.h"

#include <QHash>
#include <QSet>

struct RepositoryState;

// One file as a download (or the fallback command) returned it.
struct FetchedFile
{
    QByteArray path;
    QByteArray content;
    int status = 0; // 0 ok, else the HTTP status of the error
    QString message;
};

struct CapturePlan
{
    HomeManifest manifest;
    QList<ManifestEntry> fetch; // names that travel as UTF-8 text (bulk download)
    QList<ManifestEntry> fetchRaw; // other names: read through a command
    QHash<QByteArray, GitOid> known; // path -> blob, from the stat cache
    QList<SkippedEntry> skipped;
    QList<SkippedRecord> skippedRecords; // what the checkpoint records of them
    QSet<QByteArray> leftOut; // folders whose contents are not in the snapshot
    qint64 fetchBytes = 0;
};

struct StoredFiles
{
    QHash<QByteArray, GitOid> blobs;
    QSet<QByteArray> exact; // fetched with the size the listing gave: safe to cache
    QList<SkippedEntry> failed;
    qint64 bytesFetched = 0;
    qint64 bytesStored = 0;
};

class SnapshotWriter final
{
public:
    static bool isUtf8(const QByteArray &bytes);
    static CapturePlan plan(RepositoryState &state, const HomeManifest &manifest);
    static StoredFiles store(RepositoryState &state, const CapturePlan &plan,
                             const QList<FetchedFile> &files, QString *error);
    // Writes and keeps the checkpoint; fills treeId, counts, skipped and bytesStored.
    static CaptureResult finish(RepositoryState &state, const CapturePlan &plan,
                                const StoredFiles &stored);
    // The command that prints, for each path, "OK\n<base64>\n" or "ERR\n\n" (names that are not
    // UTF-8 cannot travel in a download request's JSON).
    static QString rawFetchCommand(const QString &home, const QList<QByteArray> &paths);
    static QList<FetchedFile> parseRawFetch(const QByteArray &output,
                                            const QList<QByteArray> &paths);
};
