// Previews end to end in the window (issue 17): the agent (a scripted model on a local
// OpenAI-shaped server) starts a web server in a real local sandbox with startProcess and calls
// getPreviewLink in the same step; the chat's tool card shows "Open preview", a click hands the
// link to the browser (QDesktopServices' handler stands in for it, as does Ctrl+Enter), and the
// page fetched from that link is the one the agent's server serves.
#include "WindowTestSupport.h"

#include "chat/ConversationDelegate.h"
#include "chat/ConversationView.h"
#include "services/RunHistory.h"
#include "threads/ThreadSidebar.h"

#include <QDesktopServices>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>

namespace {

// A page served by a background process (startProcess): it runs until the test's sandbox ends.
QString serve()
{
    return QStringLiteral(
        "mkdir -p site && echo '<h1>served by the agent</h1>' > site/index.html && cd site && "
        "python3 -m http.server 8000");
}

QList<ScriptedModel::Step> previewScenario()
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
                {{QStringLiteral("call_serve"), QStringLiteral("startProcess"),
                  QJsonObject{{QStringLiteral("sandboxId"), id},
                              {QStringLiteral("command"), serve()}},
                  QString()},
                 {QStringLiteral("call_link"), QStringLiteral("getPreviewLink"),
                  QJsonObject{{QStringLiteral("sandboxId"), id}, {QStringLiteral("port"), 8000}},
                  QString()}}};
        },
        [](const RecordedRequest &) {
            return ScriptedStep{QStringLiteral("The page is up: open the preview."), {}};
        },
    };
}

} // namespace

// Stands in for the desktop's browser: QDesktopServices hands it the URLs.
class BrowserStandIn final : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> urls;
public slots:
    void open(const QUrl &url) { urls.append(url); }
};

class TestWindowPreview final : public QObject
{
    Q_OBJECT

private slots:
    void agentLinkOpensTheServedPage();
};

void TestWindowPreview::agentLinkOpensTheServedPage()
{
    WindowFixture f;
    QVERIFY(f.open(QStringLiteral("never-ask")));
    ScriptedModel script(f.server, Wire::OpenAi, previewScenario());
    BrowserStandIn browser;
    QDesktopServices::setUrlHandler(QStringLiteral("http"), &browser, "open");

    auto *composer = f.find<QPlainTextEdit>(QStringLiteral("composer"));
    QVERIFY(composer);
    composer->setFocus();
    composer->setPlainText(QStringLiteral("serve a hello page and give me a link to it"));
    QTest::keyClick(composer, Qt::Key_Return);

    // The getPreviewLink card gets its link while the agent's server still runs.
    QModelIndex card;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const QModelIndex &i : f.rowsOfKind(ConversationModel::Kind::ToolCall)) {
                if (i.data(ConversationModel::ToolNameRole).toString()
                        == QLatin1String("getPreviewLink")
                    && !i.data(ConversationModel::ToolLinkRole).toUrl().isEmpty())
                    card = i;
            }
            return card.isValid();
        }(),
        90000);
    auto *view = static_cast<ConversationView *>(f.window->chat()->conversationView());
    view->scrollTo(card);
    QTRY_VERIFY(view->viewport()->rect().contains(view->actionButtonRect(card)));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->actionButtonRect(card).center());
    QTRY_COMPARE(browser.urls.size(), 1);
    const QUrl link = browser.urls.first();
    // Ctrl+Enter on the card opens it too.
    view->setCurrentIndex(card);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(browser.urls.size(), 2);
    QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
    QCOMPARE(browser.urls.at(1), link);

    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    int status = 0;
    QByteArray page;
    // The server may still be starting (502 until it listens).
    const bool served = QTest::qWaitFor(
        [&] {
            QNetworkReply *reply = nam.get(QNetworkRequest(link));
            QSignalSpy done(reply, &QNetworkReply::finished);
            done.wait(20000);
            status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            page = reply->readAll();
            delete reply;
            return status == 200;
        },
        50000);
    if (!served) {
        // What the agent's calls answered, to see why nothing listens.
        [[maybe_unused]] const bool ended = QTest::qWaitFor(
            [&] { return f.allText().contains(QStringLiteral("The page is up")); }, 60000);
        const RowId thread = f.window->sidebar()->currentThreadId();
        const auto runs = f.context->history().listRuns(thread);
        for (const RunRecord &run : runs ? *runs : QList<RunRecord>()) {
            const auto calls = f.context->history().listToolCalls(run.id);
            for (const ToolCallRecord &call : calls ? *calls : QList<ToolCallRecord>())
                qInfo("  %s -> %s", qPrintable(call.name), qPrintable(call.result.left(600)));
        }
        QFAIL(qPrintable(QStringLiteral("the preview answered %1: %2")
                             .arg(status)
                             .arg(QString::fromUtf8(page.mid(page.indexOf("<p>")).left(200)))));
    }
    qInfo("tried: click \"%s\" on the getPreviewLink card and fetch what the browser got, "
          "result: %s -> %d %s",
          qPrintable(ConversationDelegate::linkText()),
          qPrintable(link.toString(QUrl::RemoveQuery)), status, page.trimmed().constData());
    QCOMPARE(page, QByteArray("<h1>served by the agent</h1>\n"));
    QVERIFY(link.query().startsWith(QStringLiteral("DAYTONA_SANDBOX_AUTH_KEY=sig_")));
    QTRY_VERIFY_WITH_TIMEOUT(f.allText().contains(QStringLiteral("The page is up")), 90000);
}

QTEST_MAIN(TestWindowPreview)
#include "tst_windowpreview.moc"
