// ConversationBuilder: stored messages become a conversation the APIs accept, also after a
// crash left tool calls without results.
#include "agent/ConversationBuilder.h"

#include <QJsonArray>
#include <QTest>

class TestConversationBuilder final : public QObject
{
    Q_OBJECT

private slots:
    void fullTurnInCallOrder();
    void missingResultsGetInterruptedErrors();
    void emptyInterruptedTurnsAreDropped();
    void thinkingIsKeptForTheNextTurn();
};

static MessageRecord message(MessageRole role, const QJsonArray &parts,
                             MessageStatus status = MessageStatus::Complete)
{
    MessageRecord m;
    m.role = role;
    m.parts = parts;
    m.status = status;
    return m;
}

static QJsonObject text(const QString &t)
{
    return {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), t}};
}

static QJsonObject call(const QString &id, const QString &name)
{
    return {{QStringLiteral("type"), QStringLiteral("tool-call")},
            {QStringLiteral("toolCallId"), id},
            {QStringLiteral("toolName"), name},
            {QStringLiteral("args"), QJsonObject{{QStringLiteral("path"), QStringLiteral("a")}}},
            {QStringLiteral("argsText"), QStringLiteral("{\"path\":\"a\"}")}};
}

static MessageRecord result(const QString &id, const QString &name, bool error = false)
{
    return message(MessageRole::Tool,
                   {QJsonObject{{QStringLiteral("type"), QStringLiteral("tool-result")},
                                {QStringLiteral("toolCallId"), id},
                                {QStringLiteral("toolName"), name},
                                {QStringLiteral("result"), QJsonObject{{QStringLiteral("ok"), id}}},
                                {QStringLiteral("isError"), error}}});
}

void TestConversationBuilder::fullTurnInCallOrder()
{
    const QList<ChatMessage> out = ConversationBuilder::build({
        message(MessageRole::User, {text(QStringLiteral("hi"))}),
        message(MessageRole::Assistant,
                {text(QStringLiteral("Let me look.")),
                 call(QStringLiteral("a"), QStringLiteral("readFile")),
                 call(QStringLiteral("b"), QStringLiteral("listFiles"))}),
        result(QStringLiteral("b"), QStringLiteral("listFiles")), // finished first
        result(QStringLiteral("a"), QStringLiteral("readFile"), true),
        message(MessageRole::Assistant, {text(QStringLiteral("Done."))}),
    });
    QCOMPARE(out.size(), 5);
    QCOMPARE(out.at(0).role, ChatMessage::Role::User);
    QCOMPARE(out.at(1).text, QStringLiteral("Let me look."));
    QCOMPARE(out.at(1).toolCalls.size(), 2);
    QCOMPARE(out.at(1).toolCalls.at(0).arguments, QStringLiteral("{\"path\":\"a\"}"));
    QCOMPARE(out.at(2).toolCallId, QStringLiteral("a")); // call order, not finishing order
    QVERIFY(out.at(2).isError);
    QCOMPARE(out.at(3).toolCallId, QStringLiteral("b"));
    QCOMPARE(out.at(3).text, QStringLiteral("{\"ok\":\"b\"}"));
    QCOMPARE(out.at(4).text, QStringLiteral("Done."));
}

void TestConversationBuilder::missingResultsGetInterruptedErrors()
{
    const QList<ChatMessage> out = ConversationBuilder::build({
        message(MessageRole::User, {text(QStringLiteral("hi"))}),
        message(MessageRole::Assistant,
                {call(QStringLiteral("a"), QStringLiteral("runCommand")),
                 call(QStringLiteral("b"), QStringLiteral("runCommand"))}),
        result(QStringLiteral("a"), QStringLiteral("runCommand")),
        result(QStringLiteral("zzz"), QStringLiteral("runCommand")), // a result without its call
        message(MessageRole::User, {text(QStringLiteral("continue"))}),
    });
    QCOMPARE(out.size(), 5);
    QCOMPARE(out.at(3).toolCallId, QStringLiteral("b"));
    QVERIFY(out.at(3).isError);
    QCOMPARE(out.at(3).text, ConversationBuilder::interruptedResult());
    QCOMPARE(out.at(4).role, ChatMessage::Role::User);
}

void TestConversationBuilder::emptyInterruptedTurnsAreDropped()
{
    const QList<ChatMessage> out = ConversationBuilder::build({
        message(MessageRole::User, {text(QStringLiteral("hi"))}),
        message(MessageRole::Assistant, {}, MessageStatus::Interrupted),
        message(MessageRole::Assistant, {text(QStringLiteral("partial"))},
                MessageStatus::Interrupted),
    });
    QCOMPARE(out.size(), 2);
    QCOMPARE(out.at(1).text, QStringLiteral("partial"));
}

void TestConversationBuilder::thinkingIsKeptForTheNextTurn()
{
    const QList<ChatMessage> out = ConversationBuilder::build({
        message(MessageRole::User, {text(QStringLiteral("hi"))}),
        message(MessageRole::Assistant,
                {QJsonObject{{QStringLiteral("type"), QStringLiteral("reasoning")},
                             {QStringLiteral("text"), QStringLiteral("hmm")}},
                 QJsonObject{{QStringLiteral("type"), QStringLiteral("thinking")},
                             {QStringLiteral("thinking"), QStringLiteral("hmm")},
                             {QStringLiteral("signature"), QStringLiteral("sig==")}},
                 text(QStringLiteral("ok"))}),
    });
    QCOMPARE(out.at(1).thinking.size(), 1);
    QCOMPARE(out.at(1).thinking.first().signature, QStringLiteral("sig=="));
    QCOMPARE(out.at(1).text, QStringLiteral("ok"));
}

QTEST_GUILESS_MAIN(TestConversationBuilder)
#include "tst_conversationbuilder.moc"
