// studio_screenshots: pictures of the real window for the README, in a real run of the brief's
// scenario (a local OpenAI-shaped server plays the model; sandboxes are the real local ones;
// the approval policy asks before commands). Writes into the folder given:
//   approval.png      the approval dialog over the window, for runCommand
//   finished-run.png  the finished run: conversation, tool cards, the inspector on runCommand
//   inline-output.png the same run with its writeFiles and runCommand cards open in the chat
//   sandboxes.png     the sandbox list with the run's sandbox
//   finished-run-dark.png  the same finished run in the dark theme
//   changes.png       after "now make it handle None": the Changes tab on the last run
//   cost.png          the status bar's cost and context meter (a $1.00 budget set) and the
//                     inspector's cost per run and step
// Run it through scripts/screenshots.sh (under Xvfb when there is one, else offscreen).
#include "../app/agent/AgentTestSupport.h"
#include "../app/agent/ScriptedModel.h"
#include "../ui/main/WindowTestSupport.h"

#include "approval/ApprovalCenter.h"
#include "changes/ChangesPanel.h"
#include "changes/DiffView.h"
#include "inspector/InspectorPanel.h"
#include "main/Theme.h"
#include "sandboxes/SandboxListModel.h"
#include "sandboxes/SandboxManagerPanel.h"
#include "services/CostService.h"
#include "services/ThreadService.h"
#include "threads/ThreadSidebar.h"

#include <QAction>
#include <QDialog>
#include <QDir>
#include <QElapsedTimer>
#include <QListView>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeView>

#include <cstdio>

namespace {

bool waitFor(const std::function<bool()> &condition, int timeoutMs = 60000)
{
    QElapsedTimer clock;
    clock.start();
    while (!condition()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QTest::qWait(20);
    }
    return true;
}

bool save(const QPixmap &picture, const QString &path)
{
    if (!picture.save(path)) {
        std::fprintf(stderr, "studio_screenshots: cannot write %s\n", qPrintable(path));
        return false;
    }
    std::printf("studio_screenshots: wrote %s (%dx%d)\n", qPrintable(path), picture.width(),
                picture.height());
    return true;
}

// The window with a dialog drawn over its middle, as the user sees it.
QPixmap withDialog(QWidget *window, QWidget *dialog)
{
    QPixmap picture = window->grab();
    QPainter painter(&picture);
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 60));
    const QPixmap top = dialog->grab();
    const QPoint at((picture.width() - top.width()) / 2, (picture.height() - top.height()) / 3);
    painter.setPen(window->palette().color(QPalette::Mid));
    painter.drawRect(QRect(at, top.size()).adjusted(-1, -1, 0, 0));
    painter.drawPixmap(at, top);
    return picture;
}

int fail(const char *what)
{
    std::fprintf(stderr, "studio_screenshots: %s\n", what);
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QString out
        = QDir(argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("docs/screenshots"))
              .absolutePath();
    if (!QDir().mkpath(out))
        return fail("cannot create the output folder");
    Theme theme(app);
    theme.apply(Theme::Mode::Light);

    WindowFixture f;
    if (!f.open(QStringLiteral("default")))
        return fail("cannot open the app's services here");
    f.window->setTheme(&theme);
    f.window->resize(1400, 860);
    f.window->mainSplitter()->setSizes({230, 560, 610});
    // A few earlier threads, so the sidebar looks used.
    for (const char *title : {"Parse CSV files with quoted fields", "Fibonacci with memoization",
                              "Flask hello world with a test"}) {
        (void)f.context->threads().create(QString::fromLatin1(title),
                                          QStringLiteral("openai/gpt-4o-mini"));
    }
    // The brief, then "now make it handle None" (one writeFile) for the Changes tab.
    QList<ScriptedModel::Step> steps = briefScenario();
    steps << [](const RecordedRequest &request) {
        return ScriptedStep{
            QString(),
            {{QStringLiteral("call_none"), QStringLiteral("writeFile"),
              QJsonObject{{QStringLiteral("sandboxId"), sandboxIdFrom(request.body)},
                          {QStringLiteral("path"), QStringLiteral("reverse_string.py")},
                          {QStringLiteral("content"),
                           QStringLiteral("def reverse_string(s):\n    \"\"\"Reverse s; None "
                                          "stays None.\"\"\"\n    if s is None:\n        return "
                                          "None\n    return s[::-1]\n")}},
              QString()}}};
    };
    steps << [](const RecordedRequest &) {
        return ScriptedStep{QStringLiteral("reverse_string(None) now returns None."), {}};
    };
    ScriptedModel script(f.server, Wire::OpenAi, steps);

    auto *composer = f.find<QPlainTextEdit>(QStringLiteral("composer"));
    composer->setFocus();
    QTest::keyClicks(composer, briefRequest());
    QTest::keyClick(composer, Qt::Key_Return);

    QDialog *dialog = nullptr;
    if (!waitFor([&] {
            dialog = f.find<QDialog>(QStringLiteral("approvalDialog"));
            return dialog && dialog->isVisible();
        }))
        return fail("the approval dialog did not open");
    QTest::qWait(200);
    if (!save(withDialog(f.window.get(), dialog), out + QStringLiteral("/approval.png")))
        return 1;
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("approveButton")),
                      Qt::LeftButton);

    if (!waitFor([&] { return f.allText().contains(QStringLiteral("All 4 tests pass")); }))
        return fail("the run did not finish");
    // The model names the thread after its first answer.
    waitFor([&] { return !f.window->windowTitle().startsWith(QStringLiteral("New thread")); },
            5000);

    // The runCommand card, activated: its node in the inspector, result open.
    const auto cards = f.rowsOfKind(ConversationModel::Kind::ToolCall);
    if (cards.size() != 3)
        return fail("expected three tool cards");
    emit f.window->chat()->toolCardActivated(
        cards.last().data(ConversationModel::ToolCallRowIdRole).toLongLong());
    QTreeView *tree = f.window->inspector()->tree();
    if (!waitFor([&] { return tree->currentIndex().isValid(); }, 10000))
        return fail("the inspector did not select the call");
    const QModelIndex call = tree->currentIndex();
    tree->expand(call);
    QTest::qWait(100);
    for (int row = 0; row < tree->model()->rowCount(call); ++row)
        tree->expand(tree->model()->index(row, 0, call));
    QTest::qWait(300);
    if (!save(f.window->grab(), out + QStringLiteral("/finished-run.png")))
        return 1;

    // The writeFiles and runCommand cards open: files with sizes, the command's output inline.
    ConversationModel *conversation = f.conversation();
    for (const QModelIndex &card : {cards.at(1), cards.at(2)})
        conversation->setData(card, true, ConversationModel::ExpandedRole);
    f.window->chat()->conversationView()->setCurrentIndex(cards.at(2));
    QTest::qWait(300);
    f.window->chat()->conversationView()->scrollToBottom();
    QTest::qWait(300);
    if (!save(f.window->grab(), out + QStringLiteral("/inline-output.png")))
        return 1;
    for (const QModelIndex &card : {cards.at(1), cards.at(2)})
        conversation->setData(card, false, ConversationModel::ExpandedRole);
    f.window->chat()->conversationView()->setCurrentIndex({});

    f.find<QAction>(QStringLiteral("actionShowSandboxes"))->trigger();
    if (!waitFor([&] { return f.window->sandboxPanel()->model()->rowCount() > 0; }, 20000))
        return fail("the sandbox list stayed empty");
    QTest::qWait(200);
    if (!save(f.window->grab(), out + QStringLiteral("/sandboxes.png")))
        return 1;

    f.find<QAction>(QStringLiteral("actionShowInspector"))->trigger();
    f.find<QAction>(QStringLiteral("actionThemeDark"))->trigger();
    QTest::qWait(300);
    if (!save(f.window->grab(), out + QStringLiteral("/finished-run-dark.png")))
        return 1;

    // "now make it handle None", then the Changes tab on that run.
    f.find<QAction>(QStringLiteral("actionThemeLight"))->trigger();
    composer->setFocus();
    QTest::keyClicks(composer, QStringLiteral("now make it handle None"));
    QTest::keyClick(composer, Qt::Key_Return);
    // Overwriting a file asks first under the default policy: approve it.
    if (!waitFor([&] {
            auto *approval = f.find<QDialog>(QStringLiteral("approvalDialog"));
            if (approval && approval->isVisible())
                QTest::mouseClick(
                    approval->findChild<QPushButton *>(QStringLiteral("approveButton")),
                    Qt::LeftButton);
            return f.allText().contains(QStringLiteral("now returns None"));
        }))
        return fail("the second run did not finish");
    f.find<QAction>(QStringLiteral("actionShowChanges"))->trigger();
    ChangesPanel *changes = f.window->changesPanel();
    if (!waitFor([&] { return !changes->isBusy() && changes->diffView()->hunkCount() > 0; }, 30000))
        return fail("the Changes tab showed no diff");
    QTest::qWait(300);
    if (!save(f.window->grab(), out + QStringLiteral("/changes.png")))
        return 1;

    // The cost and context meter (issue 18), with a budget, beside the inspector's Cost column
    // on the runs and their steps.
    (void)f.context->costs().setBudget(f.window->sidebar()->currentThreadId(), 1.0);
    f.find<QAction>(QStringLiteral("actionShowInspector"))->trigger();
    tree->collapseAll();
    for (int row = 0; row < tree->model()->rowCount(); ++row)
        tree->expand(tree->model()->index(row, 0));
    QTest::qWait(300);
    if (!save(f.window->grab(), out + QStringLiteral("/cost.png")))
        return 1;
    theme.apply(Theme::Mode::System);
    return 0;
}
