// ApprovalDecider: mode + rules + facts -> a verdict with what decided it (see the header).
#include "ApprovalDecider.h"

#include "agent/SandboxPath.h"
#include "agent/ShellWords.h"
#include "agent/ToolCatalog.h"

#include <QDir>
#include <QJsonArray>
#include <QRegularExpression>

namespace {

using Decision = ApprovalVerdict::Decision;

bool appliesTo(const ApprovalRule &rule, const ApprovalCall &call)
{
    if (!rule.enabled)
        return false;
    if (rule.tool != QLatin1String("*") && rule.tool != call.tool)
        return false;
    if (!rule.sandboxId.isEmpty() && rule.sandboxId != call.sandboxId)
        return false;
    return rule.threadId == 0 || rule.threadId == call.threadId;
}

// A glob as a regular expression. Commands: * is any text, ? one character, and a final
// " *" may also match nothing ("pytest *" matches "pytest"). Paths: * stays within one folder
// name, ** crosses folders, and a final "/**" also matches the folder itself.
QRegularExpression globExpression(const QString &glob, bool path)
{
    QString re;
    QString pattern = glob;
    QString tail;
    if (!path && pattern.endsWith(QLatin1String(" *"))) {
        pattern.chop(2);
        tail = QStringLiteral("(?:[ \\t].*)?");
    } else if (path && pattern.endsWith(QLatin1String("/**"))) {
        pattern.chop(3);
        tail = QStringLiteral("(?:/.*)?");
    }
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == QLatin1Char('*')) {
            if (path && i + 1 < pattern.size() && pattern.at(i + 1) == QLatin1Char('*')) {
                re += QStringLiteral(".*");
                ++i;
            } else {
                re += path ? QStringLiteral("[^/]*") : QStringLiteral(".*");
            }
        } else if (c == QLatin1Char('?')) {
            re += path ? QStringLiteral("[^/]") : QStringLiteral(".");
        } else {
            re += QRegularExpression::escape(QString(c));
        }
    }
    return QRegularExpression(QRegularExpression::anchoredPattern(re + tail),
                              QRegularExpression::DotMatchesEverythingOption);
}

QString absolutePattern(const QString &pattern)
{
    const QString home = SandboxPath::workingDirectory();
    QString p = pattern.trimmed();
    if (p == QLatin1String("~") || p.startsWith(QLatin1String("~/")))
        p = home + p.mid(1);
    if (!p.startsWith(QLatin1Char('/')))
        p = home + QLatin1Char('/') + p;
    // cleanPath keeps globs as they are; it only folds "//", "." and "..".
    return QDir::cleanPath(p);
}

int literalLength(const QString &pattern)
{
    int n = 0;
    for (QChar c : pattern) {
        if (c != QLatin1Char('*') && c != QLatin1Char('?'))
            ++n;
    }
    return std::min(n, 999);
}

struct Best
{
    const ApprovalRule *rule = nullptr;
    int specificity = -1;
};

// The most specific allow/ask rule among those matching, ask winning ties.
void consider(Best &best, const ApprovalRule &rule)
{
    const int s = ApprovalDecider::specificity(rule);
    if (!best.rule || s > best.specificity
        || (s == best.specificity && rule.action == ApprovalRule::Action::Ask
            && best.rule->action == ApprovalRule::Action::Allow)) {
        best.rule = &rule;
        best.specificity = s;
    }
}

bool isFileEditTool(const QString &tool)
{
    return tool == QLatin1String("writeFile") || tool == QLatin1String("writeFiles")
        || tool == QLatin1String("createDirectory") || tool == QLatin1String("deleteFile");
}

} // namespace

ApprovalDecider::ApprovalDecider(const ApprovalPolicy &policy)
    : m_policy(policy)
{
}

int ApprovalDecider::specificity(const ApprovalRule &rule)
{
    int rank = 0;
    switch (rule.match) {
    case ApprovalRule::Match::Exact:
        rank = 4;
        break;
    case ApprovalRule::Match::Prefix:
        rank = 3;
        break;
    case ApprovalRule::Match::Glob:
        rank = 2;
        break;
    case ApprovalRule::Match::Any:
        rank = rule.tool == QLatin1String("*") ? 0 : 1;
        break;
    }
    return rank * 10000 + (rule.sandboxId.isEmpty() ? 0 : 2000) + (rule.everywhere() ? 0 : 1000)
        + (rule.match == ApprovalRule::Match::Any ? 0 : literalLength(rule.pattern));
}

bool ApprovalDecider::matchesCommand(const ApprovalRule &rule, const QString &command)
{
    const QString text = command.trimmed();
    const QString pattern = rule.pattern.trimmed();
    switch (rule.match) {
    case ApprovalRule::Match::Any:
        return true;
    case ApprovalRule::Match::Exact:
        return text == pattern;
    case ApprovalRule::Match::Prefix:
        return text == pattern
            || (text.startsWith(pattern) && text.size() > pattern.size()
                && (text.at(pattern.size()) == QLatin1Char(' ')
                    || text.at(pattern.size()) == QLatin1Char('\t')));
    case ApprovalRule::Match::Glob:
        return globExpression(pattern, false).match(text).hasMatch();
    }
    return false;
}

bool ApprovalDecider::matchesPath(const ApprovalRule &rule, const QString &absolutePath)
{
    switch (rule.match) {
    case ApprovalRule::Match::Any:
        return true;
    case ApprovalRule::Match::Exact:
        return absolutePath == absolutePattern(rule.pattern);
    case ApprovalRule::Match::Prefix: {
        const QString p = absolutePattern(rule.pattern);
        return absolutePath == p || absolutePath.startsWith(p + QLatin1Char('/'))
            || p == QLatin1String("/");
    }
    case ApprovalRule::Match::Glob:
        return globExpression(absolutePattern(rule.pattern), true).match(absolutePath).hasMatch();
    }
    return false;
}

QStringList ApprovalDecider::pathsOf(const QString &tool, const QJsonObject &arguments)
{
    QStringList raw;
    if (tool == QLatin1String("writeFiles")) {
        for (const QJsonValue &v : arguments.value(QLatin1String("files")).toArray())
            raw << v.toObject().value(QLatin1String("path")).toString();
    } else if (ApprovalRule::isPathTool(tool)) {
        raw << arguments.value(QLatin1String("path")).toString();
    }
    QStringList paths;
    for (const QString &p : std::as_const(raw)) {
        const SandboxPath::Resolved resolved = SandboxPath::resolve(p);
        // A path that climbs out is refused when the call runs; for the rules it is the path
        // as written, which no allow rule under the home matches.
        paths << (resolved.ok() ? resolved.path : QDir::cleanPath(p));
    }
    return paths;
}

bool ApprovalDecider::matches(const ApprovalRule &rule, const ApprovalCall &call, QString *matched)
{
    if (!appliesTo(rule, call))
        return false;
    if (rule.match == ApprovalRule::Match::Any) {
        if (matched)
            matched->clear();
        return true;
    }
    if (ApprovalRule::isCommandTool(call.tool)) {
        const QString whole = call.arguments.value(QLatin1String("command")).toString().trimmed();
        if (rule.match == ApprovalRule::Match::Exact && matchesCommand(rule, whole)) {
            if (matched)
                *matched = whole;
            return true;
        }
        const ShellWords::Parse parsed = ShellWords::parse(whole);
        for (const ShellWords::SimpleCommand &part : parsed.commands) {
            if (matchesCommand(rule, part.text)) {
                if (matched)
                    *matched = part.text;
                return true;
            }
        }
        return false;
    }
    if (ApprovalRule::isPathTool(call.tool)) {
        for (const QString &path : pathsOf(call.tool, call.arguments)) {
            if (matchesPath(rule, path)) {
                if (matched)
                    *matched = path;
                return true;
            }
        }
    }
    return false;
}

ApprovalVerdict ApprovalDecider::decide(const ApprovalCall &call, ApprovalMode mode,
                                        const QList<ApprovalRule> &rules,
                                        const QSet<QString> &alwaysAllowed) const
{
    ApprovalVerdict v;
    v.mode = mode;
    const auto decided = [&v](Decision d, const ApprovalRule *rule, const QString &reason) {
        v.decision = d;
        v.reason = reason;
        if (rule) {
            v.ruleId = rule->id;
            v.rule = rule->describe();
            if (rule->id && !v.matchedRules.contains(rule->id))
                v.matchedRules << rule->id;
        }
        return v;
    };

    const ToolDefinition *definition = m_policy.catalog().find(call.tool);
    if (!definition)
        return decided(Decision::Deny, nullptr,
                       QStringLiteral("%1 is not a tool this app knows").arg(call.tool));

    QList<const ApprovalRule *> applicable;
    for (const ApprovalRule &rule : rules) {
        if (appliesTo(rule, call))
            applicable << &rule;
    }

    // 1. Deny wins: the whole call, or any part of it, whatever the mode.
    Best deny;
    QString deniedPart;
    for (const ApprovalRule *rule : std::as_const(applicable)) {
        QString part;
        if (rule->action == ApprovalRule::Action::Deny && matches(*rule, call, &part)) {
            if (!deny.rule || specificity(*rule) > deny.specificity) {
                deny.rule = rule;
                deny.specificity = specificity(*rule);
                deniedPart = part;
            }
        }
    }
    if (deny.rule) {
        const QString what
            = deniedPart.isEmpty() ? call.tool : QStringLiteral("`%1`").arg(deniedPart);
        return decided(Decision::Deny, deny.rule,
                       QStringLiteral("%1 denies %2").arg(deny.rule->describe(), what));
    }

    // 2. Plan mode: only tools that read.
    const bool reads = definition->kind == ToolDefinition::Kind::Read;
    if (mode == ApprovalMode::Plan && !reads)
        return decided(Decision::Deny, nullptr,
                       QStringLiteral("the mode Plan runs only tools that read; %1 changes things")
                           .arg(call.tool));

    // 3. Allow and ask rules, part by part.
    const auto modeDefault = [&](const QString &why) -> ApprovalVerdict {
        switch (mode) {
        case ApprovalMode::Full:
            return decided(Decision::Auto, nullptr,
                           why.isEmpty() ? QStringLiteral("the mode Full runs what no rule denies")
                                         : QStringLiteral("the mode Full runs it (%1)").arg(why));
        case ApprovalMode::Plan:
            return decided(Decision::Auto, nullptr,
                           QStringLiteral("the mode Plan runs tools that read"));
        case ApprovalMode::AutoEdit:
            if (reads || isFileEditTool(call.tool))
                return decided(Decision::Auto, nullptr,
                               QStringLiteral("the mode Auto-edit runs reads and file edits"));
            break;
        case ApprovalMode::Ask:
            break;
        }
        if (!why.isEmpty())
            return decided(Decision::Ask, nullptr,
                           QStringLiteral("%1, which asks unless a rule names the whole command "
                                          "exactly")
                               .arg(why));
        const ApprovalPolicy::Decision d = m_policy.decide(call.tool, call.facts, alwaysAllowed);
        const QString modeName = ApprovalModes::displayName(mode);
        if (d == ApprovalPolicy::Decision::Deny)
            return decided(Decision::Deny, nullptr,
                           QStringLiteral("the approval policy does not allow %1").arg(call.tool));
        if (d == ApprovalPolicy::Decision::Auto)
            return decided(
                Decision::Auto, nullptr,
                alwaysAllowed.contains(call.tool)
                    ? QStringLiteral("%1 is always allowed in this thread").arg(call.tool)
                    : QStringLiteral("the mode %1 runs %2 without asking")
                          .arg(modeName, call.tool));
        QString what;
        switch (definition->kind) {
        case ToolDefinition::Kind::Execute:
            what = QStringLiteral("commands and code");
            break;
        case ToolDefinition::Kind::Write:
            what = call.facts.overwritesFile ? QStringLiteral("overwriting a file")
                                             : QStringLiteral("file writes");
            break;
        case ToolDefinition::Kind::CreateSandbox:
            what = QStringLiteral("a sandbox with environment variables");
            break;
        case ToolDefinition::Kind::Destroy:
            what = QStringLiteral("deleting");
            break;
        case ToolDefinition::Kind::Expose:
            what = QStringLiteral("opening a port");
            break;
        case ToolDefinition::Kind::Read:
            what = QStringLiteral("reading");
            break;
        }
        return decided(Decision::Ask, nullptr,
                       QStringLiteral("the mode %1 asks before %2").arg(modeName, what));
    };

    QList<Best> bests; // one per part (or path), for allow coverage
    Best askRule;
    bool everyPartAllowed = true;
    QString problems;

    if (ApprovalRule::isCommandTool(call.tool)) {
        const QString whole = call.arguments.value(QLatin1String("command")).toString().trimmed();
        // A rule that names the whole command exactly decides it, constructs and all.
        Best exact;
        for (const ApprovalRule *rule : std::as_const(applicable)) {
            if (rule->match == ApprovalRule::Match::Exact && matchesCommand(*rule, whole))
                consider(exact, *rule);
        }
        if (exact.rule)
            return decided(
                exact.rule->action == ApprovalRule::Action::Allow ? Decision::Auto : Decision::Ask,
                exact.rule, QStringLiteral("%1 names this command").arg(exact.rule->describe()));
        const ShellWords::Parse parsed = ShellWords::parse(whole);
        if (parsed.flags != ShellWords::NoFlags)
            problems = QStringLiteral("the command has %1")
                           .arg(parsed.problems.join(QStringLiteral(", ")));
        if (parsed.commands.isEmpty())
            everyPartAllowed = false;
        for (const ShellWords::SimpleCommand &part : parsed.commands) {
            Best best;
            for (const ApprovalRule *rule : std::as_const(applicable)) {
                if (rule->action != ApprovalRule::Action::Deny && matchesCommand(*rule, part.text))
                    consider(best, *rule);
            }
            if (best.rule && best.rule->action == ApprovalRule::Action::Ask && !askRule.rule)
                askRule = best;
            if (part.viaWrapper)
                continue; // covered by the rule that allows its wrapper
            if (!best.rule || best.rule->action != ApprovalRule::Action::Allow)
                everyPartAllowed = false;
            else
                bests << best;
        }
    } else if (ApprovalRule::isPathTool(call.tool)) {
        const QStringList paths = pathsOf(call.tool, call.arguments);
        if (paths.isEmpty())
            everyPartAllowed = false;
        for (const QString &path : paths) {
            Best best;
            for (const ApprovalRule *rule : std::as_const(applicable)) {
                if (rule->action != ApprovalRule::Action::Deny && matchesPath(*rule, path))
                    consider(best, *rule);
            }
            if (best.rule && best.rule->action == ApprovalRule::Action::Ask && !askRule.rule)
                askRule = best;
            if (!best.rule || best.rule->action != ApprovalRule::Action::Allow)
                everyPartAllowed = false;
            else
                bests << best;
        }
    } else {
        Best best;
        for (const ApprovalRule *rule : std::as_const(applicable)) {
            if (rule->action != ApprovalRule::Action::Deny
                && rule->match == ApprovalRule::Match::Any)
                consider(best, *rule);
        }
        if (best.rule && best.rule->action == ApprovalRule::Action::Ask)
            askRule = best;
        if (!best.rule || best.rule->action != ApprovalRule::Action::Allow)
            everyPartAllowed = false;
        else
            bests << best;
    }

    if (askRule.rule)
        return decided(Decision::Ask, askRule.rule,
                       QStringLiteral("%1 asks about it").arg(askRule.rule->describe()));
    if (!problems.isEmpty())
        return modeDefault(problems);
    if (everyPartAllowed && !bests.isEmpty()) {
        // Every part allowed: the rules decided; each one that did counts a match.
        for (const Best &b : std::as_const(bests)) {
            if (b.rule->id && !v.matchedRules.contains(b.rule->id))
                v.matchedRules << b.rule->id;
        }
        const ApprovalRule *first = bests.first().rule;
        QString reason = bests.size() == 1 || v.matchedRules.size() <= 1
            ? QStringLiteral("%1 allows it").arg(first->describe())
            : QStringLiteral("every part is allowed (%1 and %2 more)")
                  .arg(first->describe())
                  .arg(v.matchedRules.size() - 1);
        return decided(Decision::Auto, first, reason);
    }
    return modeDefault(QString());
}
