// The seccomp filter (issue 14 item 16): the programs for x86_64 and aarch64 run through a
// classic-BPF interpreter here (aarch64 cannot run on this machine), their syscall numbers are
// checked against the kernel headers, socket families other than AF_UNIX/AF_INET/AF_INET6 (and
// netlink other than NETLINK_ROUTE) are refused inside a real sandbox, and where no filter
// exists the server says so in the log and the sandbox list shows it.
#include "../app/localsandbox/SandboxTestSupport.h"
#include "GenericSyscalls.h"
#include "localsandbox/LocalSandboxServer.h"
#include "localsandbox/SandboxProcess.h"
#include "localsandbox/SeccompFilter.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxBackend.h"
#include "sandbox/SandboxWaiter.h"
#include "sandboxes/SandboxManagerPanel.h"
#include "services/SandboxService.h"
#include "store/Store.h"

#include <QApplication>
#include <QDir>
#include <QJsonObject>
#include <QLabel>
#include <QTemporaryDir>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/netlink.h>
#include <linux/seccomp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>

namespace {

// A classic-BPF interpreter for what a seccomp program may use: absolute word loads from
// seccomp_data, conditional jumps against constants, returns.
quint32 runFilter(const QByteArray &program, const seccomp_data &data)
{
    const auto *code = reinterpret_cast<const sock_filter *>(program.constData());
    const qsizetype count = program.size() / qsizetype(sizeof(sock_filter));
    quint32 a = 0;
    for (qsizetype pc = 0; pc < count; ++pc) {
        const sock_filter &i = code[pc];
        switch (i.code) {
        case BPF_LD | BPF_W | BPF_ABS:
            if (i.k + 4 > sizeof(seccomp_data))
                return 0xdeadbeef;
            memcpy(&a, reinterpret_cast<const char *>(&data) + i.k, 4);
            break;
        case BPF_JMP | BPF_JEQ | BPF_K:
            pc += a == i.k ? i.jt : i.jf;
            break;
        case BPF_JMP | BPF_JGE | BPF_K:
            pc += a >= i.k ? i.jt : i.jf;
            break;
        case BPF_JMP | BPF_JGT | BPF_K:
            pc += a > i.k ? i.jt : i.jf;
            break;
        case BPF_JMP | BPF_JA:
            pc += i.k;
            break;
        case BPF_RET | BPF_K:
            return i.k;
        default:
            return 0xbadc0de; // an instruction this interpreter (and the test) does not expect
        }
    }
    return 0xfa11; // fell off the end: the kernel rejects such a program
}

seccomp_data call(quint32 arch, int nr, quint64 arg0 = 0, quint64 arg1 = 0, quint64 arg2 = 0)
{
    seccomp_data d{};
    d.nr = nr;
    d.arch = arch;
    d.args[0] = arg0;
    d.args[1] = arg1;
    d.args[2] = arg2;
    return d;
}

QString verdict(quint32 r)
{
    if (r == SECCOMP_RET_ALLOW)
        return QStringLiteral("allow");
    if (r == SECCOMP_RET_KILL_PROCESS)
        return QStringLiteral("kill");
    if ((r & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_ERRNO)
        return QStringLiteral("errno %1").arg(r & SECCOMP_RET_DATA);
    return QStringLiteral("0x%1").arg(r, 0, 16);
}

QString errnoVerdict(int e)
{
    return QStringLiteral("errno %1").arg(e);
}

} // namespace

class TestSeccompFilter final : public QObject
{
    Q_OBJECT
private slots:
    void numbersMatchTheKernelHeaders_data();
    void numbersMatchTheKernelHeaders();
    void programDecides_data();
    void programDecides();
    void socketFamiliesInARealSandbox();
    void noFilterIsSaidLoudly();
};

void TestSeccompFilter::numbersMatchTheKernelHeaders_data()
{
    QTest::addColumn<int>("arch");
    QTest::newRow("aarch64") << int(SeccompFilter::Arch::AArch64);
#if defined(__x86_64__)
    QTest::newRow("x86_64") << int(SeccompFilter::Arch::X86_64);
#endif
}

void TestSeccompFilter::numbersMatchTheKernelHeaders()
{
    QFETCH(int, arch);
    const auto a = SeccompFilter::Arch(arch);
    QHash<QString, int> expected;
    if (a == SeccompFilter::Arch::AArch64) {
        expected = genericSyscallNumbers();
    } else {
#if defined(__x86_64__)
#define STUDIO_HOST(name) expected.insert(QStringLiteral(#name), __NR_##name);
        // clang-format off
        STUDIO_HOST(ptrace)
        STUDIO_HOST(process_vm_readv)
        STUDIO_HOST(process_vm_writev)
        STUDIO_HOST(pidfd_getfd)
        STUDIO_HOST(keyctl)
        STUDIO_HOST(add_key)
        STUDIO_HOST(request_key)
        STUDIO_HOST(bpf)
        STUDIO_HOST(perf_event_open)
        STUDIO_HOST(userfaultfd)
        STUDIO_HOST(io_uring_setup)
        STUDIO_HOST(io_uring_enter)
        STUDIO_HOST(io_uring_register)
        STUDIO_HOST(mount)
        STUDIO_HOST(umount2)
        STUDIO_HOST(pivot_root)
        STUDIO_HOST(chroot)
        STUDIO_HOST(unshare)
        STUDIO_HOST(setns)
        STUDIO_HOST(open_tree)
        STUDIO_HOST(move_mount)
        STUDIO_HOST(fsopen)
        STUDIO_HOST(fsconfig)
        STUDIO_HOST(fsmount)
        STUDIO_HOST(fspick)
        STUDIO_HOST(mount_setattr)
        STUDIO_HOST(kexec_load)
        STUDIO_HOST(kexec_file_load)
        STUDIO_HOST(init_module)
        STUDIO_HOST(finit_module)
        STUDIO_HOST(delete_module)
        STUDIO_HOST(open_by_handle_at)
        STUDIO_HOST(name_to_handle_at)
        STUDIO_HOST(acct)
        STUDIO_HOST(swapon)
        STUDIO_HOST(swapoff)
        STUDIO_HOST(reboot)
        STUDIO_HOST(syslog)
        STUDIO_HOST(uselib)
        STUDIO_HOST(quotactl)
        STUDIO_HOST(socket)
        STUDIO_HOST(socketpair)
        // clang-format on
#undef STUDIO_HOST
#endif
    }
    QList<SeccompFilter::Syscall> calls = SeccompFilter::deniedSyscalls(a);
    calls << SeccompFilter::socketSyscall(a) << SeccompFilter::socketPairSyscall(a);
    QVERIFY(calls.size() > 30);
    for (const SeccompFilter::Syscall &c : std::as_const(calls)) {
        const QString name = QString::fromLatin1(c.name);
        QVERIFY2(expected.contains(name),
                 qPrintable(name + QStringLiteral(" is not in the header")));
        QCOMPARE(c.number, expected.value(name));
    }
    qInfo() << "tried:" << calls.size() << "syscall numbers of" << QTest::currentDataTag()
            << "against the kernel headers; result: all equal";
}

void TestSeccompFilter::programDecides_data()
{
    QTest::addColumn<int>("arch");
    QTest::addColumn<quint32>("auditArch");
    QTest::addColumn<int>("ioctlNr");
    QTest::addColumn<int>("readNr");
    QTest::newRow("aarch64") << int(SeccompFilter::Arch::AArch64) << quint32(AUDIT_ARCH_AARCH64)
                             << genericSyscallNumbers().value(QStringLiteral("ioctl"))
                             << genericSyscallNumbers().value(QStringLiteral("read"));
#if defined(__x86_64__)
    QTest::newRow("x86_64") << int(SeccompFilter::Arch::X86_64) << quint32(AUDIT_ARCH_X86_64)
                            << int(__NR_ioctl) << int(__NR_read);
#endif
}

void TestSeccompFilter::programDecides()
{
    QFETCH(int, arch);
    QFETCH(quint32, auditArch);
    QFETCH(int, ioctlNr);
    QFETCH(int, readNr);
    const auto a = SeccompFilter::Arch(arch);
    const QByteArray program = SeccompFilter::program(a);
    QVERIFY(!program.isEmpty());
    QCOMPARE(program.size() % qsizetype(sizeof(sock_filter)), 0);
    QVERIFY(program.size() / qsizetype(sizeof(sock_filter)) < BPF_MAXINSNS);
    QCOMPARE(SeccompFilter::auditArch(a), auditArch);
    auto run = [&](const seccomp_data &d) { return verdict(runFilter(program, d)); };
    const int socketNr = SeccompFilter::socketSyscall(a).number;
    const int socketPairNr = SeccompFilter::socketPairSyscall(a).number;

    // The architecture check: the other architecture's (and 32-bit ARM's) calls are killed.
    const quint32 foreign = auditArch == AUDIT_ARCH_X86_64 ? AUDIT_ARCH_AARCH64 : AUDIT_ARCH_X86_64;
    QCOMPARE(run(call(foreign, readNr)), QStringLiteral("kill"));
    QCOMPARE(run(call(AUDIT_ARCH_ARM, readNr)), QStringLiteral("kill"));
    QCOMPARE(run(call(AUDIT_ARCH_I386, readNr)), QStringLiteral("kill"));
    QCOMPARE(run(call(auditArch, readNr)), QStringLiteral("allow"));
    for (const SeccompFilter::Syscall &c : SeccompFilter::deniedSyscalls(a))
        QCOMPARE(run(call(auditArch, c.number)), errnoVerdict(EPERM));
    if (a == SeccompFilter::Arch::X86_64)
        QCOMPARE(run(call(auditArch, 0x40000000 + readNr)), errnoVerdict(EPERM)); // x32

    struct Family
    {
        const char *name;
        int family;
        int protocol;
        QString expected;
    };
    const QList<Family> families{
        {"AF_UNIX", AF_UNIX, 0, QStringLiteral("allow")},
        {"AF_INET", AF_INET, 0, QStringLiteral("allow")},
        {"AF_INET6", AF_INET6, 0, QStringLiteral("allow")},
        {"AF_NETLINK/ROUTE", AF_NETLINK, NETLINK_ROUTE, QStringLiteral("allow")},
        {"AF_NETLINK/SOCK_DIAG", AF_NETLINK, NETLINK_SOCK_DIAG, errnoVerdict(EPROTONOSUPPORT)},
        {"AF_NETLINK/KOBJECT_UEVENT", AF_NETLINK, NETLINK_KOBJECT_UEVENT,
         errnoVerdict(EPROTONOSUPPORT)},
        {"AF_ALG", AF_ALG, 0, errnoVerdict(EAFNOSUPPORT)},
        {"AF_VSOCK", AF_VSOCK, 0, errnoVerdict(EAFNOSUPPORT)},
        {"AF_TIPC", AF_TIPC, 0, errnoVerdict(EAFNOSUPPORT)},
        {"AF_KEY", AF_KEY, 0, errnoVerdict(EAFNOSUPPORT)},
        {"AF_PACKET", AF_PACKET, 0, errnoVerdict(EAFNOSUPPORT)},
        {"AF_BLUETOOTH", AF_BLUETOOTH, 0, errnoVerdict(EAFNOSUPPORT)},
        {"AF_XDP", AF_XDP, 0, errnoVerdict(EAFNOSUPPORT)},
    };
    QStringList seen;
    for (const Family &f : families) {
        const QString got
            = run(call(auditArch, socketNr, quint64(f.family), SOCK_STREAM, quint64(f.protocol)));
        seen << QStringLiteral("%1=%2").arg(QLatin1String(f.name), got);
        QCOMPARE(got, f.expected);
        QCOMPARE(
            run(call(auditArch, socketPairNr, quint64(f.family), SOCK_STREAM, quint64(f.protocol))),
            f.expected);
    }
    // The kernel reads the family as an int: high bits do not make AF_ALG another family.
    QCOMPARE(run(call(auditArch, socketNr, (quint64(1) << 32) | AF_ALG, SOCK_SEQPACKET)),
             errnoVerdict(EAFNOSUPPORT));
    QCOMPARE(run(call(auditArch, socketNr, (quint64(1) << 32) | AF_INET, SOCK_STREAM)),
             QStringLiteral("allow"));
    // TIOCSTI, also with garbage in the request's high bits (CVE-2019-10063).
    QCOMPARE(run(call(auditArch, ioctlNr, 0, TIOCSTI)), errnoVerdict(EPERM));
    QCOMPARE(run(call(auditArch, ioctlNr, 0, (quint64(1) << 32) | TIOCSTI)), errnoVerdict(EPERM));
    QCOMPARE(run(call(auditArch, ioctlNr, 0, TIOCLINUX)), errnoVerdict(EPERM));
    QCOMPARE(run(call(auditArch, ioctlNr, 0, FIONREAD)), QStringLiteral("allow"));
    qInfo().noquote() << "tried: the" << QTest::currentDataTag() << "program ("
                      << program.size() / qsizetype(sizeof(sock_filter))
                      << "instructions) on socket families; result:" << seen.join(QLatin1Char(' '));
}

void TestSeccompFilter::socketFamiliesInARealSandbox()
{
    const QString problem = SandboxProcess::hostProblem();
    if (!problem.isEmpty())
        QFAIL(qPrintable(problem));
    QTemporaryDir dir;
    QVERIFY(::chmod(QFile::encodeName(dir.path()).constData(), 0711) == 0);
    LocalSandboxOptions options;
    options.dataDir = dir.path();
    LocalSandboxServer server(options);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    DaytonaClient client(
        DaytonaConfig::fromValues(server.token(), server.apiUrl().toString(), QString()));
    const DaytonaResult created = awaitResult(client.createAndWait(CreateSandboxParams()));
    QVERIFY2(created.ok(), qPrintable(created.error.message));
    const QString script = QStringLiteral(R"PY(
import errno, socket
def attempt(name, make):
    try:
        make().close()
        print(name, "ok")
    except OSError as e:
        print(name, errno.errorcode.get(e.errno, e.errno))
attempt("AF_ALG", lambda: socket.socket(socket.AF_ALG, socket.SOCK_SEQPACKET))
attempt("AF_VSOCK", lambda: socket.socket(socket.AF_VSOCK, socket.SOCK_STREAM))
attempt("AF_PACKET", lambda: socket.socket(socket.AF_PACKET, socket.SOCK_RAW))
attempt("AF_TIPC", lambda: socket.socket(socket.AF_TIPC, socket.SOCK_RDM))
attempt("AF_NETLINK_ROUTE", lambda: socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0))
attempt("AF_NETLINK_SOCK_DIAG", lambda: socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 4))
attempt("AF_INET", lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM))
attempt("AF_INET6", lambda: socket.socket(socket.AF_INET6, socket.SOCK_DGRAM))
attempt("AF_UNIX", lambda: socket.socket(socket.AF_UNIX, socket.SOCK_STREAM))
attempt("socketpair", lambda: socket.socketpair()[0])
try:
    socket.if_nameindex()  # libc asks netlink (NETLINK_ROUTE), as getaddrinfo's AI_ADDRCONFIG does
    print("if_nameindex ok")
except OSError as e:
    print("if_nameindex", e)
)PY");
    const DaytonaResult r = awaitResult(client.execute(
        created.sandbox, QStringLiteral("python3 - <<'EOF'\n") + script + QStringLiteral("EOF\n")));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    const QString out = ExecResult::fromJson(r.json().object()).result;
    qInfo().noquote() << "tried: python3 socket() of each family in a sandbox; result:"
                      << QString(out).replace(QLatin1Char('\n'), QLatin1String("; "));
    for (const char *line :
         {"AF_ALG EAFNOSUPPORT", "AF_VSOCK EAFNOSUPPORT", "AF_PACKET EAFNOSUPPORT",
          "AF_TIPC EAFNOSUPPORT", "AF_NETLINK_ROUTE ok", "AF_NETLINK_SOCK_DIAG EPROTONOSUPPORT",
          "AF_INET ok", "AF_INET6 ok", "AF_UNIX ok", "socketpair ok", "if_nameindex ok"})
        QVERIFY2(out.contains(QLatin1String(line) + QLatin1Char('\n')),
                 qPrintable(QStringLiteral("%1 missing in: %2").arg(QLatin1String(line), out)));
    QVERIFY(awaitResult(client.deleteSandbox(created.sandbox.id)).ok());
}

void TestSeccompFilter::noFilterIsSaidLoudly()
{
    // On this machine there is a filter, and nothing to say.
    QCOMPARE(SeccompFilter::missingFilterWarning(), QString());
    QVERIFY(!SeccompFilter::program().isEmpty());
    // Where there is none (a riscv64 machine, pretended): the log and the sandbox list say so.
    QCOMPARE(SeccompFilter::program(SeccompFilter::archFromName(QStringLiteral("riscv64"))),
             QByteArray());
    QTemporaryDir dir;
    QVERIFY(::chmod(QFile::encodeName(dir.path()).constData(), 0711) == 0);
    LocalSandboxOptions options;
    options.dataDir = dir.filePath(QStringLiteral("local"));
    options.architecture = QStringLiteral("riscv64");
    QVERIFY(QDir().mkpath(options.dataDir));
    static QStringList warnings;
    warnings.clear();
    const QtMessageHandler previous = qInstallMessageHandler(
        [](QtMsgType type, const QMessageLogContext &, const QString &message) {
            if (type == QtWarningMsg)
                warnings << message;
        });
    Store store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("studio.sqlite3"))));
    SandboxBackend backend(DaytonaConfig(), LocalSandboxServer::starter(options));
    SandboxService sandboxes(store, [&backend](QString *) { return &backend; });
    SandboxManagerPanel panel(sandboxes);
    panel.show();
    sandboxes.refresh(); // starts the local server, as opening the list does
    auto *label = panel.findChild<QLabel *>(QStringLiteral("sandboxWarningLabel"));
    QVERIFY(label);
    QTRY_VERIFY_WITH_TIMEOUT(label->isVisible(), 20000);
    qInstallMessageHandler(previous);
    qInfo().noquote() << "tried: the local server on a pretended riscv64; result: the list says"
                      << label->text() << "and the log:" << warnings.join(QLatin1String(" | "));
    QVERIFY(label->text().contains(QLatin1String("WITHOUT a seccomp filter")));
    QVERIFY(label->text().contains(QLatin1String("riscv64")));
    QVERIFY(std::any_of(warnings.cbegin(), warnings.cend(), [](const QString &w) {
        return w.contains(QLatin1String("WITHOUT a seccomp filter"));
    }));
    // A machine with a filter shows nothing.
    QVERIFY(SeccompFilter::missingFilterWarning(QStringLiteral("aarch64")).isEmpty());
}

QTEST_MAIN(TestSeccompFilter)
#include "tst_seccompfilter.moc"
