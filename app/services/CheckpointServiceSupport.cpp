// Internal helpers of CheckpointService (see CheckpointServiceSupport.h).
#include "CheckpointServiceSupport.h"

#include "core/Logging.h"
#include "store/Store.h"

#include <QMap>
#include <QSet>

namespace CheckpointSupport {

void logFailure(const StoreStatus &status, const char *what)
{
    if (!status.ok())
        qCWarning(lcAgent).noquote() << "could not" << what << "-" << status.error();
}

QList<ThreadStep> threadSteps(Store &store, RowId threadId, QString *error)
{
    QList<ThreadStep> steps;
    const auto runs = store.listRuns(threadId);
    const auto messages = store.listMessages(threadId);
    if (!runs || !messages) {
        *error = !runs ? runs.error() : messages.error();
        return steps;
    }
    // The user message each run answered: the newest user message before the run's first
    // message that no earlier run answered (a continued run answers none).
    QHash<RowId, RowId> userOf;
    QHash<RowId, QString> textOf;
    RowId lastUser = 0;
    QSet<RowId> seenRuns;
    for (const MessageRecord &m : *messages) {
        if (m.role == MessageRole::User) {
            lastUser = m.id;
            textOf.insert(m.id, m.text());
            continue;
        }
        if (m.runId && !seenRuns.contains(m.runId)) {
            seenRuns.insert(m.runId);
            if (lastUser) {
                userOf.insert(m.runId, lastUser);
                lastUser = 0;
            }
        }
    }
    for (const RunRecord &run : *runs) {
        const auto runSteps = store.listSteps(run.id);
        if (!runSteps) {
            *error = runSteps.error();
            return {};
        }
        for (const StepRecord &s : *runSteps) {
            ThreadStep step;
            step.number = int(steps.size()) + 1;
            step.runId = run.id;
            step.stepIndex = s.index;
            step.userMessageId = userOf.value(run.id);
            step.userText = textOf.value(step.userMessageId);
            step.finishedAt = s.finishedAt;
            steps << step;
        }
    }
    return steps;
}

StepNumbers::StepNumbers(const QList<ThreadStep> &steps)
    : m_count(int(steps.size()))
{
    for (const ThreadStep &step : steps)
        m_numbers.insert({step.runId, step.stepIndex}, step.number);
}

int StepNumbers::number(RowId runId, int stepIndex) const
{
    return m_numbers.value({runId, stepIndex}, 0);
}

namespace {
bool inRepo(const CheckpointRecord &c, const QString &repoKey)
{
    return c.isUsable() && (repoKey.isEmpty() || c.repoKey == repoKey);
}
} // namespace

const CheckpointRecord *newestUsable(const QList<CheckpointRecord> &all, const QString &repoKey)
{
    for (auto it = all.crbegin(); it != all.crend(); ++it) {
        if (inRepo(*it, repoKey))
            return &*it;
    }
    return nullptr;
}

const CheckpointRecord *firstUsable(const QList<CheckpointRecord> &all, const QString &repoKey)
{
    for (const CheckpointRecord &c : all) {
        if (inRepo(c, repoKey))
            return &c;
    }
    return nullptr;
}

const CheckpointRecord *previousUsable(const QList<CheckpointRecord> &all, const QString &repoKey,
                                       RowId beforeId)
{
    const CheckpointRecord *found = nullptr;
    for (const CheckpointRecord &c : all) {
        if (c.id >= beforeId)
            break;
        if (inRepo(c, repoKey))
            found = &c;
    }
    return found;
}

const CheckpointRecord *stateAt(const QList<CheckpointRecord> &all, const StepNumbers &numbers,
                                const QString &repoKey, int step)
{
    const CheckpointRecord *found = nullptr;
    if (step > 0) {
        for (const CheckpointRecord &c : all) {
            if (!inRepo(c, repoKey) || !c.runId || c.kind == CheckpointKind::Rewind
                || c.kind == CheckpointKind::Saved)
                continue;
            const int n = numbers.number(c.runId, c.stepIndex);
            if (n >= 1 && n <= step)
                found = &c;
        }
    }
    // Step 0, or a step before the first checkpoint: the earliest state known.
    return found ? found : firstUsable(all, repoKey);
}

namespace {
FileChange::Kind kindFrom(const QString &name)
{
    if (name == QLatin1String("added"))
        return FileChange::Kind::Added;
    if (name == QLatin1String("deleted"))
        return FileChange::Kind::Deleted;
    if (name == QLatin1String("typechange"))
        return FileChange::Kind::TypeChanged;
    return FileChange::Kind::Modified;
}
} // namespace

QList<FileChangeRecord> fileRecords(const ChangeSet &changes, RowId toolCallId)
{
    QList<FileChangeRecord> files;
    for (const FileChange &change : changes.files) {
        if (change.newType == EntryType::Directory || change.oldType == EntryType::Directory) {
            if (change.kind != FileChange::Kind::TypeChanged)
                continue; // folders are shown through their files
        }
        FileChangeRecord f;
        f.toolCallId = toolCallId;
        f.path = change.displayPath();
        f.kind = FileChange::kindName(change.kind);
        f.linesAdded = change.additions;
        f.linesRemoved = change.deletions;
        f.size = change.kind == FileChange::Kind::Deleted ? change.oldSize : change.newSize;
        f.binary = change.binary;
        files << f;
    }
    return files;
}

ChangeSet changesFromStore(Store &store, const QList<CheckpointRecord> &all, RowId fromId,
                           RowId toId, const QString &repoKey)
{
    ChangeSet set;
    QSet<RowId> inRange;
    for (const CheckpointRecord &c : all) {
        if (c.repoKey == repoKey && c.id > fromId && c.id <= toId)
            inRange.insert(c.id);
    }
    if (all.isEmpty())
        return set;
    const auto files = store.changedFiles(all.constFirst().threadId);
    if (!files)
        return set;
    // Per path: the first change's kind decides added/deleted; the counts add up.
    QMap<QString, FileChange> byPath;
    for (const FileChangeRecord &f : *files) {
        if (!inRange.contains(f.checkpointId))
            continue;
        auto it = byPath.find(f.path);
        if (it == byPath.end()) {
            FileChange change;
            change.path = f.path.toUtf8();
            change.kind = kindFrom(f.kind);
            change.binary = f.binary;
            it = byPath.insert(f.path, change);
        } else if (f.kind == QLatin1String("deleted")) {
            it->kind = it->kind == FileChange::Kind::Added ? FileChange::Kind::Added
                                                           : FileChange::Kind::Deleted;
        }
        it->additions += f.linesAdded;
        it->deletions += f.linesRemoved;
        it->newSize = f.size;
    }
    for (const FileChange &change : std::as_const(byPath))
        set.append(change);
    return set;
}

QString skippedNote(const QList<SkippedEntry> &skipped)
{
    QStringList parts;
    for (const SkippedEntry &entry : skipped.mid(0, 5))
        parts << entry.displayPath() + QStringLiteral(" (") + entry.reasonText() + QLatin1Char(')');
    QString note = QStringLiteral("skipped: ") + parts.join(QStringLiteral(", "));
    if (skipped.size() > 5)
        note += QStringLiteral(" and %1 more").arg(skipped.size() - 5);
    return note;
}

} // namespace CheckpointSupport
