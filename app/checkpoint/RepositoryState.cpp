// RepositoryState: the stat cache, on disk as a QDataStream file.
#include "checkpoint/RepositoryState.h"

#include <QDataStream>
#include <QFile>

#include <cstdio>
#include <limits>

namespace {

constexpr quint32 kMagic = 0x53544331; // "STC1"

QString cacheFile(const QString &repo)
{
    return repo + QStringLiteral("/studio-statcache");
}

} // namespace

void RepositoryState::load()
{
    if (loaded)
        return;
    loaded = true;
    files.clear();
    QFile file(cacheFile(path));
    if (!file.open(QIODevice::ReadOnly))
        return;
    QDataStream in(&file);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    qint64 count = 0;
    in >> magic >> count;
    if (magic != kMagic || count < 0)
        return;
    files.reserve(qsizetype(count));
    for (qint64 i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
        QByteArray p;
        CachedFile f;
        in >> p >> f.size >> f.mtimeNs >> f.ctimeNs >> f.inode >> f.mode >> f.recordedNowNs
            >> f.blob;
        if (f.blob.size() == 20)
            files.insert(p, f);
    }
    if (in.status() != QDataStream::Ok)
        files.clear();
}

void RepositoryState::save() const
{
    const QString target = cacheFile(path);
    QFile file(target + QStringLiteral(".new"));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return;
    {
        QDataStream out(&file);
        out.setVersion(QDataStream::Qt_6_4);
        out << kMagic << qint64(files.size());
        for (auto it = files.cbegin(); it != files.cend(); ++it) {
            const CachedFile &f = it.value();
            out << it.key() << f.size << f.mtimeNs << f.ctimeNs << f.inode << f.mode
                << f.recordedNowNs << f.blob;
        }
        if (out.status() != QDataStream::Ok) {
            file.remove();
            return;
        }
    }
    file.close();
    ::rename(QFile::encodeName(file.fileName()).constData(), QFile::encodeName(target).constData());
}

GitOid RepositoryState::lookup(const ManifestEntry &e) const
{
    const auto it = files.constFind(e.path);
    if (it == files.cend())
        return {};
    const CachedFile &f = it.value();
    if (f.size != e.size || f.mtimeNs != e.mtimeNs || f.ctimeNs != e.ctimeNs || f.inode != e.inode
        || f.mode != e.mode)
        return {};
    // Saturating: a sandbox's clock (or a forged listing) may be anywhere.
    const qint64 trusted = f.recordedNowNs > std::numeric_limits<qint64>::min() + kRacyMarginNs
        ? f.recordedNowNs - kRacyMarginNs
        : std::numeric_limits<qint64>::min();
    if (f.mtimeNs >= trusted || f.ctimeNs >= trusted)
        return {};
    return f.blob;
}

CachedFile RepositoryState::fromEntry(const ManifestEntry &e, qint64 nowNs, const GitOid &blob)
{
    CachedFile f;
    f.size = e.size;
    f.mtimeNs = e.mtimeNs;
    f.ctimeNs = e.ctimeNs;
    f.inode = e.inode;
    f.mode = e.mode;
    f.recordedNowNs = nowNs;
    f.blob = blob;
    return f;
}

void RepositoryState::touchLastUsed() const
{
    QFile file(path + QStringLiteral("/studio-last-used"));
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(QByteArray::number(QDateTime::currentMSecsSinceEpoch()));
}
