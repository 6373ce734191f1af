// How fast the window comes up and how much memory it holds idle: the real MainWindow over a
// real AppContext (a data folder with 1,000 threads), on the offscreen platform. Prints
// numbers; no thresholds.
#include "main/MainWindow.h"
#include "root/AppContext.h"
#include "store/Store.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

namespace {

qint64 rssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Notes the first paint of any widget of the window.
class FirstPaint final : public QObject
{
public:
    qint64 at = -1;
    QElapsedTimer *clock = nullptr;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && at < 0)
            at = clock->nsecsElapsed();
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

int main(int argc, char **argv)
{
    QElapsedTimer clock;
    clock.start();
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const qint64 appReady = clock.nsecsElapsed();

    QTemporaryDir dir;
    {
        // A used data folder: 1,000 threads with a message each.
        AppContext filler(StudioPaths::underRoot(dir.path()));
        QString error;
        if (!filler.open(&error)) {
            std::fprintf(stderr, "cannot open: %s\n", qPrintable(error));
            return 1;
        }
        Store &store = filler.store();
        (void)store.setDurability(Store::Durability::Normal);
        for (int i = 0; i < 1000; ++i) {
            const auto thread = store.createThread(QStringLiteral("Thread %1").arg(i),
                                                   QStringLiteral("openai/gpt-4o-mini"));
            if (!thread)
                return 1;
            NewMessage message;
            message.threadId = thread->id;
            message.role = MessageRole::User;
            message.parts = NewMessage::textParts(
                QStringLiteral("write a function number %1 with tests").arg(i));
            (void)store.appendMessage(message);
        }
    }

    const qint64 rssBefore = rssKiB();
    QElapsedTimer windowClock;
    windowClock.start();
    AppContext context(StudioPaths::underRoot(dir.path()));
    QString error;
    if (!context.open(&error)) {
        std::fprintf(stderr, "cannot open: %s\n", qPrintable(error));
        return 1;
    }
    const qint64 contextOpen = windowClock.nsecsElapsed();
    FirstPaint paint;
    paint.clock = &windowClock;
    app.installEventFilter(&paint);
    MainWindow window(context);
    const qint64 constructed = windowClock.nsecsElapsed();
    window.show();
    while (paint.at < 0 && windowClock.elapsed() < 30000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    app.removeEventFilter(&paint);

    // Idle: let timers settle for a second, then read the resident memory.
    QTimer::singleShot(1000, &app, &QCoreApplication::quit);
    app.exec();
    const qint64 rssIdle = rssKiB();

    std::printf("bench_window: QApplication ready              %8.1f ms\n", appReady / 1e6);
    std::printf("bench_window: AppContext open (1,000 threads) %8.1f ms\n", contextOpen / 1e6);
    std::printf("bench_window: MainWindow constructed          %8.1f ms\n", constructed / 1e6);
    std::printf("bench_window: start to first painted window   %8.1f ms (from AppContext)\n",
                paint.at / 1e6);
    // The filling of the data folder happens in between, so a real start is the sum.
    std::printf("bench_window: start (QApplication + window)    %8.1f ms\n",
                (appReady + paint.at) / 1e6);
    std::printf("bench_window: RSS before the window           %8lld KiB\n", rssBefore);
    std::printf("bench_window: idle RSS with the window        %8lld KiB\n", rssIdle);
    return paint.at < 0 ? 1 : 0;
}
