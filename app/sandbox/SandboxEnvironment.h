// Environment variables that a sandbox's commands must never inherit from a tool call or a
// create request: names that make a shell, the dynamic loader or an interpreter run code of the
// caller's choosing before (or instead of) the command a person approved (BASH_ENV, LD_PRELOAD,
// PATH, exported bash functions, NODE_OPTIONS, ...). The agent refuses them in createSandbox,
// runCommand and runCode; the local sandbox server refuses them at create and execute, and drops
// them from older sandboxes' stored environments (issue 14 item 7).
#pragma once

#include <QString>
#include <QStringList>

namespace SandboxEnvironment {

// Whether a variable of this name can inject code into the commands run with it.
inline bool isUnsafeName(const QString &name)
{
    static const QStringList exact = {
        QStringLiteral("BASH_ENV"),
        QStringLiteral("ENV"),
        QStringLiteral("PATH"),
        QStringLiteral("PROMPT_COMMAND"),
        QStringLiteral("PS4"),
        QStringLiteral("SHELLOPTS"),
        QStringLiteral("BASHOPTS"),
        QStringLiteral("CDPATH"),
        QStringLiteral("GLOBIGNORE"),
        QStringLiteral("IFS"),
        QStringLiteral("BASH_XTRACEFD"),
        QStringLiteral("HOME"),
        QStringLiteral("SHELL"),
        QStringLiteral("PYTHONSTARTUP"),
        QStringLiteral("PYTHONPATH"),
        QStringLiteral("PYTHONHOME"),
        QStringLiteral("PYTHONINSPECT"),
        QStringLiteral("PYTHONWARNINGS"),
        QStringLiteral("PYTHONUSERBASE"),
        QStringLiteral("NODE_OPTIONS"),
        QStringLiteral("NODE_PATH"),
        QStringLiteral("PERL5OPT"),
        QStringLiteral("PERL5LIB"),
        QStringLiteral("PERLLIB"),
        QStringLiteral("RUBYOPT"),
        QStringLiteral("RUBYLIB"),
        QStringLiteral("JAVA_TOOL_OPTIONS"),
        QStringLiteral("_JAVA_OPTIONS"),
        QStringLiteral("JDK_JAVA_OPTIONS"),
        QStringLiteral("GCONV_PATH"),
        QStringLiteral("GLIBC_TUNABLES"),
        QStringLiteral("LOCPATH"),
        QStringLiteral("NLSPATH"),
        QStringLiteral("HOSTALIASES"),
        QStringLiteral("LESSOPEN"),
        QStringLiteral("LESSCLOSE"),
        QStringLiteral("PAGER"),
        QStringLiteral("EDITOR"),
        QStringLiteral("VISUAL"),
        QStringLiteral("MANPAGER"),
        QStringLiteral("GIT_PAGER"),
        QStringLiteral("GIT_EDITOR"),
        QStringLiteral("GIT_SSH"),
        QStringLiteral("GIT_SSH_COMMAND"),
        QStringLiteral("GIT_EXEC_PATH"),
        QStringLiteral("GIT_ASKPASS"),
        QStringLiteral("SSH_ASKPASS"),
        QStringLiteral("GIT_CONFIG_PARAMETERS"),
        QStringLiteral("GIT_CONFIG_GLOBAL"),
        QStringLiteral("GIT_CONFIG_SYSTEM"),
        QStringLiteral("TMPDIR"),
    };
    static const QStringList prefixes = {
        QStringLiteral("LD_"),     QStringLiteral("BASH_FUNC_"), QStringLiteral("GIT_CONFIG_"),
        QStringLiteral("MALLOC_"), QStringLiteral("DYLD_"),
    };
    const QString upper = name.toUpper();
    if (exact.contains(upper) || upper.contains(QLatin1Char('%'))
        || upper.contains(QLatin1Char('(')))
        return true;
    for (const QString &prefix : prefixes) {
        if (upper.startsWith(prefix))
            return true;
    }
    return false;
}

// The unsafe names among these, in the given order.
inline QStringList unsafeNames(const QStringList &names)
{
    QStringList found;
    for (const QString &name : names) {
        if (isUnsafeName(name))
            found << name;
    }
    return found;
}

// What the model (or a client) reads when such names are refused: what and what to do.
inline QString refusal(const QStringList &names, const QString &field)
{
    return QStringLiteral("%1 refused: %2 %3 not allowed, because %4 would run code before the "
                          "command the user approves (shell start-up files, preloaded "
                          "libraries, a changed PATH). Nothing was run. Leave %5 out, or set "
                          "ordinary variables only; to change PATH or similar for one command, "
                          "write it in the command itself where the user sees it.")
        .arg(field, names.join(QStringLiteral(", ")),
             names.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"),
             names.size() == 1 ? QStringLiteral("it") : QStringLiteral("they"),
             names.size() == 1 ? QStringLiteral("it") : QStringLiteral("them"));
}

} // namespace SandboxEnvironment
