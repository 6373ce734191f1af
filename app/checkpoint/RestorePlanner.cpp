// RestorePlanner: the difference between a home now and a checkpoint, as steps.
#include "checkpoint/RestorePlanner.h"

#include "checkpoint/RepositoryState.h"
#include "checkpoint/ShellScript.h"
#include "checkpoint/SnapshotWriter.h"

#include <QHash>
#include <QSet>

namespace {

QByteArray parentOf(const QByteArray &path)
{
    const qsizetype slash = path.lastIndexOf('/');
    return slash < 0 ? QByteArray() : path.left(slash);
}

// 'D' folder, 'F' file, 'L' link, 'X' anything else (fifo, socket, device, .git).
char kindOf(const ManifestEntry &e)
{
    switch (e.type) {
    case 'd':
        return 'D';
    case 'f':
        return 'F';
    case 'l':
        return 'L';
    default:
        return 'X';
    }
}

char kindOf(quint32 gitMode)
{
    if (gitMode == 040000)
        return 'D';
    if (gitMode == 0120000)
        return 'L';
    return 'F';
}

SkippedEntry::Reason reasonOf(char letter)
{
    switch (letter) {
    case 'p':
        return SkippedEntry::Reason::Fifo;
    case 's':
        return SkippedEntry::Reason::Socket;
    case 'c':
        return SkippedEntry::Reason::Device;
    case 'u':
        return SkippedEntry::Reason::Unreadable;
    case 'H':
        return SkippedEntry::Reason::Huge;
    default:
        return SkippedEntry::Reason::Failed;
    }
}

bool under(const QByteArray &path, const QByteArray &prefix)
{
    return path == prefix
        || (path.size() > prefix.size() && path.startsWith(prefix) && path[prefix.size()] == '/');
}

} // namespace

RestorePlan RestorePlanner::plan(RepositoryState &state, const HomeManifest &current,
                                 const GitOid &checkpoint, const QList<QByteArray> &paths,
                                 QString *error)
{
    RestorePlan plan;
    state.load();
    GitRepository repo;
    if (!repo.open(state.path, false, error))
        return plan;
    GitOid homeTree;
    QList<SkippedRecord> skippedList;
    QList<TreeItem> items;
    if (!repo.readCheckpoint(checkpoint, &homeTree, &skippedList, error)
        || !repo.listTree(homeTree, &items, error))
        return plan;

    auto inScope = [&](const QByteArray &path) {
        if (paths.isEmpty())
            return true;
        for (const QByteArray &p : paths) {
            if (under(path, p))
                return true;
        }
        return false;
    };
    QHash<QByteArray, TreeItem> target;
    target.reserve(items.size());
    for (const TreeItem &t : std::as_const(items))
        target.insert(t.path, t);
    QHash<QByteArray, SkippedRecord> skipped;
    for (const SkippedRecord &r : std::as_const(skippedList))
        skipped.insert(r.path, r);
    auto skippedCovers = [&](const QByteArray &path) {
        for (QByteArray a = path; !a.isEmpty(); a = parentOf(a)) {
            if (skipped.contains(a))
                return true;
        }
        return false;
    };

    // The home now, without what lies inside folders the sandbox made unreadable.
    QHash<QByteArray, ManifestEntry> cur;
    QList<QByteArray> curOrder;
    QSet<QByteArray> unreadable;
    QSet<QByteArray> holdsProtected; // folders with a .git or an unreadable folder below
    for (const ManifestEntry &e : current.entries) {
        bool inside = false;
        for (QByteArray a = parentOf(e.path); !a.isEmpty() && !inside; a = parentOf(a))
            inside = unreadable.contains(a);
        if (inside)
            continue;
        cur.insert(e.path, e);
        curOrder.append(e.path);
        const bool isProtected
            = e.type == 'G' || (e.type == 'd' && !e.isReadable()) || skippedCovers(e.path);
        if (e.type == 'd' && !e.isReadable())
            unreadable.insert(e.path);
        if (isProtected) {
            for (QByteArray a = parentOf(e.path); !a.isEmpty(); a = parentOf(a))
                holdsProtected.insert(a);
        }
    }
    auto isProtected = [&](const ManifestEntry &e) {
        return e.type == 'G' || unreadable.contains(e.path) || skippedCovers(e.path);
    };

    // A folder of the checkpoint that something in scope needs, where something else stands now.
    QSet<QByteArray> mustGo;
    QSet<QByteArray> neededFolders;
    for (const TreeItem &t : std::as_const(items)) {
        if (!inScope(t.path))
            continue;
        if (kindOf(t.mode) == 'D')
            neededFolders.insert(t.path);
        for (QByteArray a = parentOf(t.path); !a.isEmpty(); a = parentOf(a)) {
            neededFolders.insert(a);
            const auto c = cur.constFind(a);
            if (c != cur.cend() && kindOf(*c) != 'D')
                mustGo.insert(a);
        }
    }

    // Deletes, parents first; what lies below a deleted folder goes with it.
    QSet<QByteArray> deleted;
    auto isDeleted = [&](const QByteArray &path) {
        for (QByteArray a = path; !a.isEmpty(); a = parentOf(a)) {
            if (deleted.contains(a))
                return true;
        }
        return false;
    };
    for (const QByteArray &path : std::as_const(curOrder)) {
        const ManifestEntry &e = cur[path];
        if ((!inScope(path) && !mustGo.contains(path)) || isDeleted(parentOf(path)))
            continue;
        const auto t = target.constFind(path);
        const bool mismatch
            = t == target.cend() || kindOf(e) == 'X' || kindOf(e) != kindOf(t->mode);
        if (!mismatch && !mustGo.contains(path))
            continue;
        if (isProtected(e)) {
            if (t != target.cend())
                plan.notRestored.append(
                    {path, SkippedEntry::Reason::Failed, 0,
                     QStringLiteral("left as it is: it is a .git or unreadable")});
            continue;
        }
        if (e.type == 'd' && holdsProtected.contains(path)) {
            // Emptied entry by entry below (its .git stays), so the folder itself stays.
            if (t != target.cend())
                plan.notRestored.append(
                    {path, SkippedEntry::Reason::Failed, 0,
                     QStringLiteral("a folder holding a .git or an unreadable folder stays")});
            continue;
        }
        deleted.insert(path);
        plan.deletes.append({path, e.type == 'd'});
    }
    auto existsAfter = [&](const QByteArray &path) -> const ManifestEntry * {
        const auto c = cur.constFind(path);
        return c == cur.cend() || isDeleted(path) ? nullptr : &*c;
    };

    // Folders: the deepest missing ones (mkdir -p makes the rest).
    QSet<QByteArray> missing;
    for (const QByteArray &f : std::as_const(neededFolders)) {
        const ManifestEntry *e = existsAfter(f);
        if (!e || e->type != 'd')
            missing.insert(f);
    }
    QSet<QByteArray> hasMissingChild;
    for (const QByteArray &f : std::as_const(missing))
        hasMissingChild.insert(parentOf(f));
    plan.foldersMissing = int(missing.size());
    for (const QByteArray &f : std::as_const(missing)) {
        if (!hasMissingChild.contains(f))
            plan.folders.append(f);
    }
    std::sort(plan.folders.begin(), plan.folders.end());

    // Files and links.
    for (const TreeItem &t : std::as_const(items)) {
        if (!inScope(t.path))
            continue;
        const char kind = kindOf(t.mode);
        const ManifestEntry *e = existsAfter(t.path);
        if (kind == 'F') {
            bool same = false;
            if (e && e->type == 'f')
                same = state.lookup(*e) == t.oid;
            const qint64 size = repo.objectSize(t.oid);
            const bool raw = !SnapshotWriter::isUtf8(t.path);
            if (!same)
                (raw ? plan.rawUploads : plan.uploads).append({t.path, t.oid, size});
            // An upload keeps an existing file's mode; a moved-in one has the new file's 0644.
            const bool isExec = e && e->type == 'f' && e->isExecutable() && (same || !raw);
            const bool wantExec = t.mode == 0100755;
            if (isExec != wantExec)
                plan.modes.append({t.path, wantExec});
        } else if (kind == 'L') {
            QByteArray linkTarget;
            repo.readBlob(t.oid, &linkTarget);
            if (!e || e->type != 'l' || e->linkTarget != linkTarget)
                plan.links.append({t.path, linkTarget});
        }
    }
    for (const SkippedRecord &r : std::as_const(skippedList)) {
        if (inScope(r.path) && !cur.contains(r.path))
            plan.notRestored.append({r.path, reasonOf(r.reason), r.size,
                                     QStringLiteral("not in the checkpoint, so not restored")});
    }
    return plan;
}

QString RestorePlanner::script(const RestorePlan &plan)
{
    if (plan.rawUploads.isEmpty() && plan.links.isEmpty() && plan.modes.isEmpty())
        return QString();
    ShellScript s;
    s.line("cd " + ShellScript::singleQuoted(Checkpoints::kHome) + " || exit 1");
    for (qsizetype i = 0; i < plan.rawUploads.size(); ++i) {
        const QByteArray w = s.word(plan.rawUploads[i].path);
        s.line("mv -f -- " + QByteArray(kTempPrefix) + QByteArray::number(i) + ' ' + w
               + " || echo 'FAIL m " + QByteArray::number(i) + "'");
    }
    for (qsizetype i = 0; i < plan.links.size(); ++i) {
        const QByteArray w = s.word(plan.links[i].path);
        const QByteArray target = s.word(plan.links[i].target);
        // A real folder in the way would get the link inside it: refuse instead.
        s.line("if [ -d " + w + " ] && [ ! -L " + w + " ]; then echo 'FAIL l "
               + QByteArray::number(i) + "'; else ln -sfn -- " + target + ' ' + w
               + " || echo 'FAIL l " + QByteArray::number(i) + "'; fi");
    }
    for (qsizetype i = 0; i < plan.modes.size(); ++i) {
        const QByteArray w = s.word(plan.modes[i].path);
        s.line("if [ -L " + w + " ]; then echo 'FAIL x " + QByteArray::number(i) + "'; else chmod "
               + (plan.modes[i].executable ? "+x" : "a-x") + " -- " + w + " || echo 'FAIL x "
               + QByteArray::number(i) + "'; fi");
    }
    return s.text();
}

QList<SkippedEntry> RestorePlanner::scriptFailures(const RestorePlan &plan,
                                                   const QByteArray &output)
{
    QList<SkippedEntry> out;
    for (const QByteArray &line : output.split('\n')) {
        if (!line.startsWith("FAIL "))
            continue;
        const QList<QByteArray> parts = line.split(' ');
        const int i = parts.value(2).toInt();
        const char kind = parts.value(1).isEmpty() ? '?' : parts.value(1).at(0);
        QByteArray path;
        QString what;
        if (kind == 'm' && i < plan.rawUploads.size()) {
            path = plan.rawUploads[i].path;
            what = QStringLiteral("could not be written");
        } else if (kind == 'l' && i < plan.links.size()) {
            path = plan.links[i].path;
            what = QStringLiteral("the symbolic link could not be made");
        } else if (kind == 'x' && i < plan.modes.size()) {
            path = plan.modes[i].path;
            what = QStringLiteral("the executable bit could not be set");
        } else {
            continue;
        }
        out.append({path, SkippedEntry::Reason::Failed, 0, what});
    }
    return out;
}
