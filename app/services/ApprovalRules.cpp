// ApprovalRules: the approval rules and the threads' modes, written, read and announced in one
// place; see the header. The proposal of a rule for a call is at the end.
#include "ApprovalRules.h"

#include "agent/ApprovalDecider.h"
#include "agent/SandboxPath.h"
#include "agent/ShellWords.h"
#include "core/Logging.h"
#include "store/Store.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QSet>
#include <QTimer>

namespace {

bool sameRule(const ApprovalRule &a, const ApprovalRule &b)
{
    return a.id == b.id && a.action == b.action && a.tool == b.tool && a.match == b.match
        && a.pattern == b.pattern && a.sandboxId == b.sandboxId && a.threadId == b.threadId
        && a.enabled == b.enabled && a.note == b.note && a.hitCount == b.hitCount
        && a.lastMatchedAt == b.lastMatchedAt && a.updatedAt == b.updatedAt;
}

} // namespace

ApprovalRules::ApprovalRules(Store &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_poll(new QTimer(this))
{
    connect(m_poll, &QTimer::timeout, this, &ApprovalRules::checkForOutsideChanges);
}

ApprovalRules::~ApprovalRules() = default;

StoreResult<ApprovalRule> ApprovalRules::add(const ApprovalRule &rule)
{
    auto added = m_store.addApprovalRule(rule);
    if (added) {
        qCInfo(lcAgent).noquote() << "approval rule added:" << added->describe();
        m_known.insert(added->id, *added);
        emit ruleAdded(*added);
    }
    return added;
}

StoreResult<ApprovalRule> ApprovalRules::update(const ApprovalRule &rule)
{
    auto updated = m_store.updateApprovalRule(rule);
    if (updated) {
        qCInfo(lcAgent).noquote() << "approval rule changed:" << updated->describe();
        m_known.insert(updated->id, *updated);
        emit ruleChanged(*updated);
    }
    return updated;
}

StoreStatus ApprovalRules::setEnabled(RowId ruleId, bool enabled)
{
    auto current = m_store.approvalRule(ruleId);
    if (!current)
        return StoreStatus::failure(current.error());
    ApprovalRule changed = *current;
    changed.enabled = enabled;
    auto updated = update(changed);
    if (!updated)
        return StoreStatus::failure(updated.error());
    return {};
}

StoreStatus ApprovalRules::remove(RowId ruleId)
{
    StoreStatus status = m_store.deleteApprovalRule(ruleId);
    if (status) {
        qCInfo(lcAgent) << "approval rule deleted:" << ruleId;
        m_known.remove(ruleId);
        emit ruleRemoved(ruleId);
    }
    return status;
}

StoreResult<QList<ApprovalRule>> ApprovalRules::rules()
{
    if (!m_watching)
        startWatching();
    return m_store.listApprovalRules();
}

StoreResult<ApprovalRule> ApprovalRules::rule(RowId ruleId)
{
    return m_store.approvalRule(ruleId);
}

StoreResult<QList<ApprovalRule>> ApprovalRules::rulesFor(RowId threadId)
{
    // threadId 0 would list every thread's rules: a call always has a thread.
    if (threadId == 0)
        return StoreResult<QList<ApprovalRule>>::failure(
            QStringLiteral("Rules are read for a thread."));
    // The engine reads the rules at every call: from then on, other processes' changes are
    // announced too (and decide waiting calls).
    if (!m_watching)
        startWatching();
    return m_store.listApprovalRules(threadId, true);
}

void ApprovalRules::recordMatches(const QList<RowId> &ruleIds)
{
    if (ruleIds.isEmpty())
        return;
    if (StoreStatus status = m_store.recordApprovalRuleHits(ruleIds); !status) {
        qCWarning(lcAgent).noquote() << "could not count approval rule matches -" << status.error();
        return;
    }
    for (RowId id : ruleIds) {
        auto now = m_store.approvalRule(id);
        if (!now)
            continue;
        m_known.insert(id, *now);
        emit ruleChanged(*now);
    }
}

ApprovalMode ApprovalRules::mode(RowId threadId)
{
    const auto stored = m_store.threadApprovalMode(threadId);
    if (stored && !stored->isEmpty()) {
        if (const auto mode = ApprovalModes::fromString(*stored))
            return *mode;
        // A mode a newer app wrote: the most careful one that still lets work go on.
        return ApprovalMode::Ask;
    }
    return m_defaultMode;
}

bool ApprovalRules::hasOwnMode(RowId threadId)
{
    const auto stored = m_store.threadApprovalMode(threadId);
    return stored && !stored->isEmpty();
}

StoreStatus ApprovalRules::setMode(RowId threadId, ApprovalMode mode)
{
    const ApprovalMode before = this->mode(threadId);
    StoreStatus status = m_store.setThreadApprovalMode(threadId, ApprovalModes::toString(mode));
    if (!status)
        return status;
    m_knownModes.insert(threadId, mode);
    qCInfo(lcAgent).noquote() << "thread" << threadId
                              << "approval mode:" << ApprovalModes::toString(mode);
    if (before != mode)
        emit modeChanged(threadId, mode);
    return {};
}

void ApprovalRules::setDefaultMode(ApprovalMode mode)
{
    if (mode == m_defaultMode)
        return;
    m_defaultMode = mode;
    emit defaultModeChanged(mode);
}

void ApprovalRules::setPollInterval(int milliseconds)
{
    m_pollInterval = milliseconds;
    if (m_pollInterval <= 0)
        m_poll->stop();
    else if (m_watching)
        m_poll->start(m_pollInterval);
}

void ApprovalRules::startWatching()
{
    m_watching = true;
    if (const auto version = m_store.dataVersion())
        m_dataVersion = *version;
    if (const auto all = m_store.listApprovalRules()) {
        m_known.clear();
        for (const ApprovalRule &rule : *all)
            m_known.insert(rule.id, rule);
    }
    if (const auto modes = m_store.threadApprovalModes()) {
        m_knownModes.clear();
        for (auto it = modes->cbegin(); it != modes->cend(); ++it)
            m_knownModes.insert(it.key(),
                                ApprovalModes::fromString(it.value()).value_or(ApprovalMode::Ask));
    }
    if (m_pollInterval > 0)
        m_poll->start(m_pollInterval);
}

void ApprovalRules::checkForOutsideChanges()
{
    if (!m_watching)
        return;
    const auto version = m_store.dataVersion();
    if (!version || *version == m_dataVersion)
        return;
    m_dataVersion = *version;
    rereadAll();
}

void ApprovalRules::rereadAll()
{
    const auto all = m_store.listApprovalRules();
    if (!all) {
        emit errorOccurred(tr("The approval rules could not be read again: %1").arg(all.error()));
        return;
    }
    QSet<RowId> seen;
    for (const ApprovalRule &rule : *all) {
        seen.insert(rule.id);
        const auto it = m_known.constFind(rule.id);
        if (it == m_known.cend()) {
            m_known.insert(rule.id, rule);
            emit ruleAdded(rule);
        } else if (!sameRule(*it, rule)) {
            m_known.insert(rule.id, rule);
            emit ruleChanged(rule);
        }
    }
    const QList<RowId> known = m_known.keys();
    for (RowId id : known) {
        if (!seen.contains(id)) {
            m_known.remove(id);
            emit ruleRemoved(id);
        }
    }
    const auto modes = m_store.threadApprovalModes();
    if (!modes)
        return;
    QHash<RowId, ApprovalMode> now;
    for (auto it = modes->cbegin(); it != modes->cend(); ++it)
        now.insert(it.key(), ApprovalModes::fromString(it.value()).value_or(ApprovalMode::Ask));
    for (auto it = now.cbegin(); it != now.cend(); ++it) {
        if (m_knownModes.value(it.key(), m_defaultMode) != it.value())
            emit modeChanged(it.key(), it.value());
    }
    for (auto it = m_knownModes.cbegin(); it != m_knownModes.cend(); ++it) {
        if (!now.contains(it.key()) && it.value() != m_defaultMode)
            emit modeChanged(it.key(), m_defaultMode);
    }
    m_knownModes = now;
}

// --- proposals -------------------------------------------------------------------------------

namespace {

// Commands that run other commands, or destroy, or change who may do what: a rule for them is
// proposed for exactly the command the user saw, never generalised.
bool proposeExactly(const QString &program, const QStringList &words)
{
    static const QSet<QString> exact{
        QStringLiteral("sh"),       QStringLiteral("bash"),    QStringLiteral("zsh"),
        QStringLiteral("dash"),     QStringLiteral("ksh"),     QStringLiteral("fish"),
        QStringLiteral("eval"),     QStringLiteral("exec"),    QStringLiteral("xargs"),
        QStringLiteral("sudo"),     QStringLiteral("su"),      QStringLiteral("doas"),
        QStringLiteral("env"),      QStringLiteral("rm"),      QStringLiteral("rmdir"),
        QStringLiteral("dd"),       QStringLiteral("chmod"),   QStringLiteral("chown"),
        QStringLiteral("nohup"),    QStringLiteral("timeout"), QStringLiteral("nice"),
        QStringLiteral("time"),     QStringLiteral("command"), QStringLiteral("builtin"),
        QStringLiteral("source"),   QStringLiteral("."),       QStringLiteral("watch"),
        QStringLiteral("parallel"), QStringLiteral("kill"),    QStringLiteral("pkill"),
        QStringLiteral("killall"),  QStringLiteral("shred"),   QStringLiteral("truncate"),
        QStringLiteral("mkfs"),     QStringLiteral("curl"),    QStringLiteral("wget"),
        QStringLiteral("ssh"),      QStringLiteral("scp"),     QStringLiteral("nc"),
    };
    const QString base = program.section(QLatin1Char('/'), -1);
    if (exact.contains(base))
        return true;
    // find and friends run commands or delete through their options.
    if (base == QLatin1String("find")) {
        for (const QString &w : words) {
            if (w == QLatin1String("-exec") || w == QLatin1String("-execdir")
                || w == QLatin1String("-ok") || w == QLatin1String("-okdir")
                || w == QLatin1String("-delete") || w == QLatin1String("-fprint"))
                return true;
        }
    }
    // Interpreters given code on the command line: the code is the command.
    if ((base.startsWith(QLatin1String("python")) || base == QLatin1String("node")
         || base == QLatin1String("perl") || base == QLatin1String("ruby")
         || base == QLatin1String("php") || base == QLatin1String("deno")
         || base == QLatin1String("bun"))
        && (words.contains(QStringLiteral("-c")) || words.contains(QStringLiteral("-e"))
            || words.contains(QStringLiteral("--eval")) || words.contains(QStringLiteral("-p"))))
        return true;
    return false;
}

bool hasGlobCharacters(const QString &word)
{
    return word.contains(QLatin1Char('*')) || word.contains(QLatin1Char('?'))
        || word.contains(QLatin1Char('['));
}

// The words that name what runs: the program and its subcommand ("git status", "npm run test",
// "python3 -m pytest", "cargo test"); what follows (options, files) becomes "*".
int headLength(const QStringList &words)
{
    if (words.isEmpty())
        return 0;
    const QString base = words.first().section(QLatin1Char('/'), -1);
    if ((base.startsWith(QLatin1String("python")) || base == QLatin1String("uv"))
        && words.size() >= 3 && words.at(1) == QLatin1String("-m"))
        return 3;
    // Programs whose second word says what they do ("git push" is not "git status"); for the
    // others (echo, ls, cat, a script by its path) the program alone is kept.
    static const QSet<QString> withSubcommands{
        QStringLiteral("git"),    QStringLiteral("npm"),       QStringLiteral("pnpm"),
        QStringLiteral("yarn"),   QStringLiteral("bun"),       QStringLiteral("npx"),
        QStringLiteral("cargo"),  QStringLiteral("go"),        QStringLiteral("docker"),
        QStringLiteral("podman"), QStringLiteral("kubectl"),   QStringLiteral("pip"),
        QStringLiteral("pip3"),   QStringLiteral("uv"),        QStringLiteral("poetry"),
        QStringLiteral("make"),   QStringLiteral("dotnet"),    QStringLiteral("mvn"),
        QStringLiteral("gradle"), QStringLiteral("apt"),       QStringLiteral("apt-get"),
        QStringLiteral("brew"),   QStringLiteral("rustup"),    QStringLiteral("deno"),
        QStringLiteral("conda"),  QStringLiteral("gh"),        QStringLiteral("terraform"),
        QStringLiteral("helm"),   QStringLiteral("systemctl"), QStringLiteral("composer"),
        QStringLiteral("bundle"), QStringLiteral("gem"),       QStringLiteral("rake"),
        QStringLiteral("mix"),    QStringLiteral("swift"),     QStringLiteral("flutter"),
    };
    if (words.first().contains(QLatin1Char('/')) || !withSubcommands.contains(base))
        return 1;
    int n = 1;
    const int most = (base == QLatin1String("npm") || base == QLatin1String("pnpm")
                      || base == QLatin1String("yarn") || base == QLatin1String("bun"))
        ? 3
        : 2;
    while (n < words.size() && n < most) {
        const QString &w = words.at(n);
        const bool argument = w.isEmpty() || w.startsWith(QLatin1Char('-'))
            || w.contains(QLatin1Char('/')) || w.contains(QLatin1Char('.'))
            || w.contains(QLatin1Char('=')) || w.contains(QLatin1Char('$')) || hasGlobCharacters(w)
            || !w.at(0).isLetter();
        if (argument)
            break;
        // "npm install x": the second word is the subcommand, the third an argument.
        if (n == 2 && words.at(1) != QLatin1String("run") && words.at(1) != QLatin1String("exec"))
            break;
        ++n;
    }
    return n;
}

} // namespace

RuleProposal ApprovalRules::propose(RowId threadId, const QString &toolName,
                                    const QJsonObject &arguments)
{
    RuleProposal proposal;
    ApprovalRule &rule = proposal.rule;
    rule.action = ApprovalRule::Action::Allow;
    rule.tool = toolName;
    rule.threadId = threadId;
    rule.match = ApprovalRule::Match::Any;

    if (ApprovalRule::isCommandTool(toolName)) {
        const QString command = arguments.value(QLatin1String("command")).toString().trimmed();
        const ShellWords::Parse parsed = ShellWords::parse(command);
        rule.match = ApprovalRule::Match::Exact;
        rule.pattern = command;
        const bool single = parsed.commands.size() == 1 && parsed.flags == ShellWords::NoFlags
            && parsed.commands.first().redirections.isEmpty();
        if (single) {
            const QStringList words = parsed.commands.first().words;
            const int head = headLength(words);
            bool safe = head > 0 && !proposeExactly(words.first(), words);
            for (int i = 0; safe && i < head; ++i)
                safe = !hasGlobCharacters(words.at(i))
                    && ShellWords::quote(words.at(i)) == words.at(i);
            if (safe) {
                const QStringList kept = words.mid(0, head);
                rule.match = ApprovalRule::Match::Glob;
                rule.pattern = kept.join(QLatin1Char(' ')) + QStringLiteral(" *");
                proposal.generalised = words.size() > head;
            }
        }
        proposal.summary = tr("always allow `%1`").arg(rule.pattern);
        return proposal;
    }

    if (ApprovalRule::isPathTool(toolName)) {
        const QStringList paths = ApprovalDecider::pathsOf(toolName, arguments);
        if (paths.isEmpty()) {
            proposal.summary = tr("always allow %1").arg(toolName);
            return proposal;
        }
        const QString home = SandboxPath::workingDirectory();
        // Deletes are proposed for the one path; writes and reads for the folder they are in.
        if (toolName == QLatin1String("deleteFile") && paths.size() == 1) {
            rule.match = ApprovalRule::Match::Exact;
            rule.pattern = paths.first();
        } else {
            QString folder = QFileInfo(paths.first()).path();
            for (const QString &p : paths) {
                while (!QString(p + QLatin1Char('/')).startsWith(QString(folder + QLatin1Char('/')))
                       && folder.size() > home.size())
                    folder = QFileInfo(folder).path();
            }
            if (toolName == QLatin1String("listFiles")
                || toolName == QLatin1String("createDirectory")
                || toolName == QLatin1String("watchDirectory")
                || toolName == QLatin1String("searchFiles")
                || toolName == QLatin1String("findInFiles"))
                folder = paths.first();
            if (folder.size() <= home.size() && paths.size() == 1
                && toolName != QLatin1String("listFiles")) {
                rule.match = ApprovalRule::Match::Exact;
                rule.pattern = paths.first();
            } else {
                rule.match = ApprovalRule::Match::Glob;
                rule.pattern = folder + QStringLiteral("/**");
                proposal.generalised = true;
            }
        }
        proposal.summary = tr("always allow %1 on `%2`").arg(toolName, rule.pattern);
        return proposal;
    }

    proposal.summary = tr("always allow %1").arg(toolName);
    return proposal;
}
