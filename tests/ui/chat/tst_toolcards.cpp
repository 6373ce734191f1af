// Tool cards that tell the story (issue 18), in the real window: a scripted model (a local
// OpenAI-shaped server) has the agent write a file, run a real command in a real local sandbox
// (ANSI colours, stderr, 40 lines of output, exit code 3) and read a file that is not there. The
// cards are open while the run runs and closed after it; opened again from the keyboard they
// show the command, its coloured output (no escape byte), the exit code, the folded lines and,
// after "show all" (A), all of them; the writeFile card lists the file with its size and O opens
// its diff in the Changes tab; the failed call shows its error; I opens the inspector; a screen
// reader gets each row's text and description.
#include "../main/WindowTestSupport.h"

#include "changes/ChangedFilesModel.h"
#include "changes/ChangesPanel.h"
#include "changes/DiffEditor.h"
#include "changes/DiffView.h"
#include "chat/AnsiText.h"
#include "chat/ConversationDelegate.h"
#include "chat/ConversationView.h"
#include "chat/ToolCardLayout.h"
#include "inspector/InspectorPanel.h"
#include "inspector/RunTreeModel.h"

#include <QAccessible>
#include <QPlainTextEdit>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTreeView>

namespace {

using Kind = ConversationModel::Kind;

QString noteText()
{
    return QStringLiteral("hello cards\n"); // 12 bytes
}

// 40 numbered lines, then red text, a line on stderr, and exit code 3.
QString command()
{
    return QStringLiteral("for i in $(seq 1 40); do echo line$i; done; "
                          "printf '\\033[31mred\\033[0m\\n'; echo err >&2; exit 3");
}

struct Seen
{
    QStringList expandedWhileRunning; // tool names whose cards were open mid-run
    int cards = 0;
};

QList<ScriptedModel::Step> scenario(WindowFixture *f, Seen *seen)
{
    return {
        [](const RecordedRequest &) {
            return ScriptedStep{QString(),
                                {{QStringLiteral("call_create"), QStringLiteral("createSandbox"),
                                  createSandboxArgs(), QString()}}};
        },
        [](const RecordedRequest &request) {
            const QString id = sandboxIdFrom(request.body);
            return ScriptedStep{
                QString(),
                {{QStringLiteral("call_write"), QStringLiteral("writeFile"),
                  QJsonObject{{QStringLiteral("sandboxId"), id},
                              {QStringLiteral("path"), QStringLiteral("notes.txt")},
                              {QStringLiteral("content"), noteText()}},
                  QString()},
                 {QStringLiteral("call_run"), QStringLiteral("runCommand"),
                  QJsonObject{{QStringLiteral("sandboxId"), id},
                              {QStringLiteral("command"), command()}},
                  QString()},
                 {QStringLiteral("call_read"), QStringLiteral("readFile"),
                  QJsonObject{{QStringLiteral("sandboxId"), id},
                              {QStringLiteral("path"), QStringLiteral("missing.txt")}},
                  QString()}}};
        },
        // The run is still running here: the cards of its finished calls are open.
        [f, seen](const RecordedRequest &) {
            for (const QModelIndex &card : f->rowsOfKind(Kind::ToolCall)) {
                ++seen->cards;
                if (card.data(ConversationModel::ExpandedRole).toBool())
                    seen->expandedWhileRunning
                        << card.data(ConversationModel::ToolNameRole).toString();
            }
            return ScriptedStep{QStringLiteral("Done: the command failed with exit code 3."), {}};
        },
    };
}

QModelIndex cardOf(WindowFixture &f, const QString &tool)
{
    for (const QModelIndex &card : f.rowsOfKind(Kind::ToolCall)) {
        if (card.data(ConversationModel::ToolNameRole).toString() == tool)
            return card;
    }
    return {};
}

} // namespace

class TestToolCards final : public QObject
{
    Q_OBJECT

private slots:
    void ansiEscapesBecomeColours();
    void processAndStderrCards();
    void inlineOutputOfARealCommand();
};

void TestToolCards::ansiEscapesBecomeColours()
{
    const QString raw = QStringLiteral(
        "\x1b]0;title\x07plain \x1b[1;31mred\x1b[0m \x1b[92mgreen\x1b[39m\x1b[2K\r\n"
        "50%\r100%\n\x1b[?25h");
    const QList<AnsiText::Run> runs = AnsiText::parse(raw);
    const QString stripped = AnsiText::strip(raw);
    qInfo("tried: parse %s, result: %lld runs, text %s", qPrintable(QString(raw).toHtmlEscaped()),
          qlonglong(runs.size()), qPrintable(stripped));
    QCOMPARE(stripped, QStringLiteral("plain red green\n100%\n"));
    QVERIFY(!stripped.contains(QChar(0x1b)));
    bool red = false;
    bool green = false;
    for (const AnsiText::Run &run : runs) {
        red = red
            || (run.text == QLatin1String("red") && run.bold
                && run.foreground == AnsiText::color(1));
        green = green
            || (run.text == QLatin1String("green") && run.foreground == AnsiText::color(10));
    }
    QVERIFY(red);
    QVERIFY(green);
}

namespace {

// A card's body from a row's roles (a QStandardItemModel stands in for the conversation).
QString bodyOf(const QString &tool, const QJsonObject &args, const QJsonObject &result,
               ToolCardLayout *card)
{
    QStandardItemModel model;
    auto *item = new QStandardItem;
    item->setData(tool, ConversationModel::ToolNameRole);
    item->setData(args, ConversationModel::ToolArgumentsRole);
    item->setData(QJsonValue(result), ConversationModel::ToolResultRole);
    item->setData(QVariant::fromValue(ConversationModel::ToolStatus::Done),
                  ConversationModel::ToolStatusRole);
    model.appendRow(item);
    card->build(model.index(0, 0), QPoint(0, 0), 500, QApplication::font(), QPalette());
    return card->terminalText();
}

} // namespace

void TestToolCards::processAndStderrCards()
{
    // A background process read while it runs: its output, said to be still running.
    ToolCardLayout read;
    const QString readText = bodyOf(
        QStringLiteral("readProcessOutput"), {{QStringLiteral("processId"), QStringLiteral("p1")}},
        {{QStringLiteral("output"), QStringLiteral("Serving HTTP on port 8000\n")},
         {QStringLiteral("running"), true}},
        &read);
    qInfo("tried: a readProcessOutput card, result:\n%s", qPrintable(readText));
    QCOMPARE(readText,
             QStringLiteral("output of background process p1\nServing HTTP on port "
                            "8000\nstill running"));
    // Where a result keeps stderr apart, the card shows it apart, in its own colour.
    ToolCardLayout split;
    const QString splitText = bodyOf(QStringLiteral("runCommand"),
                                     {{QStringLiteral("command"), QStringLiteral("make")}},
                                     {{QStringLiteral("exitCode"), 2},
                                      {QStringLiteral("stdout"), QStringLiteral("building\n")},
                                      {QStringLiteral("stderr"), QStringLiteral("boom\n")}},
                                     &split);
    qInfo("tried: a result with stdout and stderr apart, result:\n%s", qPrintable(splitText));
    QCOMPARE(splitText, QStringLiteral("$ make\nbuilding\nstderr:\nboom\nexit code 2"));
    QVERIFY(split.foregroundOf(QStringLiteral("boom"))
            != split.foregroundOf(QStringLiteral("building")));
    QVERIFY(split.content().accessibleDescription().contains(QStringLiteral("Errors: boom")));
    // runCode: the code, folded like output when long.
    QString code;
    for (int i = 1; i <= 30; ++i)
        code += QStringLiteral("print(%1)\n").arg(i);
    ToolCardLayout run;
    const QString runText = bodyOf(
        QStringLiteral("runCode"), {{QStringLiteral("code"), code}},
        {{QStringLiteral("exitCode"), 0}, {QStringLiteral("stdout"), QStringLiteral("1\n")}}, &run);
    QVERIFY(runText.startsWith(QStringLiteral("\u2026 18 earlier lines of code\nprint(19)")));
    QVERIFY(runText.endsWith(QStringLiteral("print(30)\n1\nexit code 0")));
    QVERIFY(run.showAllRect().isValid());
}

void TestToolCards::inlineOutputOfARealCommand()
{
    WindowFixture f;
    QVERIFY(f.open(QStringLiteral("never-ask")));
    Seen seen;
    ScriptedModel script(f.server, Wire::OpenAi, scenario(&f, &seen));

    auto *composer = f.find<QPlainTextEdit>(QStringLiteral("composer"));
    QVERIFY(composer);
    composer->setFocus();
    composer->setPlainText(QStringLiteral("write a note, run the script and read missing.txt"));
    QTest::keyClick(composer, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(f.allText().contains(QStringLiteral("exit code 3.")), 90000);

    // Open while the run ran; closed after it.
    qInfo("tried: look at the cards while the run ran, result: %d cards, open: %s", seen.cards,
          qPrintable(seen.expandedWhileRunning.join(QLatin1String(", "))));
    QVERIFY(seen.expandedWhileRunning.contains(QStringLiteral("runCommand")));
    QVERIFY(seen.expandedWhileRunning.contains(QStringLiteral("writeFile")));
    const QModelIndex run = cardOf(f, QStringLiteral("runCommand"));
    const QModelIndex write = cardOf(f, QStringLiteral("writeFile"));
    const QModelIndex read = cardOf(f, QStringLiteral("readFile"));
    QVERIFY(run.isValid() && write.isValid() && read.isValid());
    QTRY_VERIFY(!run.data(ConversationModel::ExpandedRole).toBool());
    QVERIFY(!write.data(ConversationModel::ExpandedRole).toBool());

    auto *view = static_cast<ConversationView *>(f.window->chat()->conversationView());
    ConversationDelegate *delegate = view->conversationDelegate();
    QVERIFY(!delegate->toolCard(run));
    const int closedHeight = view->visualRect(run).height();

    // Space on the focused card opens it: command, coloured output, exit code, folded lines.
    view->setFocus();
    view->setCurrentIndex(run);
    QTest::keyClick(view, Qt::Key_Space);
    QTRY_VERIFY(run.data(ConversationModel::ExpandedRole).toBool());
    QTRY_VERIFY(view->visualRect(run).height() > closedHeight * 4);
    const ToolCardLayout *card = delegate->toolCard(run);
    QVERIFY(card);
    const QString shown = card->terminalText();
    qInfo("tried: Space on the runCommand card, result: %d px high (closed %d), %d lines "
          "folded, shows:\n%s",
          view->visualRect(run).height(), closedHeight, card->hiddenLines(), qPrintable(shown));
    QVERIFY(shown.startsWith(QStringLiteral("$ for i in")));
    QVERIFY(shown.contains(QStringLiteral("\nred\n")));
    QVERIFY(shown.contains(QStringLiteral("err")));
    QVERIFY(shown.endsWith(QStringLiteral("exit code 3")));
    QVERIFY(!shown.contains(QChar(0x1b)));
    // The output below the command line (which shows the printf as typed) has no escape left.
    QVERIFY(!shown.section(QLatin1Char('\n'), 1).contains(QStringLiteral("[31m")));
    QCOMPARE(card->foregroundOf(QStringLiteral("red")), AnsiText::color(1));
    QVERIFY(card->foregroundOf(QStringLiteral("line40")) != AnsiText::color(1));
    QVERIFY(card->hiddenLines() > 0);
    QVERIFY(!shown.contains(QStringLiteral("line1\n")));
    QVERIFY(shown.contains(QStringLiteral("line40")));
    QVERIFY(card->showAllRect().isValid());
    view->viewport()->repaint(); // the open card paints (ASan sees the painter's work)

    // A: all of it; A again: folded.
    QTest::keyClick(view, Qt::Key_A);
    QTRY_VERIFY(run.data(ConversationModel::ToolShowAllRole).toBool());
    card = delegate->toolCard(run);
    QVERIFY(card);
    qInfo("tried: A on the card, result: %d lines folded, line1 shown: %d", card->hiddenLines(),
          int(card->terminalText().contains(QStringLiteral("line1\n"))));
    QVERIFY(card->terminalText().contains(QStringLiteral("line1\nline2\n")));
    QCOMPARE(card->hiddenLines(), 0);
    QTest::keyClick(view, Qt::Key_A);
    QTRY_VERIFY(!run.data(ConversationModel::ToolShowAllRole).toBool());
    // A click on "Show all" does the same.
    view->scrollTo(run);
    QTRY_VERIFY(delegate->toolCard(run));
    const QRect showAll
        = delegate->toolCard(run)->showAllRect().translated(view->visualRect(run).topLeft());
    QVERIFY(view->viewport()->rect().contains(showAll.center()));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, showAll.center());
    QTRY_VERIFY(run.data(ConversationModel::ToolShowAllRole).toBool());

    // Enter closes it again.
    QTest::keyClick(view, Qt::Key_Return);
    QTRY_VERIFY(!run.data(ConversationModel::ExpandedRole).toBool());

    // The failed call shows its error in the card.
    view->setCurrentIndex(read);
    QTest::keyClick(view, Qt::Key_Enter);
    QTRY_VERIFY(delegate->toolCard(read));
    const QString error = delegate->toolCard(read)->content().error;
    qInfo("tried: open the failed readFile card, result: %s", qPrintable(error));
    QVERIFY(error.contains(QStringLiteral("missing.txt")));

    // The screen reader's words: each row's name and the card's description.
    QAccessibleInterface *list = QAccessible::queryAccessibleInterface(view);
    QVERIFY(list);
    QString runName;
    QString runDescription;
    QStringList names;
    for (int i = 0; i < list->childCount(); ++i) {
        QAccessibleInterface *child = list->child(i);
        if (!child)
            continue;
        const QString name = child->text(QAccessible::Name);
        names << name.left(60);
        if (name.startsWith(QStringLiteral("Tool runCommand"))) {
            runName = name;
            runDescription = child->text(QAccessible::Description);
        }
    }
    qInfo("tried: the conversation's accessible rows, result: %s; the card: \"%s\" / \"%s\"",
          qPrintable(names.join(QLatin1String(" | "))), qPrintable(runName),
          qPrintable(runDescription.left(200)));
    QVERIFY(
        names.contains(QStringLiteral("You: write a note, run the script and read missing.txt")));
    QVERIFY(runName.contains(QStringLiteral("collapsed")));
    QVERIFY(runDescription.contains(QStringLiteral("Exit code 3.")));
    QVERIFY(runDescription.contains(QStringLiteral("red")));
    QVERIFY(!runDescription.contains(QChar(0x1b)));

    // The writeFile card lists the file with its size; O opens its diff in the Changes tab.
    view->setCurrentIndex(write);
    QTest::keyClick(view, Qt::Key_Space);
    QTRY_VERIFY(delegate->toolCard(write));
    const QList<ToolCardLayout::FileLink> files = delegate->toolCard(write)->files();
    QCOMPARE(files.size(), 1);
    QCOMPARE(files.first().path, QStringLiteral("/home/daytona/notes.txt"));
    QCOMPARE(delegate->toolCard(write)->content().files.first().size, 12);
    QVERIFY(write.data(Qt::AccessibleDescriptionRole)
                .toString()
                .contains(QStringLiteral("Wrote /home/daytona/notes.txt (12 B).")));
    QTest::keyClick(view, Qt::Key_O);
    ChangesPanel *changes = f.window->changesPanel();
    QTRY_COMPARE(f.window->rightPanel()->currentWidget(), changes);
    QTRY_VERIFY_WITH_TIMEOUT(!changes->isBusy(), 30000);
    QTRY_VERIFY(changes->fileList()->currentIndex().isValid());
    QCOMPARE(changes->fileList()->currentIndex().data(ChangedFilesModel::PathRole).toString(),
             QStringLiteral("notes.txt"));
    QTRY_VERIFY(changes->diffView()->hunkCount() > 0);
    const QString diff = changes->diffView()->unifiedEditor()->shownText();
    qInfo("tried: O on the writeFile card, result: Changes tab on %s:\n%s",
          qPrintable(
              changes->fileList()->currentIndex().data(ChangedFilesModel::PathRole).toString()),
          qPrintable(diff));
    QVERIFY(diff.contains(QStringLiteral("+hello cards")));

    // I: the call in the inspector (its raw JSON).
    view->setFocus();
    view->setCurrentIndex(run);
    QTest::keyClick(view, Qt::Key_I);
    InspectorPanel *inspector = f.window->inspector();
    QTRY_VERIFY(inspector->isVisible());
    QTRY_COMPARE(inspector->tree()->currentIndex().data(RunTreeModel::RecordIdRole).toLongLong(),
                 run.data(ConversationModel::ToolCallRowIdRole).toLongLong());
}

QTEST_MAIN(TestToolCards)
#include "tst_toolcards.moc"
