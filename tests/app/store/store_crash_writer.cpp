// A writer process for tst_storecrash, built only for the tests. It opens the store (which
// recovers what the previous, killed writer left), starts a run with a running tool call and
// a streaming assistant message, then appends numbered chunks "[0]", "[1]", ... forever,
// printing "ack N" only after append N has been committed. The test kills it with SIGKILL.
//
//   store_crash_writer DATABASE
//   stdout: "message M run R call C", then "ack 0", "ack 1", ...
#include "store/Store.h"

#include <QCoreApplication>

#include <cstdio>

namespace {

int fail(const QString &error)
{
    std::fprintf(stderr, "store_crash_writer: %s\n", qUtf8Printable(error));
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (app.arguments().size() != 2)
        return fail(QStringLiteral("usage: store_crash_writer DATABASE"));
    Store store;
    if (const StoreStatus opened = store.open(app.arguments().at(1)); !opened)
        return fail(opened.error());

    StoreResult<QList<ThreadRecord>> threads = store.listThreads(ThreadFilter::All);
    if (!threads)
        return fail(threads.error());
    RowId threadId = threads->isEmpty() ? 0 : threads->first().id;
    if (threadId == 0) {
        const StoreResult<ThreadRecord> created
            = store.createThread(QStringLiteral("crash test"), QStringLiteral("test/model"));
        if (!created)
            return fail(created.error());
        threadId = created->id;
    }
    const StoreResult<RunRecord> run = store.createRun(threadId, QStringLiteral("test/model"));
    if (!run)
        return fail(run.error());
    const StoreResult<StepRecord> step = store.startStep(run->id);
    if (!step)
        return fail(step.error());
    NewToolCall newCall;
    newCall.runId = run->id;
    newCall.stepId = step->id;
    newCall.callId = QStringLiteral("call_%1").arg(run->id);
    newCall.name = QStringLiteral("exec");
    newCall.arguments = QStringLiteral("{\"command\":\"make test\"}");
    const StoreResult<ToolCallRecord> call = store.proposeToolCall(newCall);
    if (!call)
        return fail(call.error());
    if (const StoreStatus s = store.decideToolCall(call->id, ApprovalDecision::Auto); !s)
        return fail(s.error());
    if (const StoreStatus s = store.startToolCall(call->id); !s)
        return fail(s.error());
    NewMessage newMessage;
    newMessage.threadId = threadId;
    newMessage.runId = run->id;
    newMessage.role = MessageRole::Assistant;
    newMessage.status = MessageStatus::Streaming;
    const StoreResult<MessageRecord> message = store.appendMessage(newMessage);
    if (!message)
        return fail(message.error());
    std::printf("message %lld run %lld call %lld\n", static_cast<long long>(message->id),
                static_cast<long long>(run->id), static_cast<long long>(call->id));
    std::fflush(stdout);

    for (int i = 0; i < 1000000; ++i) {
        if (const StoreStatus s = store.appendChunk(message->id, QStringLiteral("[%1]").arg(i)); !s)
            return fail(s.error());
        std::printf("ack %d\n", i);
        std::fflush(stdout);
    }
    return 0;
}
