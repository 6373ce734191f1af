// The listing of a sandbox home that a capture or restore starts from: one record per entry
// (type, mode, size, mtime, ctime, inode, raw path, link target), every field NUL-terminated, after
// a header with the sandbox's clock. Two producers write the same bytes: the local server's
// GET {toolbox}/{id}/files/manifest (ConfinedFs::manifest, no process started) and, for Daytona,
// a `find -printf` command run through the toolbox (findCommand, base64 so raw names survive
// JSON). Entries named .git are listed as type 'G' and never descended into.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

struct ManifestEntry
{
    // 'f' file, 'd' folder, 'l' symlink, 'p' fifo, 's' socket, 'c'/'b' device, 'G' a .git
    // (not descended), '?' anything else
    char type = '?';
    quint32 mode = 0; // permission bits (07777)
    qint64 size = 0;
    qint64 mtimeNs = 0;
    qint64 ctimeNs = 0;
    quint64 inode = 0;
    QByteArray path; // relative to the home, raw bytes, no leading "./"
    QByteArray linkTarget; // symlinks only, raw

    bool isExecutable() const { return mode & 0100; }
    // The sandbox user can read a file (u+r) or list a folder (u+rx): what `find` as that user
    // sees, applied to the local server's walk as well so both sources agree.
    bool isReadable() const { return type == 'd' ? (mode & 0500) == 0500 : (mode & 0400) != 0; }
};

struct HomeManifest
{
    qint64 nowNs = 0; // the sandbox's clock just before the walk (racy-entry detection)
    QList<ManifestEntry> entries; // in walk order: a folder before what it contains

    static constexpr char kMagic[] = "STUDIO-MANIFEST-1";
    // Parses the bytes either producer wrote. False and *error when they are not a manifest.
    static bool parse(const QByteArray &bytes, HomeManifest *manifest, QString *error);
    // The header, then one record per entry: what the producers append.
    static QByteArray header(qint64 nowNs);
    // seconds and nanoseconds -> nanoseconds, saturating far from 1970.
    static qint64 toNs(qint64 seconds, qint64 nanoseconds);
    static void appendRecord(QByteArray *out, const ManifestEntry &entry);
    // The shell command that prints a manifest of `home` in base64 (one line): GNU find and
    // coreutils, as in Daytona's images. Errors (unreadable folders) go to /dev/null.
    static QString findCommand(const QString &home);
    // The local server's producer: walks the host folder mounted as the home (never following a
    // link, each folder opened beneath its parent) and returns the manifest bytes; empty and
    // *error if the home cannot be opened.
    static QByteArray walk(const QString &homeDir, QString *error);
    // Decodes what findCommand printed (the execute result) and parses it.
    static bool parseFindOutput(const QByteArray &output, HomeManifest *manifest, QString *error);
};
