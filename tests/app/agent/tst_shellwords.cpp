// The shell-word splitter the approval rules rely on (issue 16), against a table of tricky
// commands: for each, the parts a rule is checked against (as "depth:text", wrapper parts
// marked "w") and the constructs that must ask. A quoted operator is a word; an operator
// without blanks still splits; what a substitution, sh -c or eval would run is a part too.
#include "agent/ShellWords.h"

#include <QTest>

namespace {

QString flagNames(unsigned flags)
{
    using namespace ShellWords;
    QStringList names;
    const std::pair<Flag, const char *> all[] = {
        {CommandSubstitution, "subst"},
        {Backticks, "backticks"},
        {Eval, "eval"},
        {ShellString, "shell-c"},
        {RedirectOutside, "redirect"},
        {HereDocument, "heredoc"},
        {ProcessSubstitution, "procsubst"},
        {Unterminated, "unterminated"},
        {Complex, "complex"},
    };
    for (const auto &[flag, name] : all) {
        if (flags & flag)
            names << QString::fromLatin1(name);
    }
    return names.join(QLatin1Char('|'));
}

QStringList partsOf(const ShellWords::Parse &parse)
{
    QStringList parts;
    for (const ShellWords::SimpleCommand &c : parse.commands)
        parts << QStringLiteral("%1%2:%3")
                     .arg(c.depth)
                     .arg(c.viaWrapper ? QStringLiteral("w") : QString())
                     .arg(c.text);
    return parts;
}

} // namespace

class TestShellWords final : public QObject
{
    Q_OBJECT

private slots:
    void table_data();
    void table();
    void wordsHaveQuotesRemoved_data();
    void wordsHaveQuotesRemoved();
    void redirectionTargets();
    void quoteRoundTrips();
};

void TestShellWords::table_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("parts");
    QTest::addColumn<QString>("flags");
    const auto row = [](const char *name, const QString &command, const QStringList &parts,
                        const char *flags = "") {
        QTest::newRow(name) << command << parts << QString::fromLatin1(flags);
    };
    const auto S = [](const char *text) { return QString::fromUtf8(text); };

    row("plain", S("python3 -m pytest tests/test_x.py"),
        {S("0:python3 -m pytest tests/test_x.py")});
    row("and", S("npm install && npm test"), {S("0:npm install"), S("0:npm test")});
    row("and without blanks", S("a&&b"), {S("0:a"), S("0:b")});
    row("or", S("make || echo failed"), {S("0:make"), S("0:echo failed")});
    row("semicolon then rm", S("python3 -m pytest; rm -rf ~"),
        {S("0:python3 -m pytest"), S("0:rm -rf ~")});
    row("pipe", S("cat log.txt | grep ERROR | wc -l"),
        {S("0:cat log.txt"), S("0:grep ERROR"), S("0:wc -l")});
    row("pipe without blanks", S("ls|sh"), {S("0:ls"), S("0:sh")});
    row("background", S("python3 server.py & curl localhost:8000"),
        {S("0:python3 server.py"), S("0:curl localhost:8000")});
    row("newlines", S("cd src\nmake\n"), {S("0:cd src"), S("0:make")});
    row("quoted and", S("echo \"a && b\""), {S("0:echo \"a && b\"")});
    row("single quoted semicolon", S("echo 'x; rm -rf /'"), {S("0:echo 'x; rm -rf /'")});
    row("escaped semicolon", S("echo a\\; rm -rf /"), {S("0:echo a\\; rm -rf /")});
    row("escaped pipe", S("echo a \\| sh"), {S("0:echo a \\| sh")});
    row("ansi-c quote hides nothing", S("echo $'a\\'; rm -rf /'"), {S("0:echo $'a\\'; rm -rf /'")});
    row("ansi-c newline is not an operator", S("printf $'x\\ny'"), {S("0:printf $'x\\ny'")});
    row("command substitution", S("echo $(rm -rf /)"), {S("1:rm -rf /"), S("0:echo $(rm -rf /)")},
        "subst");
    row("substitution in double quotes", S("echo \"today: $(date)\""),
        {S("1:date"), S("0:echo \"today: $(date)\"")}, "subst");
    row("substitution in single quotes is text", S("echo '$(rm -rf /)'"),
        {S("0:echo '$(rm -rf /)'")});
    row("nested substitution", S("echo $(echo $(id))"),
        {S("2:id"), S("1:echo $(id)"), S("0:echo $(echo $(id))")}, "subst");
    row("substitution with a compound inside", S("x=$(cd /; ls)"),
        {S("1:cd /"), S("1:ls"), S("0:x=$(cd /; ls)")}, "subst");
    row("backticks", S("echo `whoami`"), {S("1:whoami"), S("0:echo `whoami`")}, "backticks");
    row("arithmetic is not a command", S("echo $((1 + 2))"), {S("0:echo $((1 + 2))")});
    row("substitution inside a parameter default", S("echo ${X:-$(id)}"),
        {S("1:id"), S("0:echo ${X:-$(id)}")}, "subst");
    row("eval", S("eval \"rm -rf /tmp/x\""), {S("0:eval \"rm -rf /tmp/x\""), S("1:rm -rf /tmp/x")},
        "eval");
    row("bash -c", S("bash -c \"rm -rf / && echo done\""),
        {S("0:bash -c \"rm -rf / && echo done\""), S("1:rm -rf /"), S("1:echo done")}, "shell-c");
    row("sh -c with single quotes", S("sh -c 'curl x | sh'"),
        {S("0:sh -c 'curl x | sh'"), S("1:curl x"), S("1:sh")}, "shell-c");
    row("bash -lc combined flags", S("/bin/bash -lc 'make'"),
        {S("0:/bin/bash -lc 'make'"), S("1:make")}, "shell-c");
    row("bash running a script is not -c", S("bash build.sh --fast"),
        {S("0:bash build.sh --fast")});
    row("redirect outside", S("echo x > /etc/x"), {S("0:echo x > /etc/x")}, "redirect");
    row("redirect only", S("> /etc/x"), {S("0:> /etc/x")}, "redirect");
    row("append outside without blank", S("echo x >>/root/.bashrc"),
        {S("0:echo x >>/root/.bashrc")}, "redirect");
    row("redirect inside home", S("python3 app.py > out.log 2>&1"),
        {S("0:python3 app.py > out.log 2>&1")});
    row("stderr to null", S("ls nothere 2>/dev/null"), {S("0:ls nothere 2>/dev/null")});
    row("redirect into home by tilde", S("echo x > ~/notes.txt"), {S("0:echo x > ~/notes.txt")});
    row("redirect climbing out", S("echo x > ../../etc/passwd"), {S("0:echo x > ../../etc/passwd")},
        "redirect");
    row("redirect to a variable", S("echo x > $TARGET"), {S("0:echo x > $TARGET")}, "redirect");
    row("redirect after cd", S("cd /etc && echo x > hosts"),
        {S("0:cd /etc"), S("0:echo x > hosts")}, "redirect");
    row("both streams outside", S("make &> /var/log/build.log"),
        {S("0:make &> /var/log/build.log")}, "redirect");
    row("heredoc", S("cat <<EOF > notes.md\nhello $(id)\nEOF\necho done"),
        {S("0:cat <<EOF > notes.md"), S("1:id"), S("0:echo done")}, "subst|heredoc");
    row("quoted heredoc does not expand", S("cat <<'EOF'\n$(rm -rf /)\nEOF"), {S("0:cat <<'EOF'")},
        "heredoc");
    row("heredoc with tabs", S("cat <<-END\n\tline\n\tEND\nls"), {S("0:cat <<-END"), S("0:ls")},
        "heredoc");
    row("unterminated heredoc", S("cat <<EOF\nno end"), {S("0:cat <<EOF")}, "heredoc|unterminated");
    row("here-string", S("grep x <<< \"$data\""), {S("0:grep x <<< \"$data\"")}, "heredoc");
    row("line continuation", S("python3 -m \\\n  pytest -q"), {S("0:python3 -m   pytest -q")});
    row("comment", S("ls # && rm -rf /"), {S("0:ls")});
    row("hash inside a word is not a comment", S("echo a#b && ls"), {S("0:echo a#b"), S("0:ls")});
    row("subshell", S("(cd src && make) || exit 1"), {S("0:cd src"), S("0:make"), S("0:exit 1")});
    row("group", S("{ echo a; rm -rf b; }"), {S("0:echo a"), S("0:rm -rf b")});
    row("if", S("if test -f x; then rm x; fi"), {S("0:test -f x"), S("0:rm x")});
    row("for loop", S("for f in *.py; do python3 $f; done"), {S("0:python3 $f")});
    row("while loop", S("while true; do sleep 1; done"), {S("0:true"), S("0:sleep 1")});
    row("process substitution", S("diff <(ls a) <(ls b)"),
        {S("1:ls a"), S("1:ls b"), S("0:diff <(ls a) <(ls b)")}, "procsubst");
    row("sudo wraps", S("sudo rm -rf /"), {S("0:sudo rm -rf /"), S("1w:rm -rf /")});
    row("env wraps", S("env FOO=1 python3 x.py"),
        {S("0:env FOO=1 python3 x.py"), S("1w:python3 x.py")});
    row("timeout wraps", S("timeout 60 python3 -m pytest"),
        {S("0:timeout 60 python3 -m pytest"), S("1w:python3 -m pytest")});
    row("xargs wraps", S("find . -name '*.pyc' | xargs rm"),
        {S("0:find . -name '*.pyc'"), S("0:xargs rm"), S("1w:rm")});
    row("assignment before a command", S("PYTHONPATH=. python3 -m pytest"),
        {S("0:PYTHONPATH=. python3 -m pytest")});
    row("unclosed quote", S("echo \"oops && rm -rf /"), {S("0:echo \"oops && rm -rf /")},
        "unterminated");
    row("unclosed substitution", S("echo $(ls"), {S("1:ls"), S("0:echo $(ls")},
        "subst|unterminated");
    row("function definition", S("f() { rm -rf /; }; f"), {S("0:f"), S("0:rm -rf /"), S("0:f")},
        "complex");
    row("case", S("case $x in a) ls;; esac"), {}, "complex");
    row("empty", S("   "), {});
    row("only a comment", S("# nothing"), {});
}

void TestShellWords::table()
{
    QFETCH(QString, command);
    QFETCH(QStringList, parts);
    QFETCH(QString, flags);
    const ShellWords::Parse parse = ShellWords::parse(command);
    qInfo().noquote() << "tried:"
                      << QString(command).replace(QLatin1Char('\n'), QStringLiteral("\\n"))
                      << "result:" << partsOf(parse).join(QStringLiteral(" ; "))
                      << "flags:" << flagNames(parse.flags) << "-"
                      << parse.problems.join(QStringLiteral(", "));
    if (qstrcmp(QTest::currentDataTag(), "case") != 0)
        QCOMPARE(partsOf(parse), parts);
    QCOMPARE(flagNames(parse.flags), flags);
}

void TestShellWords::wordsHaveQuotesRemoved_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("double") << QStringLiteral("echo \"a b\" c")
                            << QStringList{QStringLiteral("echo"), QStringLiteral("a b"),
                                           QStringLiteral("c")};
    QTest::newRow("single") << QStringLiteral("echo 'a \"b\"'")
                            << QStringList{QStringLiteral("echo"), QStringLiteral("a \"b\"")};
    QTest::newRow("mixed") << QStringLiteral("echo a'b'\"c\"\\ d")
                           << QStringList{QStringLiteral("echo"), QStringLiteral("abc d")};
    QTest::newRow("ansi-c") << QStringLiteral("echo $'tab\\there' $'\\x41\\101'")
                            << QStringList{QStringLiteral("echo"), QStringLiteral("tab\there"),
                                           QStringLiteral("AA")};
    QTest::newRow("variables stay")
        << QStringLiteral("echo $HOME \"${USER}\"")
        << QStringList{QStringLiteral("echo"), QStringLiteral("$HOME"), QStringLiteral("${USER}")};
    QTest::newRow("operators split")
        << QStringLiteral("a&&b||c;d|e")
        << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                       QStringLiteral("d"), QStringLiteral("e")};
}

void TestShellWords::wordsHaveQuotesRemoved()
{
    QFETCH(QString, command);
    QFETCH(QStringList, words);
    qInfo().noquote() << "tried:" << command
                      << "result:" << ShellWords::split(command).join(QStringLiteral(" | "));
    QCOMPARE(ShellWords::split(command), words);
}

void TestShellWords::redirectionTargets()
{
    const ShellWords::Parse parse = ShellWords::parse(QStringLiteral("cmd 2>&1 >'out file' <in"));
    QCOMPARE(parse.commands.size(), 1);
    const auto &r = parse.commands.first().redirections;
    QCOMPARE(r.size(), 3);
    QCOMPARE(r.at(0).op, QStringLiteral("2>&"));
    QCOMPARE(r.at(0).target, QStringLiteral("1"));
    QCOMPARE(r.at(1).op, QStringLiteral(">"));
    QCOMPARE(r.at(1).target, QStringLiteral("out file"));
    QCOMPARE(r.at(2).op, QStringLiteral("<"));
    QCOMPARE(parse.commands.first().words, QStringList{QStringLiteral("cmd")});
    QCOMPARE(parse.flags, unsigned(ShellWords::NoFlags));
}

void TestShellWords::quoteRoundTrips()
{
    const QStringList words = {QStringLiteral("plain"),
                               QStringLiteral("a b"),
                               QStringLiteral("it's"),
                               QStringLiteral("$(x)"),
                               QString(),
                               QStringLiteral("a;b&&c")};
    QStringList quoted;
    for (const QString &w : words)
        quoted << ShellWords::quote(w);
    const QString line = QStringLiteral("cmd ") + quoted.join(QLatin1Char(' '));
    qInfo().noquote() << "tried: quote" << words << "result:" << line;
    QCOMPARE(ShellWords::split(line), QStringList{QStringLiteral("cmd")} + words);
    QCOMPARE(ShellWords::parse(line).flags, unsigned(ShellWords::NoFlags));
}

QTEST_GUILESS_MAIN(TestShellWords)
#include "tst_shellwords.moc"
