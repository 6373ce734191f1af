// ProcessHardening: prctl and setrlimit.
#include "core/ProcessHardening.h"

#include <QStringList>

#include <cerrno>
#include <cstring>
#include <sys/prctl.h>
#include <sys/resource.h>

namespace ProcessHardening {

QString disableCoreDumps()
{
    QStringList failed;
    if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        failed
            << QStringLiteral("PR_SET_DUMPABLE: %1").arg(QString::fromLocal8Bit(strerror(errno)));
    // The soft limit only: programs started later (a browser opened from a link) may raise it.
    rlimit core{};
    if (::getrlimit(RLIMIT_CORE, &core) == 0)
        core.rlim_cur = 0;
    if (::setrlimit(RLIMIT_CORE, &core) != 0)
        failed << QStringLiteral("RLIMIT_CORE: %1").arg(QString::fromLocal8Bit(strerror(errno)));
    return failed.isEmpty()
        ? QString()
        : QStringLiteral("could not disable core dumps (%1); a crash could write keys held in "
                         "memory to a core file")
              .arg(failed.join(QStringLiteral(", ")));
}

bool isDumpable()
{
    return ::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 1;
}

} // namespace ProcessHardening
