// Attachments and edit-and-retry in the whole window (issue 18): files dropped on the composer
// land in the thread's real local sandbox with the same bytes and are named in the message;
// folders go recursively without following links out; images and oversized files are refused
// with a message; the last message is edited and sent again in a fork or in place; the last
// answer is asked of another model (the scripted server sees its name); any message is copied
// as Markdown.
#include "WindowTestSupport.h"

#include "chat/AttachmentTray.h"
#include "chat/ConversationView.h"
#include "chat/ModelPicker.h"
#include "chat/ResendBar.h"
#include "sandbox/DaytonaCall.h"
#include "sandbox/DaytonaClient.h"
#include "services/ApprovalRules.h"
#include "services/AttachmentService.h"
#include "services/RunHistory.h"
#include "services/SandboxService.h"
#include "threads/ThreadSidebar.h"

#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QDropEvent>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QToolButton>

class TestCompose : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void droppedFileIsUploadedAndNamed();
    void folderIsUploadedWithoutItsLinks();
    void imageAndOversizedFileAreRefused();
    void uploadFollowsTheApprovalRules();
    void editAndResendForks();
    void editAndResendTruncates();
    void retryWithAnotherModel();
    void copyAsMarkdown();

private:
    ChatPane *chat() const { return m_f->window->chat(); }
    void drop(const QStringList &paths);
    // Sends text and waits for the scripted answer; the model request's last user text.
    void sendAndWait(const QString &text);
    QString lastUserText() const;
    QByteArray sandboxFile(const QString &sandboxId, const QString &path);
    QString writeFile(const QString &name, const QByteArray &bytes);

    std::unique_ptr<WindowFixture> m_f;
    std::unique_ptr<ScriptedModel> m_script;
    QTemporaryDir m_files;
};

void TestCompose::init()
{
    m_f = std::make_unique<WindowFixture>();
    QVERIFY(m_f->open(QStringLiteral("never-ask")));
    // Every step answers with text only.
    QList<ScriptedModel::Step> steps;
    for (int i = 0; i < 10; ++i)
        steps << [i](const RecordedRequest &) {
            return ScriptedStep{QStringLiteral("Answer %1.").arg(i + 1), {}};
        };
    m_script = std::make_unique<ScriptedModel>(m_f->server, Wire::OpenAi, steps);
}

void TestCompose::cleanup()
{
    m_script.reset();
    m_f.reset();
}

QString TestCompose::writeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = m_files.filePath(name);
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(bytes);
    return path;
}

void TestCompose::drop(const QStringList &paths)
{
    auto *mime = new QMimeData;
    QList<QUrl> urls;
    for (const QString &path : paths)
        urls << QUrl::fromLocalFile(path);
    mime->setUrls(urls);
    QWidget *target = static_cast<QPlainTextEdit *>(chat()->composer())->viewport();
    const QPointF at(target->width() / 2.0, target->height() / 2.0);
    QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent dropEvent(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &dropEvent);
    delete mime;
}

QString TestCompose::lastUserText() const
{
    const QJsonArray messages
        = m_f->server.requests().last().json().value(QLatin1String("messages")).toArray();
    for (qsizetype i = messages.size() - 1; i >= 0; --i) {
        const QJsonObject message = messages.at(i).toObject();
        if (message.value(QLatin1String("role")).toString() == QLatin1String("user")) {
            const QJsonValue content = message.value(QLatin1String("content"));
            if (content.isString())
                return content.toString();
            QString text;
            for (const QJsonValue &part : content.toArray())
                text += part.toObject().value(QLatin1String("text")).toString();
            return text;
        }
    }
    return {};
}

void TestCompose::sendAndWait(const QString &text)
{
    const int served = m_script->stepsServed();
    chat()->composer()->setPlainText(text);
    QTest::keyClick(chat()->composer(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(m_script->stepsServed() > served, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(!chat()->isRunning(), 30000);
}

QByteArray TestCompose::sandboxFile(const QString &sandboxId, const QString &path)
{
    QString error;
    DaytonaClient *client = m_f->context->sandboxService().client(QStringLiteral("local"), &error);
    if (!client)
        return {};
    DaytonaCall *get = client->getSandbox(sandboxId);
    QSignalSpy got(get, &DaytonaCall::finished);
    if (!got.wait(20000))
        return {};
    const Sandbox sandbox
        = Sandbox::fromJson(got.first().first().value<DaytonaResult>().json().object());
    DaytonaCall *download = client->downloadFile(sandbox, path);
    QSignalSpy downloaded(download, &DaytonaCall::finished);
    if (!downloaded.wait(20000))
        return {};
    const auto result = downloaded.first().first().value<DaytonaResult>();
    return result.ok() ? result.body : QByteArray("<error: ") + result.error.message.toUtf8() + '>';
}

// The sandbox id the message names.
static QString namedSandbox(const QString &text)
{
    const QRegularExpression id(QStringLiteral("sandbox `([^`]+)`"));
    return id.match(text).captured(1);
}

void TestCompose::droppedFileIsUploadedAndNamed()
{
    static constexpr char head[] = "binary \x00\x01\x02 and text\n"; // with NUL bytes
    QByteArray bytes(head, sizeof head - 1);
    for (int i = 0; i < 2000; ++i)
        bytes += QByteArray::number(i) + ' ';
    const QString path = writeFile(QStringLiteral("data.bin"), bytes);
    drop({path});
    QCOMPARE(chat()->attachments().size(), 1);
    QVERIFY(chat()->attachmentTray()->isVisible());
    QCOMPARE(chat()->attachmentTray()->groups(), QStringList{QStringLiteral("data.bin")});
    QSignalSpy progress(&m_f->context->attachments(), &AttachmentService::uploadProgress);
    sendAndWait(QStringLiteral("Look at the attached file."));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(1).toLongLong(), qint64(bytes.size()));
    QCOMPARE(progress.last().at(2).toLongLong(), qint64(bytes.size()));
    const QString sent = lastUserText();
    qInfo().noquote() << "tried: drop data.bin (" << bytes.size()
                      << "bytes) and send, result:" << sent;
    QVERIFY(sent.startsWith(QStringLiteral("Look at the attached file.")));
    QVERIFY(sent.contains(QStringLiteral("/home/daytona/attachments/data.bin")));
    const QString sandboxId = namedSandbox(sent);
    QVERIFY(!sandboxId.isEmpty());
    // The sandbox is the thread's: the agent's tools reach it.
    const auto owned = m_f->context->sandboxService().ownedBy(chat()->thread());
    QVERIFY(owned && owned->size() == 1 && owned->first().remoteId == sandboxId);
    const QByteArray inSandbox
        = sandboxFile(sandboxId, QStringLiteral("/home/daytona/attachments/data.bin"));
    qInfo() << "tried: read it back from sandbox" << sandboxId << ", result:" << inSandbox.size()
            << "bytes, same:" << (inSandbox == bytes);
    QCOMPARE(inSandbox, bytes);
    QVERIFY(chat()->attachments().isEmpty());
    QVERIFY(!chat()->attachmentTray()->isVisible());

    // The same name again does not replace the first upload (the agent may have changed it).
    const QString again = writeFile(QStringLiteral("again/data.bin"), "second\n");
    drop({again});
    sendAndWait(QStringLiteral("And this one."));
    qInfo().noquote() << "tried: attach data.bin a second time, result:" << lastUserText();
    QVERIFY(lastUserText().contains(QStringLiteral("/home/daytona/attachments/data (2).bin")));
    QCOMPARE(sandboxFile(sandboxId, QStringLiteral("/home/daytona/attachments/data (2).bin")),
             QByteArray("second\n"));
    QCOMPARE(sandboxFile(sandboxId, QStringLiteral("/home/daytona/attachments/data.bin")), bytes);
}

void TestCompose::folderIsUploadedWithoutItsLinks()
{
    writeFile(QStringLiteral("project/main.py"), "print('hi')\n");
    writeFile(QStringLiteral("project/src/util.py"), "def f():\n    return 1\n");
    QVERIFY(QFile::link(QStringLiteral("/etc/hostname"),
                        m_files.filePath(QStringLiteral("project/host"))));
    drop({m_files.filePath(QStringLiteral("project"))});
    const QString error = m_f->find<QLabel>(QStringLiteral("chatErrorLabel"))->text();
    qInfo().noquote() << "tried: drop a folder with a link out, result:"
                      << chat()->attachments().size() << "files; said:" << error;
    QCOMPARE(chat()->attachments().size(), 2);
    QVERIFY(error.contains(QStringLiteral("not followed")));
    QCOMPARE(chat()->attachmentTray()->groups(), QStringList{QStringLiteral("project")});
    sendAndWait(QStringLiteral("Run main.py."));
    const QString sent = lastUserText();
    QVERIFY(sent.contains(QStringLiteral("/home/daytona/attachments/project/src/util.py")));
    QVERIFY(!sent.contains(QStringLiteral("host`")));
    QCOMPARE(sandboxFile(namedSandbox(sent),
                         QStringLiteral("/home/daytona/attachments/project/src/util.py")),
             QByteArray("def f():\n    return 1\n"));
}

void TestCompose::imageAndOversizedFileAreRefused()
{
    // A PNG for a model without image input.
    const QString png = writeFile(QStringLiteral("shot.png"),
                                  QByteArray::fromHex("89504e470d0a1a0a0000000d49484452"));
    QVERIFY(!AttachmentService::modelTakesImages(QStringLiteral("openai/gpt-3.5-turbo")));
    QVERIFY(AttachmentService::modelTakesImages(QStringLiteral("openai/gpt-4o")));
    QVERIFY(AttachmentService::modelTakesImages(QStringLiteral("anthropic/claude-sonnet-4-5")));
    m_f->context->settings().setDefaultModel(QStringLiteral("openai/gpt-3.5-turbo"));
    chat()->setThread(0);
    drop({png});
    QString error = m_f->find<QLabel>(QStringLiteral("chatErrorLabel"))->text();
    qInfo().noquote() << "tried: drop a PNG for gpt-3.5-turbo, result:" << error;
    QVERIFY(chat()->attachments().isEmpty());
    QVERIFY(error.contains(QStringLiteral("shot.png is an image")));
    // A model that takes images takes it.
    chat()->findChild<ModelPicker *>()->setCurrentModel(QStringLiteral("openai/gpt-4o"));
    drop({png});
    qInfo() << "tried: the same PNG for gpt-4o, result:" << chat()->attachments().size()
            << "attached";
    QCOMPARE(chat()->attachments().size(), 1);
    chat()->removeAttachment(QStringLiteral("shot.png"));
    QVERIFY(chat()->attachments().isEmpty());

    // Over the per-file limit (1 MiB here).
    m_f->context->settings().setAttachmentMaxFileMiB(1);
    const QString big = writeFile(QStringLiteral("big.log"), QByteArray(1536 * 1024, 'x'));
    drop({big});
    error = m_f->find<QLabel>(QStringLiteral("chatErrorLabel"))->text();
    qInfo().noquote() << "tried: drop a 1.5 MiB file with a 1 MiB limit, result:" << error;
    QVERIFY(chat()->attachments().isEmpty());
    QVERIFY(error.contains(QStringLiteral("big.log is too large")));

    // Over the total: the first fits, the second is refused.
    m_f->context->settings().setAttachmentMaxTotalMiB(1);
    drop({writeFile(QStringLiteral("a.txt"), QByteArray(700 * 1024, 'a')),
          writeFile(QStringLiteral("b.txt"), QByteArray(700 * 1024, 'b'))});
    error = m_f->find<QLabel>(QStringLiteral("chatErrorLabel"))->text();
    qInfo().noquote() << "tried: two 700 KiB files with a 1 MiB total, result:" << error;
    QCOMPARE(chat()->attachments().size(), 1);
    QVERIFY(error.contains(QStringLiteral("b.txt was not attached")));
    // A chip removes its attachment.
    auto *chip
        = chat()->attachmentTray()->findChild<QToolButton *>(QStringLiteral("attachmentChip"));
    QVERIFY(chip);
    QVERIFY(!chip->accessibleName().isEmpty());
    chip->click();
    QVERIFY(chat()->attachments().isEmpty());
    QVERIFY(!chat()->attachmentTray()->isVisible());
}

void TestCompose::uploadFollowsTheApprovalRules()
{
    // A rule that asks before writes into the attachments folder asks before the upload too.
    ApprovalRule ask;
    ask.action = ApprovalRule::Action::Ask;
    ask.tool = QStringLiteral("writeFiles");
    ask.match = ApprovalRule::Match::Prefix;
    ask.pattern = AttachmentService::folder();
    QVERIFY(m_f->context->approvalRules().add(ask));
    drop({writeFile(QStringLiteral("notes.md"), "# Notes\n")});
    chat()->composer()->setPlainText(QStringLiteral("Read my notes."));
    QTest::keyClick(chat()->composer(), Qt::Key_Return);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_f->find<QMessageBox>(QStringLiteral("attachmentApprovalDialog")))
                && box->isVisible());
    qInfo().noquote() << "tried: send an attachment under an ask rule, result: asked -"
                      << box->informativeText();
    QCOMPARE(m_script->stepsServed(), 0); // nothing is sent before the answer
    auto *upload = box->findChild<QPushButton *>(QStringLiteral("attachmentApproveButton"));
    QVERIFY(upload);
    upload->click();
    QTRY_VERIFY_WITH_TIMEOUT(m_script->stepsServed() == 1, 60000);
    QVERIFY(lastUserText().contains(QStringLiteral("/home/daytona/attachments/notes.md")));
    QTRY_VERIFY_WITH_TIMEOUT(!chat()->isRunning(), 30000);

    // A rule that denies it refuses the upload, and nothing is sent.
    ApprovalRule deny;
    deny.action = ApprovalRule::Action::Deny;
    deny.tool = QStringLiteral("writeFiles");
    deny.match = ApprovalRule::Match::Exact;
    deny.pattern = AttachmentService::folder() + QStringLiteral("/secret.txt");
    QVERIFY(m_f->context->approvalRules().add(deny));
    drop({writeFile(QStringLiteral("secret.txt"), "k\n")});
    chat()->composer()->setPlainText(QStringLiteral("Use the secret."));
    QTest::keyClick(chat()->composer(), Qt::Key_Return);
    const QString error = m_f->find<QLabel>(QStringLiteral("chatErrorLabel"))->text();
    qInfo().noquote() << "tried: an attachment a deny rule names, result:" << error;
    QVERIFY(error.contains(QStringLiteral("not uploaded")));
    QVERIFY(error.contains(QStringLiteral("denies")));
    QCOMPARE(m_script->stepsServed(), 1);
    QCOMPARE(chat()->attachments().size(), 1); // kept, to remove or send after a change
}

void TestCompose::editAndResendForks()
{
    sendAndWait(QStringLiteral("Write fizzbuzz in C."));
    const RowId original = chat()->thread();
    const int before = int(m_f->context->history().listMessages(original)->size());
    // Ctrl+E in the chat pane: the last message comes back to be edited.
    QVERIFY(QTest::qWaitForWindowActive(m_f->window.get()));
    chat()->focusComposer();
    QTRY_VERIFY(chat()->composer()->hasFocus());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_E, Qt::ControlModifier);
    QTRY_VERIFY(chat()->resendBar()->isVisible());
    QCOMPARE(chat()->composer()->toPlainText(), QStringLiteral("Write fizzbuzz in C."));
    m_f->find<QRadioButton>(QStringLiteral("resendForkOption"))->setChecked(true);
    sendAndWait(QStringLiteral("Write fizzbuzz in Rust."));
    QTRY_VERIFY(chat()->thread() != original);
    QTRY_VERIFY(m_f->window->sidebar()->currentThreadId() == chat()->thread());
    const auto kept = m_f->context->history().listMessages(original);
    const auto fork = m_f->context->history().listMessages(chat()->thread());
    qInfo() << "tried: edit and resend as a fork, result: original" << original << "keeps"
            << kept->size() << "messages (had" << before << "), fork" << chat()->thread() << "has"
            << fork->size() << "; model got" << lastUserText();
    QCOMPARE(int(kept->size()), before);
    QCOMPARE(kept->first().text(), QStringLiteral("Write fizzbuzz in C."));
    QCOMPARE(lastUserText(), QStringLiteral("Write fizzbuzz in Rust."));
    QCOMPARE(fork->first().text(), QStringLiteral("Write fizzbuzz in Rust."));
    QVERIFY(!chat()->resendBar()->isVisible());
}

void TestCompose::editAndResendTruncates()
{
    sendAndWait(QStringLiteral("First question."));
    sendAndWait(QStringLiteral("Second question."));
    const RowId thread = chat()->thread();
    chat()->editLastMessage();
    QVERIFY(chat()->resendBar()->isEditing());
    m_f->find<QRadioButton>(QStringLiteral("resendTruncateOption"))->setChecked(true);
    sendAndWait(QStringLiteral("Second question, better."));
    const auto messages = m_f->context->history().listMessages(thread);
    QStringList texts;
    for (const MessageRecord &m : *messages)
        texts << m.text();
    qInfo().noquote() << "tried: edit and resend in place, result:"
                      << texts.join(QStringLiteral(" | "));
    QCOMPARE(chat()->thread(), thread);
    QVERIFY(!texts.contains(QStringLiteral("Second question.")));
    QCOMPARE(texts.count(QStringLiteral("First question.")), 1);
    QCOMPARE(texts.at(2), QStringLiteral("Second question, better."));
    QCOMPARE(lastUserText(), QStringLiteral("Second question, better."));
    // The view shows what the store has: the old message is gone there too.
    QVERIFY(!m_f->allText().contains(QStringLiteral("Second question.\n")));
    QVERIFY(m_f->allText().contains(QStringLiteral("Second question, better.")));
}

void TestCompose::retryWithAnotherModel()
{
    sendAndWait(QStringLiteral("Which model are you?"));
    QCOMPARE(m_f->server.requests().last().json().value(QLatin1String("model")).toString(),
             QStringLiteral("gpt-4o-mini"));
    const auto answers = m_f->rowsOfKind(ConversationModel::Kind::AssistantText);
    QVERIFY(!answers.isEmpty());
    auto *view = static_cast<ConversationView *>(chat()->conversationView());
    QMenu *menu = view->contextMenuFor(answers.last());
    QVERIFY(menu);
    QAction *retry = nullptr;
    for (QAction *action : menu->findChildren<QAction *>(QStringLiteral("actionRetryWith"))) {
        if (action->data().toString() == QLatin1String("openai/gpt-4o"))
            retry = action;
    }
    QVERIFY2(retry, "the Retry With menu offers openai/gpt-4o");
    const int served = m_script->stepsServed();
    retry->trigger();
    delete menu;
    QTRY_VERIFY_WITH_TIMEOUT(m_script->stepsServed() > served, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(!chat()->isRunning(), 30000);
    const QString model
        = m_f->server.requests().last().json().value(QLatin1String("model")).toString();
    const auto messages = m_f->context->history().listMessages(chat()->thread());
    qInfo().noquote() << "tried: Retry With openai/gpt-4o, result: the server saw" << model
                      << "and the thread has" << messages->size() << "messages";
    QCOMPARE(model, QStringLiteral("gpt-4o"));
    QCOMPARE(lastUserText(), QStringLiteral("Which model are you?"));
    // One question, one answer: the first answer was replaced.
    QCOMPARE(messages->size(), 2);
}

void TestCompose::copyAsMarkdown()
{
    sendAndWait(QStringLiteral("Explain **pointers** in `C`."));
    auto *view = static_cast<ConversationView *>(chat()->conversationView());
    const auto users = m_f->rowsOfKind(ConversationModel::Kind::UserMessage);
    const auto answers = m_f->rowsOfKind(ConversationModel::Kind::AssistantText);
    QVERIFY(!users.isEmpty() && !answers.isEmpty());
    QGuiApplication::clipboard()->clear();
    QMenu *menu = view->contextMenuFor(users.last());
    auto *copy = menu->findChild<QAction *>(QStringLiteral("actionCopyAsMarkdown"));
    QVERIFY(copy);
    copy->trigger();
    delete menu;
    qInfo().noquote() << "tried: Copy as Markdown on the user message, result:"
                      << QGuiApplication::clipboard()->text();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("Explain **pointers** in `C`."));
    // The keyboard: Ctrl+C on the current row.
    view->setFocus();
    view->setCurrentIndex(answers.last());
    QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
    qInfo().noquote() << "tried: Ctrl+C on the answer, result:"
                      << QGuiApplication::clipboard()->text();
    QCOMPARE(QGuiApplication::clipboard()->text(),
             answers.last().data(ConversationModel::TextRole).toString());
    QVERIFY(QGuiApplication::clipboard()->text().startsWith(QStringLiteral("Answer")));
}

QTEST_MAIN(TestCompose)
#include "tst_compose.moc"
