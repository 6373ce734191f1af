// Benchmark of the local sandbox server through the real client (prints numbers, asserts
// nothing about time): create-to-started, an execute of `true` round trip, and uploading 100
// files of 10 KB. Medians over repeated runs. Aim: create < 50 ms, execute < 15 ms.
#include "SandboxTestSupport.h"
#include "localsandbox/LocalSandboxServer.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxWaiter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <sys/stat.h>

namespace {

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n == 0 ? 0 : (n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("studio.localsandbox.info=false"));
    QTextStream out(stdout);
    QTemporaryDir dir;
    ::chmod(QFile::encodeName(dir.path()).constData(), 0711); // reachable when run as root
    LocalSandboxOptions options;
    options.dataDir = dir.path();
    LocalSandboxServer server(options);
    QString error;
    if (!server.start(&error)) {
        out << "bench_localsandbox: " << error << '\n';
        return 1;
    }
    DaytonaClient client(
        DaytonaConfig::fromValues(server.token(), server.apiUrl().toString(), QString()));

    QList<double> create;
    QList<double> execute;
    QList<double> upload;
    QList<Sandbox> sandboxes;
    for (int i = 0; i < 20; ++i) {
        QElapsedTimer t;
        t.start();
        const DaytonaResult r = awaitResult(client.createAndWait(CreateSandboxParams()));
        create.append(t.nsecsElapsed() / 1e6);
        if (!r.ok()) {
            out << "create failed: " << r.error.message << '\n';
            return 1;
        }
        sandboxes.append(r.sandbox);
    }
    const Sandbox sb = sandboxes.constFirst();
    awaitResult(client.execute(sb, QStringLiteral("true"))); // warm caches
    for (int i = 0; i < 30; ++i) {
        QElapsedTimer t;
        t.start();
        const DaytonaResult r = awaitResult(client.execute(sb, QStringLiteral("true")));
        execute.append(t.nsecsElapsed() / 1e6);
        if (!r.ok()) {
            out << "execute failed: " << r.error.message << '\n';
            return 1;
        }
    }
    QList<UploadItem> files;
    for (int i = 0; i < 100; ++i)
        files.append({QStringLiteral("/home/daytona/bench/f%1.txt").arg(i),
                      QByteArray(10 * 1024, char('a' + i % 26))});
    for (int i = 0; i < 7; ++i) {
        QElapsedTimer t;
        t.start();
        const DaytonaResult r = awaitResult(client.uploadFiles(sb, files));
        upload.append(t.nsecsElapsed() / 1e6);
        if (!r.ok()) {
            out << "upload failed: " << r.error.message << '\n';
            return 1;
        }
    }
    for (const Sandbox &s : std::as_const(sandboxes))
        awaitResult(client.deleteSandbox(s.id));

    out << Qt::fixed;
    out.setRealNumberPrecision(2);
    out << "local sandbox: create-to-started median " << median(create) << " ms over "
        << create.size() << " runs\n";
    out << "local sandbox: execute `true` round trip median " << median(execute) << " ms over "
        << execute.size() << " runs\n";
    out << "local sandbox: upload 100 x 10 KB median " << median(upload) << " ms over "
        << upload.size() << " runs\n";
    return 0;
}
