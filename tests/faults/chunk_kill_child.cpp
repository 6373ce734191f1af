// The headless engine for tst_chunkkill: an AppContext on DATA_DIR whose model is the test's
// local server (OPENAI_BASE_URL). It sends one message in a new thread and prints every text
// delta the moment the engine announces it (after the store has committed it, DESIGN.md
// "Storage and secrets"), so the test knows what was acknowledged when it kills us.
//
//   chunk_kill_child DATA_DIR
//   stdout: "thread T", then "delta TEXT" per announced delta (TEXT has no spaces)
#include "agent/AgentEngine.h"
#include "root/AppContext.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2)
        return 2;
    AppContext context(StudioPaths::underRoot(QString::fromLocal8Bit(argv[1])));
    QString error;
    if (!context.open(&error)) {
        std::fprintf(stderr, "chunk_kill_child: %s\n", qPrintable(error));
        return 1;
    }
    context.setSandboxProvider(QStringLiteral("local"));
    AgentEngine *engine = context.agentEngine(&error);
    if (!engine) {
        std::fprintf(stderr, "chunk_kill_child: %s\n", qPrintable(error));
        return 1;
    }
    QObject::connect(engine, &AgentEngine::runEvent, &app, [&](const RunEvent &event) {
        switch (event.type) {
        case RunEvent::Type::TextDelta:
            std::printf("delta %s\n", qPrintable(event.text));
            std::fflush(stdout);
            break;
        case RunEvent::Type::RunFinished:
        case RunEvent::Type::RunFailed:
        case RunEvent::Type::RunCancelled:
            QTimer::singleShot(0, &app, &QCoreApplication::quit);
            break;
        default:
            break;
        }
    });
    const auto thread = context.store().createThread(QStringLiteral("chunks"),
                                                     QStringLiteral("openai/gpt-4o-mini"));
    if (!thread) {
        std::fprintf(stderr, "chunk_kill_child: %s\n", qPrintable(thread.error()));
        return 1;
    }
    std::printf("thread %lld\n", static_cast<long long>(thread->id));
    std::fflush(stdout);
    if (!engine->send(thread->id, QStringLiteral("count slowly"), {}, &error)) {
        std::fprintf(stderr, "chunk_kill_child: %s\n", qPrintable(error));
        return 1;
    }
    return app.exec();
}
