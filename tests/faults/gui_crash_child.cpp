// The window, driven as a user would, for tst_crashloop's "window" rows: the real MainWindow
// over an AppContext on the given data folder (the model is the test's local server, named by
// OPENAI_BASE_URL; sandboxes are the real local ones; commands run without asking). It types
// the brief's request into the composer and presses Enter ("send"), or selects thread 1 and
// uses Thread > Retry / Continue ("continue"). Each finished step's step-log line is printed
// the moment the window shows it, so the test knows what was acknowledged when it kills us.
//
//   gui_crash_child DATA_DIR send|continue
#include "agent/AgentEngine.h"
#include "chat/ChatPane.h"
#include "core/Settings.h"
#include "main/MainWindow.h"
#include "root/AppContext.h"
#include "threads/ThreadSidebar.h"

#include <QAction>
#include <QApplication>
#include <QPlainTextEdit>
#include <QTest>
#include <QTimer>

#include <cstdio>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc != 3)
        return 2;
    const QString mode = QString::fromLocal8Bit(argv[2]);
    AppContext context(StudioPaths::underRoot(QString::fromLocal8Bit(argv[1])));
    QString error;
    if (!context.open(&error)) {
        std::fprintf(stderr, "gui_crash_child: %s\n", qPrintable(error));
        return 1;
    }
    context.settings().setDefaultModel(QStringLiteral("openai/gpt-4o-mini"));
    context.settings().setApprovalPolicy(QStringLiteral("never-ask"));
    context.settings().setSandboxProvider(QStringLiteral("local"));
    context.settings().setFirstRunDone(true);
    AgentEngine *engine = context.agentEngine(&error);
    if (!engine) {
        std::fprintf(stderr, "gui_crash_child: %s\n", qPrintable(error));
        return 1;
    }
    int status = 0;
    QObject::connect(engine, &AgentEngine::runEvent, &app, [&](const RunEvent &event) {
        switch (event.type) {
        case RunEvent::Type::StepFinished:
            std::fwrite(event.stepLog.trimmed().constData(), 1,
                        size_t(event.stepLog.trimmed().size()), stdout);
            std::fputc('\n', stdout);
            std::fflush(stdout);
            break;
        case RunEvent::Type::RunFinished:
            QTimer::singleShot(0, &app, &QCoreApplication::quit);
            break;
        case RunEvent::Type::RunFailed:
        case RunEvent::Type::RunCancelled:
            std::fprintf(stderr, "gui_crash_child: the run ended: %s\n", qPrintable(event.error));
            status = 1;
            QTimer::singleShot(0, &app, &QCoreApplication::quit);
            break;
        default:
            break;
        }
    });

    MainWindow window(context);
    window.show();
    QTimer::singleShot(0, &window, [&] {
        if (mode == QLatin1String("continue")) {
            window.sidebar()->selectThread(1);
            window.findChild<QAction *>(QStringLiteral("actionContinue"))->trigger();
            return;
        }
        auto *composer = window.findChild<QPlainTextEdit *>(QStringLiteral("composer"));
        composer->setFocus();
        QTest::keyClicks(composer,
                         QStringLiteral("write a function that reverses a string, with "
                                        "unit tests, and run them"));
        QTest::keyClick(composer, Qt::Key_Return);
    });
    const int code = app.exec();
    return status != 0 ? status : code;
}
