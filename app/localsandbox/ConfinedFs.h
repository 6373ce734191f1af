// File operations on one sandbox's home directory from the host side, confined to it: every
// path is opened with openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS)
// below the home's directory fd, so "..", absolute paths and symlinks planted by sandboxed
// code cannot make a host-side read or write land outside (specs/security.md §1.7, T11).
#pragma once

#include "sandbox/SandboxTypes.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <sys/types.h>

class ConfinedFs final
{
public:
    struct Error
    {
        int httpStatus = 0; // 0 = no error
        QString message;
        bool isError() const { return httpStatus != 0; }
    };

    // homeDir: the host directory mounted as homeInSandbox ("/home/daytona"). When owner >= 0
    // (the server runs as root) created entries are given to that uid/gid.
    ConfinedFs(const QString &homeDir, const QString &homeInSandbox, int ownerUid = -1,
               int ownerGid = -1);

    // Sandbox path -> path relative to the home ("" = the home). Relative paths are relative
    // to the home; absolute ones must lie under it; ".." components are refused.
    bool relativePath(const QString &sandboxPath, QByteArray *relative, Error *error) const;

    QByteArray readFile(const QString &path, Error *error) const;
    bool writeFile(const QString &path, const QByteArray &content, Error *error) const;
    bool makeDirectories(const QString &path, mode_t mode, Error *error) const;
    FileInfo info(const QString &path, Error *error) const;
    // list, search and find answer at most this many results (sorted by name / found in
    // name order) and count the rest in *notShown; a matching line is cut to
    // kMaxMatchLineBytes with a marker saying how much was left out.
    static constexpr int kMaxListEntries = 10000;
    static constexpr int kMaxSearchResults = 1000;
    static constexpr int kMaxFindMatches = 1000;
    static constexpr int kMaxMatchLineBytes = 500;
    QList<FileInfo> list(const QString &path, Error *error, qint64 *notShown = nullptr) const;
    bool remove(const QString &path, bool recursive, Error *error) const;
    bool move(const QString &source, const QString &destination, Error *error) const;
    // Base-name glob, recursive; results are prefixed with the path as given.
    QStringList search(const QString &path, const QString &glob, Error *error,
                       qint64 *notShown = nullptr) const;
    // Literal substring per line, recursive, skipping binary files and files over 16 MiB.
    QList<FindMatch> find(const QString &path, const QString &text, Error *error,
                          qint64 *notShown = nullptr) const;
    // Removes the whole home (delete of a sandbox) without following any link.
    bool removeHome(Error *error) const;

private:
    int openRoot(Error *error) const;
    int openBeneath(int rootFd, const QByteArray &relative, int flags, mode_t mode, Error *error,
                    const QString &shownPath) const;
    int openParent(int rootFd, const QByteArray &relative, bool create, QByteArray *leaf,
                   Error *error, const QString &shownPath) const;
    FileInfo statAt(int dirFd, const QByteArray &name, Error *error,
                    const QString &shownPath) const;
    void giveToOwner(int dirFd, const QByteArray &name) const;

    QString m_home;
    QString m_homeInSandbox;
    int m_ownerUid;
    int m_ownerGid;
};
