// HomeManifest: the manifest format, its parser and the find command that prints it.
#include "checkpoint/HomeManifest.h"

#include <QFile>

#include <algorithm>
#include <charconv>
#include <limits>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

// "1700000000.123456789" (find's %T@ has 10 fraction digits, date's %N 9) -> nanoseconds.
bool parseTime(QByteArrayView text, qint64 *ns)
{
    const qsizetype dot = text.indexOf('.');
    const QByteArrayView whole = dot < 0 ? text : text.first(dot);
    qint64 seconds = 0;
    auto r = std::from_chars(whole.data(), whole.data() + whole.size(), seconds);
    if (whole.isEmpty() || r.ec != std::errc() || r.ptr != whole.data() + whole.size())
        return false;
    qint64 fraction = 0;
    if (dot >= 0) {
        QByteArrayView digits = text.sliced(dot + 1);
        if (digits.size() > 9)
            digits = digits.first(9);
        r = std::from_chars(digits.data(), digits.data() + digits.size(), fraction);
        if (digits.isEmpty() || r.ec != std::errc() || r.ptr != digits.data() + digits.size())
            return false;
        for (qsizetype i = digits.size(); i < 9; ++i)
            fraction *= 10;
    }
    *ns = HomeManifest::toNs(seconds, fraction);
    return true;
}

QByteArray timeText(qint64 ns)
{
    qint64 seconds = ns / 1000000000LL;
    qint64 fraction = ns % 1000000000LL;
    if (fraction < 0) {
        --seconds;
        fraction += 1000000000LL;
    }
    return QByteArray::number(seconds) + '.' + QByteArray::number(fraction).rightJustified(9, '0');
}

char typeOf(mode_t mode)
{
    if (S_ISREG(mode))
        return 'f';
    if (S_ISDIR(mode))
        return 'd';
    if (S_ISLNK(mode))
        return 'l';
    if (S_ISFIFO(mode))
        return 'p';
    if (S_ISSOCK(mode))
        return 's';
    if (S_ISCHR(mode))
        return 'c';
    if (S_ISBLK(mode))
        return 'b';
    return '?';
}

// Deeper than this is not listed (a folder chain that deep is an attack, not a project).
constexpr int kMaxDepth = 256;

void walkDir(int dirFd, const QByteArray &prefix, int depth, QByteArray *out)
{
    const int copy = ::openat(dirFd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (copy < 0)
        return;
    DIR *dir = ::fdopendir(copy);
    if (!dir) {
        ::close(copy);
        return;
    }
    QList<QByteArray> names;
    while (dirent *entry = ::readdir(dir)) {
        if (std::strcmp(entry->d_name, ".") != 0 && std::strcmp(entry->d_name, "..") != 0)
            names.append(QByteArray(entry->d_name));
    }
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    for (const QByteArray &name : std::as_const(names)) {
        struct stat st
        {
        };
        if (::fstatat(dirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue; // gone since readdir
        ManifestEntry e;
        e.type = name == ".git" ? 'G' : typeOf(st.st_mode);
        e.mode = st.st_mode & 07777;
        e.size = st.st_size;
        e.mtimeNs = HomeManifest::toNs(st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
        e.ctimeNs = HomeManifest::toNs(st.st_ctim.tv_sec, st.st_ctim.tv_nsec);
        e.inode = st.st_ino;
        e.path = prefix.isEmpty() ? name : prefix + '/' + name;
        if (e.type == 'l') {
            QByteArray target(qsizetype(qMax<off_t>(st.st_size, 1) + 1), Qt::Uninitialized);
            const ssize_t n
                = ::readlinkat(dirFd, name.constData(), target.data(), size_t(target.size()));
            e.linkTarget = n > 0 ? target.left(n) : QByteArray();
        }
        HomeManifest::appendRecord(out, e);
        if (e.type != 'd' || !e.isReadable() || depth >= kMaxDepth)
            continue;
        // O_NOFOLLOW: a folder swapped for a link since the stat is not entered.
        const int child
            = ::openat(dirFd, name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (child < 0)
            continue;
        walkDir(child, e.path, depth + 1, out);
        ::close(child);
    }
}

} // namespace

QByteArray HomeManifest::walk(const QString &homeDir, QString *error)
{
    const int root = ::open(QFile::encodeName(homeDir).constData(),
                            O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (root < 0) {
        *error = QStringLiteral("not found: the sandbox's files are gone");
        return {};
    }
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    QByteArray out = header(toNs(now.tv_sec, now.tv_nsec));
    walkDir(root, QByteArray(), 0, &out);
    ::close(root);
    return out;
}

qint64 HomeManifest::toNs(qint64 seconds, qint64 nanoseconds)
{
    // A file dated in the year 3000 (touch -d) must not overflow: times saturate.
    constexpr qint64 limit = std::numeric_limits<qint64>::max() / 1000000000LL - 1;
    if (seconds > limit)
        return std::numeric_limits<qint64>::max();
    if (seconds < -limit)
        return std::numeric_limits<qint64>::min();
    return seconds * 1000000000LL + nanoseconds;
}

QByteArray HomeManifest::header(qint64 nowNs)
{
    QByteArray out(kMagic);
    out.append('\0');
    out.append(timeText(nowNs));
    out.append('\0');
    return out;
}

void HomeManifest::appendRecord(QByteArray *out, const ManifestEntry &e)
{
    // The numbers are formatted into one buffer: tens of thousands of records, no allocations.
    char buffer[160];
    char *p = buffer;
    char *const end = buffer + sizeof buffer;
    auto field = [&](auto value, int base) {
        p = std::to_chars(p, end, value, base).ptr;
        *p++ = '\0';
    };
    auto time = [&](qint64 ns) {
        // Floor division: a time before 1970 still has a fraction of 0..999999999.
        qint64 seconds = ns / 1000000000LL;
        qint64 fraction = ns % 1000000000LL;
        if (fraction < 0) {
            --seconds;
            fraction += 1000000000LL;
        }
        p = std::to_chars(p, end, seconds).ptr;
        *p++ = '.';
        char digits[9];
        for (int i = 8; i >= 0; --i, fraction /= 10)
            digits[i] = char('0' + fraction % 10);
        std::memcpy(p, digits, 9);
        p += 9;
        *p++ = '\0';
    };
    *p++ = e.type;
    *p++ = '\0';
    field(e.mode, 8);
    field(e.size, 10);
    time(e.mtimeNs);
    time(e.ctimeNs);
    field(e.inode, 10);
    out->append(buffer, p - buffer);
    out->append(e.path);
    out->append('\0');
    out->append(e.linkTarget);
    out->append('\0');
}

bool HomeManifest::parse(const QByteArray &bytes, HomeManifest *manifest, QString *error)
{
    manifest->entries.clear();
    manifest->entries.reserve(bytes.count('\0') / 8);
    const char *const begin = bytes.constData();
    const char *const end = begin + bytes.size();
    const char *pos = begin;
    // Fields are views into bytes: only paths and link targets are copied.
    auto next = [&](QByteArrayView *field) {
        const char *nul = static_cast<const char *>(std::memchr(pos, 0, size_t(end - pos)));
        if (!nul)
            return false;
        *field = QByteArrayView(pos, nul - pos);
        pos = nul + 1;
        return true;
    };
    auto number = [](QByteArrayView text, auto *out, int base) {
        const auto r = std::from_chars(text.data(), text.data() + text.size(), *out, base);
        return r.ec == std::errc() && r.ptr == text.data() + text.size() && !text.isEmpty();
    };
    QByteArrayView magic;
    QByteArrayView now;
    if (!next(&magic) || magic != QByteArrayView(kMagic) || !next(&now)
        || !parseTime(now.toByteArray(), &manifest->nowNs)) {
        *error = QStringLiteral("the sandbox's file listing is not in the expected format");
        return false;
    }
    QByteArrayView f[8];
    while (pos < end) {
        for (QByteArrayView &field : f) {
            if (!next(&field)) {
                *error = QStringLiteral("the sandbox's file listing was cut off");
                return false;
            }
        }
        ManifestEntry e;
        bool ok = f[0].size() == 1;
        e.type = ok ? f[0].at(0) : '?';
        quint32 mode = 0;
        ok = ok && number(f[1], &mode, 8);
        e.mode = mode & 07777;
        ok = ok && number(f[2], &e.size, 10) && parseTime(f[3], &e.mtimeNs)
            && parseTime(f[4], &e.ctimeNs) && number(f[5], &e.inode, 10);
        if (!ok || f[6].isEmpty() || f[6].startsWith('/') || f[6].contains("//")) {
            *error = QStringLiteral("the sandbox's file listing has an unreadable entry");
            return false;
        }
        e.path = f[6].toByteArray();
        if (!f[7].isEmpty())
            e.linkTarget = f[7].toByteArray();
        if (!std::strchr("fdlpscbG", e.type))
            e.type = '?';
        manifest->entries.append(std::move(e));
    }
    return true;
}

QString HomeManifest::findCommand(const QString &home)
{
    // %y type, %m mode (octal), %s size, %T@/%C@ mtime/ctime, %i inode, %P path below the
    // start point, %l link target. A .git is printed as 'G' and pruned.
    return QStringLiteral(
               "cd '%1' && { printf '%2\\0%s\\0' \"$(date +%s.%N)\"; "
               "find . -mindepth 1 \\( -name .git -printf "
               "'G\\0%m\\0%s\\0%T@\\0%C@\\0%i\\0%P\\0\\0' "
               "-prune \\) -o -printf '%y\\0%m\\0%s\\0%T@\\0%C@\\0%i\\0%P\\0%l\\0' 2>/dev/null; "
               "} | base64 -w0")
        .arg(home, QLatin1String(kMagic));
}

bool HomeManifest::parseFindOutput(const QByteArray &output, HomeManifest *manifest, QString *error)
{
    const auto decoded
        = QByteArray::fromBase64Encoding(output.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        *error = QStringLiteral("the sandbox's file listing could not be decoded (are GNU find "
                                "and base64 installed in the sandbox?)");
        return false;
    }
    return parse(*decoded, manifest, error);
}
