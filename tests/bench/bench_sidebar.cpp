// Prints how fast the thread sidebar is over 10,000 threads (each with a question and an
// answer): loading the model, opening the real sidebar widget, each search-as-you-type query
// repopulating the model (median and max over several queries), clearing the search, and a
// run event moving one old thread to the top. Numbers only; no thresholds.
#include "services/SandboxService.h"
#include "services/ThreadService.h"
#include "threads/ThreadListModel.h"
#include "threads/ThreadSidebar.h"

#include "root/AppContext.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QListView>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdlib>

namespace {

constexpr int kThreads = 10000;

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

[[noreturn]] void fail(const QString &what)
{
    QTextStream(stderr) << "bench_sidebar: " << what << '\n';
    std::exit(1);
}

template<typename T> T check(StoreResult<T> result)
{
    if (!result)
        fail(result.error());
    return std::move(result).value();
}

void check(const StoreStatus &status)
{
    if (!status)
        fail(status.error());
}

double ms(qint64 nanoseconds)
{
    return double(nanoseconds) / 1e6;
}

void line(const QString &what, double milliseconds)
{
    out() << QString::asprintf("%-58s %9.2f ms\n", qPrintable(what), milliseconds);
    out().flush();
}

void summary(const QString &what, QList<double> samples)
{
    std::sort(samples.begin(), samples.end());
    const double median = samples.at(samples.size() / 2);
    out() << QString::asprintf("%-58s median %8.2f ms, max %8.2f ms (%lld runs)\n",
                               qPrintable(what), median, samples.last(),
                               static_cast<long long>(samples.size()));
    out().flush();
}

const QStringList &vocabulary()
{
    static const QStringList words
        = QStringLiteral(
              "parse csv json string reverse python rust tests sandbox file folder network ferry "
              "harbour server client thread model token stream request response error retry cache "
              "vector matrix sort search index query table column row build compile link docker "
              "shell loop function class method module package install upgrade release branch "
              "merge "
              "commit review deploy monitor metric log trace span queue worker async await promise "
              "closure iterator generator lambda pointer memory leak profile benchmark latency")
              .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return words;
}

QString sentence(QRandomGenerator &random, int words)
{
    QStringList picked;
    for (int i = 0; i < words; ++i)
        picked << vocabulary().at(int(random.bounded(qsizetype(vocabulary().size()))));
    return picked.join(QLatin1Char(' '));
}

void fill(Store &store)
{
    check(store.setDurability(Store::Durability::Normal));
    QRandomGenerator random(42);
    QDateTime clock = QDateTime::currentDateTime().addDays(-400);
    store.setClock([&clock] { return clock; });
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < kThreads; ++i) {
        clock = clock.addSecs(3456); // 10,000 threads over ~400 days: every group is full
        const ThreadRecord thread = check(
            store.createThread(QStringLiteral("Thread %1: %2").arg(i).arg(sentence(random, 3)),
                               QStringLiteral("openai/gpt-4o-mini")));
        NewMessage user;
        user.threadId = thread.id;
        user.parts = NewMessage::textParts(sentence(random, 12));
        check(store.appendMessage(user));
        NewMessage answer = user;
        answer.role = MessageRole::Assistant;
        answer.parts = NewMessage::textParts(sentence(random, 60));
        check(store.appendMessage(answer));
        if (i % 500 == 0)
            check(store.setThreadPinned(thread.id, true));
    }
    line(QStringLiteral("fill: %1 threads with 2 messages each").arg(kThreads),
         ms(timer.nsecsElapsed()));
    store.setClock([] { return QDateTime::currentDateTime(); });
    check(store.setDurability(Store::Durability::Full));
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTemporaryDir dir;
    if (!dir.isValid())
        fail(QStringLiteral("no temporary folder"));
    AppContext context(StudioPaths::underRoot(dir.path()));
    QString error;
    if (!context.open(&error))
        fail(error);
    Store &store = context.store();
    fill(store);

    QElapsedTimer timer;
    QList<double> lists;
    for (int i = 0; i < 5; ++i) {
        timer.start();
        check(store.listThreads());
        lists << ms(timer.nsecsElapsed());
    }
    summary(QStringLiteral("  of which the store's listThreads()"), lists);
    QList<double> loads;
    ThreadListModel model(context.threads());
    for (int i = 0; i < 5; ++i) {
        timer.start();
        if (!model.reload())
            fail(model.lastError());
        loads << ms(timer.nsecsElapsed());
    }
    if (model.threadCount() != kThreads)
        fail(QStringLiteral("the model holds %1 threads, not %2")
                 .arg(model.threadCount())
                 .arg(kThreads));
    summary(QStringLiteral("model load, %1 threads (%2 rows)").arg(kThreads).arg(model.rowCount()),
            loads);

    timer.start();
    auto sidebar = std::make_unique<ThreadSidebar>(context.threads(), context.sandboxService(),
                                                   context.history(), context.settings(),
                                                   context.redactor(), nullptr);
    sidebar->resize(320, 900);
    sidebar->show();
    QCoreApplication::processEvents();
    sidebar->threadList()->viewport()->grab(); // lays out and paints the visible rows
    line(QStringLiteral("sidebar widget: construct, load, show, first paint"),
         ms(timer.nsecsElapsed()));

    // What typing "parse json" then "ferry harbour" sends after each debounce, plus a
    // query without hits; each repopulates the model (a reset) from the store's FTS index.
    const QStringList queries{QStringLiteral("p"),
                              QStringLiteral("pa"),
                              QStringLiteral("par"),
                              QStringLiteral("pars"),
                              QStringLiteral("parse"),
                              QStringLiteral("parse j"),
                              QStringLiteral("parse json"),
                              QStringLiteral("f"),
                              QStringLiteral("fer"),
                              QStringLiteral("ferry"),
                              QStringLiteral("ferry harbour"),
                              QStringLiteral("thread 4242"),
                              QStringLiteral("zyxwv")};
    QList<double> searches;
    for (int round = 0; round < 3; ++round) {
        for (const QString &query : queries) {
            ThreadListModel &shown = *sidebar->model();
            timer.start();
            shown.showSearchResults(query,
                                    check(store.search(query, ThreadListModel::kSearchLimit)));
            const double took = ms(timer.nsecsElapsed());
            searches << took;
            if (round == 0)
                line(QStringLiteral("  search \"%1\": %2 hits").arg(query).arg(shown.rowCount()),
                     took);
            shown.clearSearch();
        }
    }
    summary(QStringLiteral("search-as-you-type repopulates the model"), searches);

    // The sidebar itself searches on a worker thread: the GUI thread only shows the hits.
    QList<double> shows;
    QList<double> typed;
    QLineEdit *field = sidebar->searchField();
    for (const QString &query : queries) {
        const QList<SearchHit> hits = check(store.search(query, ThreadListModel::kSearchLimit));
        ThreadListModel scratch(context.threads());
        if (!scratch.reload())
            fail(scratch.lastError());
        timer.start();
        scratch.showSearchResults(query, hits);
        shows << ms(timer.nsecsElapsed());

        field->clear();
        QCoreApplication::processEvents();
        timer.start();
        field->setText(query); // as if typed: debounce, worker search, hits shown
        QElapsedTimer limit;
        limit.start();
        while (sidebar->model()->searchText() != query && limit.elapsed() < 10000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        typed << ms(timer.nsecsElapsed());
    }
    summary(QStringLiteral("GUI-thread time to show a query's hits"), shows);
    summary(QStringLiteral("typed query to hits shown (incl. 150 ms debounce)"), typed);
    field->clear();

    QList<double> clears;
    for (int i = 0; i < 5; ++i) {
        sidebar->model()->showSearchResults(
            QStringLiteral("ferry"),
            check(store.search(QStringLiteral("ferry"), ThreadListModel::kSearchLimit)));
        timer.start();
        sidebar->model()->clearSearch();
        clears << ms(timer.nsecsElapsed());
    }
    summary(QStringLiteral("clearing the search restores %1 grouped threads").arg(kThreads),
            clears);

    // A run starts in an old thread: its new message moves it to the top (the engine has the
    // thread service re-read it, which announces the move; the run event lights the dot).
    const QList<ThreadRecord> all = check(store.listThreads());
    QList<double> moves;
    for (int i = 0; i < 50; ++i) {
        const ThreadRecord &old = all.at(all.size() - 1 - i);
        NewMessage user;
        user.threadId = old.id;
        user.parts = NewMessage::textParts(QStringLiteral("once more"));
        check(store.appendMessage(user));
        RunEvent started;
        started.type = RunEvent::Type::RunStarted;
        started.threadId = old.id;
        timer.start();
        context.threads().reread(old.id);
        sidebar->model()->applyRunEvent(started);
        moves << ms(timer.nsecsElapsed());
    }
    summary(QStringLiteral("run event moves an old thread to the top"), moves);
    return 0;
}
