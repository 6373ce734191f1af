// The live output viewer of a background process (issue 17), on offscreen widgets: the process
// service follows a session command on a small Daytona-shaped toolbox on 127.0.0.1 (Daytona
// cloud replaced, as the house rules allow) whose log the test grows. The view shows new lines
// while the process runs, tells stderr apart, follows the end unless the user scrolled up, and
// its Stop button (and shortcut) ends the session; the sandbox list counts running processes.
#include "sandbox/DaytonaClient.h"
#include "sandboxes/ProcessOutputView.h"
#include "services/ProcessService.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>

namespace {

// One sandbox "sb-1" whose sessions each run one command "c-1"; the log is what the test wrote.
class FakeSessionToolbox final
{
public:
    FakeSessionToolbox()
    {
        m_server.setMissingHandler(
            [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                handle(request, std::move(responder));
            });
        port = m_server.listen(QHostAddress::LocalHost);
    }
    quint16 port = 0;
    QByteArray log;
    bool sessionExists = false;
    int deletes = 0;

private:
    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder)
    {
        using M = QHttpServerRequest::Method;
        const QString path = request.url().path();
        const QString prefix = QStringLiteral("/tbx/sb-1/process/session");
        if (path == prefix && request.method() == M::Post) {
            sessionExists = true;
            responder.write(QHttpServerResponder::StatusCode::Created);
            return;
        }
        if (!sessionExists) {
            responder.write(R"({"statusCode":404,"message":"session not found"})",
                            "application/json", QHttpServerResponder::StatusCode::NotFound);
            return;
        }
        if (path.endsWith(QLatin1String("/exec")) && request.method() == M::Post) {
            responder.write(
                QJsonDocument(QJsonObject{{QLatin1String("cmdId"), QStringLiteral("c-1")}}),
                QHttpServerResponder::StatusCode::Accepted);
            return;
        }
        if (path.endsWith(QLatin1String("/command/c-1"))) {
            responder.write(
                QJsonDocument(QJsonObject{{QLatin1String("id"), QStringLiteral("c-1")},
                                          {QLatin1String("command"), QStringLiteral("x")}}),
                QHttpServerResponder::StatusCode::Ok);
            return;
        }
        if (path.endsWith(QLatin1String("/command/c-1/logs"))) {
            responder.write(
                QJsonDocument(QJsonObject{{QLatin1String("output"), QString::fromUtf8(log)}}),
                QHttpServerResponder::StatusCode::Ok);
            return;
        }
        if (path.startsWith(prefix + QLatin1Char('/')) && request.method() == M::Delete) {
            sessionExists = false;
            ++deletes;
            responder.write(QHttpServerResponder::StatusCode::NoContent);
            return;
        }
        responder.write(QHttpServerResponder::StatusCode::NotFound);
    }

    QHttpServer m_server;
};

} // namespace

class TestProcessOutputView final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showsNewLinesWhileItRuns();
    void keepsThePlaceWhenScrolledUp();
    void stopEndsTheSession();

private:
    QString startProcess();
    void addLines(int from, int count, const char *marker = "\x01\x01\x01");

    std::unique_ptr<FakeSessionToolbox> m_toolbox;
    std::unique_ptr<DaytonaClient> m_client;
    std::unique_ptr<ProcessService> m_processes;
};

void TestProcessOutputView::init()
{
    m_toolbox = std::make_unique<FakeSessionToolbox>();
    QVERIFY(m_toolbox->port);
    m_client = std::make_unique<DaytonaClient>(DaytonaConfig::fromValues(
        QStringLiteral("key"), QStringLiteral("http://127.0.0.1:%1/api").arg(m_toolbox->port),
        QString()));
    m_processes = std::make_unique<ProcessService>();
    m_processes->setFollowInterval(30);
    m_processes->setStreamingAllowed(false); // this toolbox has no WebSocket: it polls
}

void TestProcessOutputView::cleanup()
{
    m_processes.reset();
    m_client.reset();
    m_toolbox.reset();
}

QString TestProcessOutputView::startProcess()
{
    ProcessService::StartRequest request;
    request.provider = QStringLiteral("daytona");
    request.sandbox.id = QStringLiteral("sb-1");
    request.sandbox.state = QStringLiteral("started");
    request.sandbox.toolboxProxyUrl
        = QStringLiteral("http://127.0.0.1:%1/tbx").arg(m_toolbox->port);
    request.command = QStringLiteral("npm run dev");
    QString id;
    QString error = QStringLiteral("no answer");
    m_processes->start(m_client.get(), request, this,
                       [&id, &error](const BackgroundProcess &p, const QString &e) {
                           id = p.id;
                           error = e;
                       });
    if (!QTest::qWaitFor([&error] { return error != QLatin1String("no answer"); }, 5000)
        || !error.isEmpty())
        qWarning() << "not started:" << error;
    return id;
}

void TestProcessOutputView::addLines(int from, int count, const char *marker)
{
    for (int i = from; i < from + count; ++i)
        m_toolbox->log += QByteArray(marker) + "line " + QByteArray::number(i) + '\n';
}

void TestProcessOutputView::showsNewLinesWhileItRuns()
{
    const QString id = startProcess();
    QVERIFY(!id.isEmpty());
    addLines(1, 2);
    ProcessOutputView view(*m_processes, id);
    view.resize(600, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_VERIFY(view.textView()->toPlainText().contains(QLatin1String("line 2")));
    QCOMPARE(view.stateLabel()->text(), QStringLiteral("running"));
    QVERIFY(view.stopButton()->isEnabled());

    // New lines while it runs, and one on stderr.
    addLines(3, 1);
    m_toolbox->log += "\x02\x02\x02"
                      "warning: port 3000 in use\n";
    addLines(4, 1);
    QTRY_VERIFY(view.textView()->toPlainText().contains(QLatin1String("line 4")));
    const QString text = view.textView()->toPlainText();
    qInfo().noquote() << "tried: lines written while the view is open, result:" << text;
    QCOMPARE(text, QStringLiteral("line 1\nline 2\nline 3\nwarning: port 3000 in use\nline 4\n"));
    // stderr has its own colour.
    QTextDocument *doc = view.textView()->document();
    const QColor out
        = doc->findBlockByNumber(2).begin().fragment().charFormat().foreground().color();
    const QColor err
        = doc->findBlockByNumber(3).begin().fragment().charFormat().foreground().color();
    qInfo() << "stdout colour" << out.name() << "stderr colour" << err.name();
    QVERIFY(out != err);

    // A second view opened later starts with everything so far.
    ProcessOutputView late(*m_processes, id);
    QCOMPARE(late.textView()->toPlainText(), text);
}

void TestProcessOutputView::keepsThePlaceWhenScrolledUp()
{
    const QString id = startProcess();
    ProcessOutputView view(*m_processes, id);
    view.resize(600, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    addLines(1, 200);
    QTRY_VERIFY(view.textView()->toPlainText().contains(QLatin1String("line 200\n")));
    QScrollBar *bar = view.textView()->verticalScrollBar();
    QVERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum()); // it follows the end
    QVERIFY(view.isFollowing());

    bar->setValue(10); // the user scrolls up to read
    addLines(201, 50);
    QTRY_VERIFY(view.textView()->toPlainText().contains(QLatin1String("line 250\n")));
    qInfo() << "tried: 50 new lines while scrolled up, result: scroll value" << bar->value() << "of"
            << bar->maximum();
    QCOMPARE(bar->value(), 10);

    bar->setValue(bar->maximum()); // back at the bottom: following again
    addLines(251, 50);
    QTRY_VERIFY(view.textView()->toPlainText().contains(QLatin1String("line 300\n")));
    QTRY_COMPARE(bar->value(), bar->maximum());
}

void TestProcessOutputView::stopEndsTheSession()
{
    const QString id = startProcess();
    QCOMPARE(m_processes->runningCount(QStringLiteral("sb-1")), 1);
    ProcessOutputView view(*m_processes, id);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy changed(m_processes.get(), &ProcessService::processChanged);
    // The shortcut, as a keyboard user would.
    QTest::keyClick(&view, Qt::Key_X, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE(view.stateLabel()->text(), QStringLiteral("stopped"));
    qInfo() << "tried: Ctrl+Shift+X in the viewer, result: session deletes" << m_toolbox->deletes
            << "state" << view.stateLabel()->text();
    QCOMPARE(m_toolbox->deletes, 1);
    QVERIFY(!view.stopButton()->isEnabled());
    QCOMPARE(m_processes->process(id)->state, BackgroundProcess::State::Stopped);
    QCOMPARE(m_processes->runningCount(QStringLiteral("sb-1")), 0);
}

QTEST_MAIN(TestProcessOutputView)
#include "tst_processoutputview.moc"
