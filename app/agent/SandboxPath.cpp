#include "SandboxPath.h"

#include <QStringList>

namespace SandboxPath {

Resolved resolve(const QString &input)
{
    const QString home = workingDirectory();
    if (input.contains(QChar(u'\0')))
        return {{}, QStringLiteral("the path contains a NUL character")};

    // Not trimmed: " notes.txt" and "notes.txt\n" are other files than notes.txt (legal names
    // that sandboxed code can make), and quietly using a neighbour would read or overwrite it.
    QString relative = input;
    if (relative == home || relative.startsWith(home + QLatin1Char('/')))
        relative = relative.mid(home.size());

    // Resolve "." and ".." ourselves: QDir::cleanPath would silently drop a leading "..".
    QStringList parts;
    for (const QString &part : relative.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (part == QLatin1String("."))
            continue;
        if (part == QLatin1String("..")) {
            if (parts.isEmpty())
                return {{},
                        QStringLiteral("path escapes the sandbox's working directory %1: %2")
                            .arg(home, input)};
            parts.removeLast();
            continue;
        }
        parts << part;
    }
    return {parts.isEmpty() ? home : home + QLatin1Char('/') + parts.join(QLatin1Char('/')), {}};
}

} // namespace SandboxPath
