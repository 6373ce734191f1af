// SandboxCgroup: detection and the files of /sys/fs/cgroup (cgroup v2 only).
#include "localsandbox/SandboxCgroup.h"

#include "core/Logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTimer>

#include <unistd.h>

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeText(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Unbuffered) && f.write(text) == text.size();
}

bool hasControllers(const QByteArray &list)
{
    const QList<QByteArray> words = list.simplified().split(' ');
    return words.contains("memory") && words.contains("cpu");
}

QString detect(QString *reason)
{
    if (!QFile::exists(QStringLiteral("/sys/fs/cgroup/cgroup.controllers"))) {
        *reason = QStringLiteral("no cgroup v2 at /sys/fs/cgroup (cgroup v1 or hybrid)");
        return QString();
    }
    QString own;
    for (const QByteArray &line : readAll(QStringLiteral("/proc/self/cgroup")).split('\n')) {
        if (line.startsWith("0::"))
            own = QString::fromUtf8(line.mid(3)).trimmed();
    }
    if (own.isEmpty()) {
        *reason = QStringLiteral("this process is in no cgroup v2");
        return QString();
    }
    const QString dir
        = QStringLiteral("/sys/fs/cgroup") + (own == QLatin1String("/") ? QString() : own);
    if (::access(QFile::encodeName(dir).constData(), W_OK) != 0
        || !hasControllers(readAll(dir + QStringLiteral("/cgroup.controllers")))) {
        *reason = QStringLiteral("the cgroup %1 is not delegated to this user with the memory "
                                 "and cpu controllers")
                      .arg(dir);
        return QString();
    }
    if (hasControllers(readAll(dir + QStringLiteral("/cgroup.subtree_control"))))
        return dir; // the root cgroup, or one already set up
    // Move this process into a leaf, then hand the controllers to the children.
    const QString leaf = dir + QStringLiteral("/server");
    QDir().mkpath(leaf);
    if (!writeText(leaf + QStringLiteral("/cgroup.procs"), QByteArray::number(::getpid()))) {
        *reason = QStringLiteral("cannot move the server into %1").arg(leaf);
        return QString();
    }
    if (!writeText(dir + QStringLiteral("/cgroup.subtree_control"), "+memory +cpu")) {
        writeText(dir + QStringLiteral("/cgroup.procs"), QByteArray::number(::getpid()));
        QDir().rmdir(leaf);
        *reason = QStringLiteral("cannot enable the memory and cpu controllers in %1 (other "
                                 "processes share it)")
                      .arg(dir);
        return QString();
    }
    return dir;
}

} // namespace

QString SandboxCgroup::base(QString *reason)
{
    static QString why;
    static const QString dir = [] {
        const QString d = detect(&why);
        if (d.isEmpty())
            qCInfo(lcLocalSandbox) << "sandbox limits use rlimits and nice:" << why;
        else
            qCInfo(lcLocalSandbox) << "sandbox limits use cgroup v2 under" << d;
        return d;
    }();
    if (reason)
        *reason = why;
    return dir;
}

QString SandboxCgroup::create(const QString &name, qint64 memoryBytes, double cpus)
{
    const QString root = base();
    if (root.isEmpty())
        return QString();
    const QString dir = root + QLatin1Char('/') + name;
    if (!QDir().mkdir(dir))
        return QString();
    bool ok = true;
    if (memoryBytes > 0) {
        ok = writeText(dir + QStringLiteral("/memory.max"), QByteArray::number(memoryBytes));
        writeText(dir + QStringLiteral("/memory.swap.max"), "0"); // absent without swap
    }
    // The weight of nice 10 (SandboxProcess::kNice; 100 is nice 0's): a sibling of the app's
    // cgroup would otherwise weigh as much as the whole app however nice its processes are.
    writeText(dir + QStringLiteral("/cpu.weight"), "10");
    if (ok && cpus > 0) {
        constexpr qint64 period = 100000;
        ok = writeText(dir + QStringLiteral("/cpu.max"),
                       QByteArray::number(qMax<qint64>(1000, qint64(cpus * period))) + ' '
                           + QByteArray::number(period));
    }
    if (!ok) {
        QDir().rmdir(dir);
        return QString();
    }
    return dir;
}

void SandboxCgroup::remove(const QString &dir)
{
    if (dir.isEmpty())
        return;
    writeText(dir + QStringLiteral("/cgroup.kill"), "1"); // stragglers of the pid namespace
    if (QDir().rmdir(dir))
        return;
    // The killed processes leave the cgroup a moment later.
    QTimer::singleShot(500, QCoreApplication::instance(), [dir] { QDir().rmdir(dir); });
}
