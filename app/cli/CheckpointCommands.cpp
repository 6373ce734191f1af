#include "CheckpointCommands.h"

#include "root/AppContext.h"
#include "services/ThreadService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <functional>

namespace {

void later(QObject *object, std::function<void()> work)
{
    QMetaObject::invokeMethod(object, std::move(work), Qt::QueuedConnection);
}

bool parseNumber(const QString &text, qint64 min, qint64 *value)
{
    bool ok = false;
    const qint64 n = text.toLongLong(&ok);
    if (!ok || n < min)
        return false;
    *value = n;
    return true;
}

// Runs next once the restores a crash interrupted are finished (at once when there are none).
void afterRecovery(AppContext &context, QObject *receiver, std::function<void()> next)
{
    CheckpointService &checkpoints = context.checkpoints();
    if (!checkpoints.isRecovering()) {
        later(receiver, std::move(next));
        return;
    }
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = QObject::connect(&checkpoints, &CheckpointService::recoveryFinished, receiver,
                                   [connection, next](int, const QString &) {
                                       QObject::disconnect(*connection);
                                       next();
                                   });
}

QString size(qint64 bytes)
{
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    if (bytes < (qint64(1) << 20))
        return QStringLiteral("%1 KiB").arg(double(bytes) / 1024, 0, 'f', 1);
    if (bytes < (qint64(1) << 30))
        return QStringLiteral("%1 MiB").arg(double(bytes) / (1 << 20), 0, 'f', 1);
    return QStringLiteral("%1 GiB").arg(double(bytes) / (1 << 30), 0, 'f', 1);
}

// "2 files changed, 5 insertions(+), 1 deletion(-)" as git says it.
QString summary(const ChangeSet &changes)
{
    const auto plural = [](qsizetype n) { return n == 1 ? QString() : QStringLiteral("s"); };
    const qsizetype n = changes.files.size();
    return QStringLiteral("%1 file%2 changed, %3 insertion%4(+), %5 deletion%6(-)")
        .arg(n)
        .arg(plural(n))
        .arg(changes.additions)
        .arg(plural(changes.additions))
        .arg(changes.deletions)
        .arg(plural(changes.deletions));
}

// What both commands start with: no arguments or --help print the help (exit 2 or 0), else
// the first argument must be a thread id. False when the command has finished already.
bool takeThread(const QStringList &arguments, const QString &command, const QString &help,
                QTextStream &out, const std::function<void(int, const QString &)> &finish,
                RowId *thread)
{
    if (arguments.isEmpty() || arguments.contains(QLatin1String("--help"))
        || arguments.contains(QLatin1String("-h"))) {
        out << help;
        finish(arguments.isEmpty() ? 2 : 0, QString());
        return false;
    }
    qint64 id = 0;
    if (!parseNumber(arguments.first(), 1, &id)) {
        finish(2,
               QStringLiteral("%1 takes a thread id first (see 'agent-studio threads list'), "
                              "not '%2'")
                   .arg(command, arguments.first()));
        return false;
    }
    *thread = id;
    return true;
}

} // namespace

// --- changes ---------------------------------------------------------------------------------

ChangesCommand::ChangesCommand(AppContext &context, QTextStream &out, QTextStream &err,
                               QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_out(out)
    , m_err(err)
{
}

QString ChangesCommand::helpText()
{
    return tr(
        "Usage: agent-studio changes THREAD [--from STEP] [--to STEP] [--format stat|patch|json]\n"
        "       agent-studio changes THREAD --last-run | --run RUN | --call TOOLCALL\n"
        "       agent-studio changes THREAD --steps\n"
        "\n"
        "What the agent changed in the thread's sandbox, from its checkpoints. Steps are\n"
        "numbered across the thread's runs (1, 2, ...; 0 is the thread's beginning): --from\n"
        "and --to pick the files as they were when those steps finished (default: from the\n"
        "beginning to now). --steps lists the steps with the files each one changed.\n"
        "\n"
        "  --format stat   one line per file: A/M/D/T, +lines -lines, path (default)\n"
        "  --format patch  a patch that `git apply` accepts\n"
        "  --format json   the files, their kinds and counts, as JSON\n"
        "\n"
        "Works after the sandbox was deleted, as long as the storage cap kept its checkpoints\n"
        "(otherwise the list of changed files is printed without a patch).\n");
}

void ChangesCommand::start(const QStringList &arguments)
{
    const auto usage = [this](const QString &message) { finish(2, message); };
    if (!takeThread(
            arguments, QStringLiteral("changes"), helpText(), m_out,
            [this](int code, const QString &error) { finish(code, error); }, &m_thread))
        return;
    int from = 0, to = -1;
    bool steps = false;
    for (int i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        const QString value = arguments.value(i + 1);
        qint64 n = 0;
        if (arg == QLatin1String("--from") || arg == QLatin1String("--to")) {
            if (!parseNumber(value, 0, &n)) {
                usage(QStringLiteral("%1 takes a step number (0 is the thread's beginning; "
                                     "--steps lists them)")
                          .arg(arg));
                return;
            }
            (arg == QLatin1String("--from") ? from : to) = int(n);
            steps = true;
            ++i;
        } else if (arg == QLatin1String("--run") || arg == QLatin1String("--call")) {
            if (!parseNumber(value, 1, &n)) {
                usage(QStringLiteral("%1 takes an id").arg(arg));
                return;
            }
            m_range
                = arg == QLatin1String("--run") ? ChangeRange::run(n) : ChangeRange::toolCall(n);
            ++i;
        } else if (arg == QLatin1String("--last-run")) {
            m_range = ChangeRange::lastRun();
        } else if (arg == QLatin1String("--steps")) {
            m_listSteps = true;
        } else if (arg == QLatin1String("--format")) {
            if (value != QLatin1String("stat") && value != QLatin1String("patch")
                && value != QLatin1String("json")) {
                usage(QStringLiteral("--format takes stat, patch or json"));
                return;
            }
            m_format = value;
            ++i;
        } else {
            usage(
                QStringLiteral("unknown option '%1'; see 'agent-studio changes --help'").arg(arg));
            return;
        }
    }
    if (steps)
        m_range = ChangeRange::steps(from, to);
    m_range.hunks = false;
    afterRecovery(m_context, this, [this] { run(); });
}

void ChangesCommand::run()
{
    if (const auto thread = m_context.threads().thread(m_thread); !thread) {
        finish(1, thread.error());
        return;
    }
    if (m_listSteps) {
        listSteps();
        return;
    }
    CheckpointService &checkpoints = m_context.checkpoints();
    if (m_format == QLatin1String("patch")) {
        connect(&checkpoints, &CheckpointService::exportFinished, this,
                [this](const ExportFinished &done) {
                    if (done.request != m_request)
                        return;
                    if (!done.error.isEmpty()) {
                        finish(1, done.error);
                        return;
                    }
                    m_out << QString::fromUtf8(done.patch);
                    for (const QString &path : done.leftOut)
                        m_err << "agent-studio: " << path
                              << " is too big for a patch and was left out\n";
                    finish(0);
                });
        m_request = checkpoints.exportPatch(m_thread, m_range, QString());
        return;
    }
    connect(&checkpoints, &CheckpointService::changesReady, this,
            [this](const ChangesResult &result) {
                if (result.request != m_request)
                    return;
                if (!result.error.isEmpty()) {
                    finish(1, result.error);
                    return;
                }
                print(result);
                finish(0);
            });
    m_request = checkpoints.requestChanges(m_thread, m_range);
}

void ChangesCommand::listSteps()
{
    CheckpointService &checkpoints = m_context.checkpoints();
    const auto steps = checkpoints.steps(m_thread);
    const auto byCall = checkpoints.changedFilesByCall(m_thread);
    if (!steps || !byCall) {
        finish(1, !steps ? steps.error() : byCall.error());
        return;
    }
    const auto toolCalls
        = [this](RowId runId) { return m_context.store().listToolCalls(runId).value(); };
    RowId lastRun = 0;
    QList<ToolCallRecord> calls;
    QHash<RowId, RowId> stepOfCall; // tool call -> step row
    for (const ThreadStep &step : *steps) {
        if (step.runId != lastRun) {
            lastRun = step.runId;
            calls = toolCalls(step.runId);
            if (step.userMessageId)
                m_out << "run " << step.runId << ": "
                      << step.userText.section(QLatin1Char('\n'), 0, 0).left(70) << '\n';
            else
                m_out << "run " << step.runId << " (continued)\n";
        }
        m_out << "  step " << step.number;
        if (step.filesChanged)
            m_out << ": " << step.filesChanged << " file(s), +" << step.linesAdded << " -"
                  << step.linesRemoved;
        m_out << '\n';
        const auto runSteps = m_context.store().listSteps(step.runId).value();
        RowId stepRow = 0;
        for (const StepRecord &s : runSteps) {
            if (s.index == step.stepIndex)
                stepRow = s.id;
        }
        for (const ToolCallRecord &call : std::as_const(calls)) {
            if (call.stepId != stepRow)
                continue;
            const QList<FileChangeRecord> files = byCall->value(call.id);
            for (const FileChangeRecord &f : files)
                m_out << "    " << call.name << " (call " << call.id << ") " << f.kind << ' '
                      << f.path << " +" << f.linesAdded << " -" << f.linesRemoved << '\n';
        }
    }
    if (steps->isEmpty())
        m_out << "thread " << m_thread << " has no steps yet\n";
    finish(0);
}

void ChangesCommand::print(const ChangesResult &result)
{
    const ChangeSet &changes = result.changes;
    if (m_format == QLatin1String("json")) {
        QJsonArray files;
        for (const FileChange &f : changes.files) {
            QJsonObject file{{QStringLiteral("path"), f.displayPath()},
                             {QStringLiteral("kind"), FileChange::kindName(f.kind)},
                             {QStringLiteral("additions"), f.additions},
                             {QStringLiteral("deletions"), f.deletions},
                             {QStringLiteral("binary"), f.binary},
                             {QStringLiteral("huge"), f.huge},
                             {QStringLiteral("oldSize"), f.oldSize},
                             {QStringLiteral("newSize"), f.newSize},
                             {QStringLiteral("modeChanged"), f.modeChanged()}};
            if (!f.oldLinkTarget.isEmpty() || !f.newLinkTarget.isEmpty()) {
                file.insert(QStringLiteral("oldLinkTarget"), QString::fromUtf8(f.oldLinkTarget));
                file.insert(QStringLiteral("newLinkTarget"), QString::fromUtf8(f.newLinkTarget));
            }
            files.append(file);
        }
        const QJsonObject object{{QStringLiteral("thread"), result.threadId},
                                 {QStringLiteral("sandbox"), result.sandboxId},
                                 {QStringLiteral("provider"), result.sandboxProvider},
                                 {QStringLiteral("sandboxGone"), result.sandboxGone},
                                 {QStringLiteral("fromCheckpoint"), result.fromCheckpointId},
                                 {QStringLiteral("toCheckpoint"), result.toCheckpointId},
                                 {QStringLiteral("fromStoreOnly"), result.fromStoreOnly},
                                 {QStringLiteral("files"), files},
                                 {QStringLiteral("additions"), changes.additions},
                                 {QStringLiteral("deletions"), changes.deletions}};
        m_out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
        return;
    }
    for (const FileChange &f : changes.files) {
        if (f.newType == EntryType::Directory && f.oldType != EntryType::Symlink
            && f.kind != FileChange::Kind::TypeChanged)
            continue; // folders show through their files
        QString counts;
        if (f.huge)
            counts = QStringLiteral("huge, %1").arg(size(qMax(f.oldSize, f.newSize)));
        else if (f.binary)
            counts = QStringLiteral("binary, %1").arg(size(f.newSize ? f.newSize : f.oldSize));
        else
            counts = QStringLiteral("+%1 -%2").arg(f.additions).arg(f.deletions);
        if (f.modeChanged())
            counts += QStringLiteral(", mode changed");
        if (!f.newLinkTarget.isEmpty() && f.newLinkTarget != f.oldLinkTarget)
            counts += QStringLiteral(", link -> %1").arg(QString::fromUtf8(f.newLinkTarget));
        m_out << FileChange::kindLetter(f.kind) << '\t' << counts << '\t' << f.displayPath()
              << '\n';
    }
    m_out << ' ' << summary(changes) << '\n';
    if (result.fromStoreOnly)
        m_out << " (from the stored lists: the storage cap removed these checkpoints' files)\n";
    if (result.sandboxGone)
        m_out << " (sandbox " << result.sandboxId << " was deleted; shown from its checkpoints)\n";
}

void ChangesCommand::finish(int exitCode, const QString &error)
{
    if (!error.isEmpty())
        m_err << "agent-studio: " << error << '\n';
    m_out.flush();
    m_err.flush();
    later(this, [this, exitCode] { emit finished(exitCode); });
}

// --- rewind ----------------------------------------------------------------------------------

RewindCommand::RewindCommand(AppContext &context, QTextStream &out, QTextStream &err,
                             QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_out(out)
    , m_err(err)
{
}

QString RewindCommand::helpText()
{
    return tr(
        "Usage: agent-studio rewind THREAD --to STEP [--files | --conversation | --both]\n"
        "                           [--dry-run]\n"
        "       agent-studio rewind THREAD --undo\n"
        "\n"
        "Takes the thread back to the point where step STEP finished (0: its beginning; see\n"
        "'agent-studio changes THREAD --steps'):\n"
        "  --files         the sandbox's files go back; the conversation stays (default)\n"
        "  --conversation  a new thread is forked at that point (the original stays) and\n"
        "                  gets the sandbox; the files stay as they are\n"
        "  --both          both\n"
        "  --dry-run       print what would change, change nothing\n"
        "  --undo          undo the thread's last rewind (files)\n"
        "\n"
        "The files as they were before a rewind are kept as a checkpoint, so a rewind can be\n"
        "undone. Refused while a run is in progress in the thread, or when its sandbox was\n"
        "deleted.\n");
}

void RewindCommand::start(const QStringList &arguments)
{
    const auto usage = [this](const QString &message) { finish(2, message); };
    if (!takeThread(
            arguments, QStringLiteral("rewind"), helpText(), m_out,
            [this](int code, const QString &error) { finish(code, error); }, &m_thread))
        return;
    for (int i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == QLatin1String("--to")) {
            qint64 n = 0;
            if (!parseNumber(arguments.value(i + 1), 0, &n)) {
                usage(QStringLiteral("--to takes a step number (0 is the thread's beginning; "
                                     "'agent-studio changes THREAD --steps' lists them)"));
                return;
            }
            m_step = int(n);
            ++i;
        } else if (arg == QLatin1String("--files")) {
            m_mode = RewindMode::Files;
        } else if (arg == QLatin1String("--conversation")) {
            m_mode = RewindMode::Conversation;
        } else if (arg == QLatin1String("--both")) {
            m_mode = RewindMode::Both;
        } else if (arg == QLatin1String("--undo")) {
            m_undo = true;
        } else if (arg == QLatin1String("--dry-run")) {
            m_dryRun = true;
        } else {
            usage(QStringLiteral("unknown option '%1'; see 'agent-studio rewind --help'").arg(arg));
            return;
        }
    }
    if (m_undo == (m_step >= 0)) {
        usage(QStringLiteral("give either --to STEP or --undo"));
        return;
    }
    afterRecovery(m_context, this, [this] { run(); });
}

void RewindCommand::run()
{
    if (const auto thread = m_context.threads().thread(m_thread); !thread) {
        finish(1, thread.error());
        return;
    }
    CheckpointService &checkpoints = m_context.checkpoints();
    if (m_dryRun) {
        connect(&checkpoints, &CheckpointService::rewindPreviewReady, this,
                [this](const RewindPreview &preview) {
                    if (preview.request != m_request)
                        return;
                    if (!preview.error.isEmpty()) {
                        finish(1, preview.error);
                        return;
                    }
                    if (m_mode != RewindMode::Conversation) {
                        for (const FileChange &f : preview.files.files)
                            m_out << FileChange::kindLetter(f.kind) << '\t' << f.displayPath()
                                  << '\n';
                        m_out << ' ' << summary(preview.files) << '\n';
                    }
                    if (m_mode != RewindMode::Files)
                        m_out << " the new thread keeps " << preview.messagesKept
                              << " message(s) and leaves out " << preview.messagesDropped << '\n';
                    if (!preview.refusal.isEmpty()) {
                        finish(1, preview.refusal);
                        return;
                    }
                    finish(0);
                });
        m_request
            = checkpoints.requestRewindPreview(m_thread, RewindTarget::toStep(m_step), m_mode);
        return;
    }
    connect(&checkpoints, &CheckpointService::rewindFinished, this,
            [this](const RewindResult &result) {
                if (result.request != m_request)
                    return;
                if (!result.error.isEmpty()) {
                    finish(1, result.error);
                    return;
                }
                if (result.rewindCheckpointId) {
                    m_out << (m_undo ? "Undid the last rewind of thread "
                                     : "Rewound the files of thread ")
                          << m_thread;
                    if (!m_undo)
                        m_out << " to step " << m_step;
                    m_out << ": " << result.filesRestored << " change(s) made.\n";
                    for (const QString &path : result.notRestored)
                        m_out << "  left as it was: " << path << '\n';
                    m_out << "Undo with: agent-studio rewind " << m_thread << " --undo\n";
                }
                if (result.forkThreadId)
                    m_out << "New thread " << result.forkThreadId << " starts from step " << m_step
                          << "; continue it with: agent-studio run --thread " << result.forkThreadId
                          << " PROMPT\n";
                finish(0);
            });
    m_request = m_undo ? checkpoints.undoRewind(m_thread)
                       : checkpoints.rewind(m_thread, RewindTarget::toStep(m_step), m_mode);
}

void RewindCommand::finish(int exitCode, const QString &error)
{
    if (!error.isEmpty())
        m_err << "agent-studio: " << error << '\n';
    m_out.flush();
    m_err.flush();
    later(this, [this, exitCode] { emit finished(exitCode); });
}
