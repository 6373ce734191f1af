// Shared by the engine tests: the brief's scenario as a scripted model, a scripted approver,
// and an AppContext on a temporary data folder with the local sandbox server.
#pragma once

#include "ScriptedModel.h"
#include "agent/AgentEngine.h"
#include "agent/Approver.h"

#include <QJsonObject>
#include <QList>
#include <QSignalSpy>
#include <QTest>

#include <functional>

inline QString reverseStringSource()
{
    return QStringLiteral("def reverse_string(s):\n    return s[::-1]\n");
}

inline QString reverseStringTests()
{
    return QStringLiteral(
        "import unittest\n"
        "from reverse_string import reverse_string\n"
        "\n"
        "class TestReverseString(unittest.TestCase):\n"
        "    def test_simple(self):\n"
        "        self.assertEqual(reverse_string(\"abc\"), \"cba\")\n"
        "    def test_empty(self):\n"
        "        self.assertEqual(reverse_string(\"\"), \"\")\n"
        "    def test_single(self):\n"
        "        self.assertEqual(reverse_string(\"a\"), \"a\")\n"
        "    def test_unicode(self):\n"
        "        self.assertEqual(reverse_string(\"h\\u00e9llo\"), \"oll\\u00e9h\")\n"
        "\n"
        "if __name__ == \"__main__\":\n"
        "    unittest.main()\n");
}

inline QJsonObject createSandboxArgs()
{
    return QJsonObject{{QStringLiteral("name"), QStringLiteral("reverse_string_project")},
                       {QStringLiteral("language"), QStringLiteral("python")},
                       {QStringLiteral("labels"), QJsonValue()},
                       {QStringLiteral("envVars"), QJsonValue()}};
}

// The brief's four steps: createSandbox, writeFiles, runCommand, then the answer.
inline QList<ScriptedModel::Step> briefScenario()
{
    return {
        [](const RecordedRequest &) {
            return ScriptedStep{QString(),
                                {{QStringLiteral("call_create"), QStringLiteral("createSandbox"),
                                  createSandboxArgs(), QString()}}};
        },
        [](const RecordedRequest &request) {
            const QString id = sandboxIdFrom(request.body);
            QJsonArray files{
                QJsonObject{{QStringLiteral("path"), QStringLiteral("reverse_string.py")},
                            {QStringLiteral("data"), reverseStringSource()}},
                QJsonObject{{QStringLiteral("path"), QStringLiteral("test_reverse_string.py")},
                            {QStringLiteral("data"), reverseStringTests()}}};
            return ScriptedStep{
                QString(),
                {{QStringLiteral("call_write"), QStringLiteral("writeFiles"),
                  QJsonObject{{QStringLiteral("sandboxId"), id}, {QStringLiteral("files"), files}},
                  QString()}}};
        },
        [](const RecordedRequest &request) {
            const QString id = sandboxIdFrom(request.body);
            return ScriptedStep{QString(),
                                {{QStringLiteral("call_run"), QStringLiteral("runCommand"),
                                  QJsonObject{{QStringLiteral("sandboxId"), id},
                                              {QStringLiteral("command"),
                                               QStringLiteral("python3 test_reverse_string.py")},
                                              {QStringLiteral("envs"), QJsonValue()},
                                              {QStringLiteral("workingDirectory"), QJsonValue()},
                                              {QStringLiteral("timeoutSeconds"), 20},
                                              {QStringLiteral("captureOutput"), true}},
                                  QString()}}};
        },
        [](const RecordedRequest &) {
            return ScriptedStep{QStringLiteral("All 4 tests pass: reverse_string is in "
                                               "/home/daytona/reverse_string.py."),
                                {}};
        },
    };
}

// Answers approval requests from a list, one per request, on the next event-loop turn.
class ScriptedApprover final : public QObject, public Approver
{
public:
    using Answer = std::function<ApprovalAnswer(const ApprovalRequest &)>;

    ScriptedApprover(AgentEngine &engine, QList<Answer> answers)
        : m_engine(engine)
        , m_answers(std::move(answers))
    {
    }
    void approvalRequested(const ApprovalRequest &request) override
    {
        m_requests.append(request);
        const Answer answer = m_answers.isEmpty()
            ? Answer([](const ApprovalRequest &) { return ApprovalAnswer::approve(); })
            : m_answers.takeFirst();
        QMetaObject::invokeMethod(
            this,
            [this, request, answer] {
                QString error;
                if (!m_engine.resolveApproval(request.toolCallRowId, answer(request), &error))
                    m_errors.append(error);
            },
            Qt::QueuedConnection);
    }
    QList<ApprovalRequest> m_requests;
    QStringList m_errors;

private:
    AgentEngine &m_engine;
    QList<Answer> m_answers;
};

// Collects a thread's events until its run ends.
class RunRecorder final : public QObject
{
public:
    explicit RunRecorder(AgentEngine &engine)
    {
        connect(&engine, &AgentEngine::runEvent, this, [this](const RunEvent &event) {
            events.append(event);
            if (event.type == RunEvent::Type::RunFinished || event.type == RunEvent::Type::RunFailed
                || event.type == RunEvent::Type::RunCancelled)
                ended = true;
        });
    }
    QList<RunEvent> ofType(RunEvent::Type type) const
    {
        QList<RunEvent> out;
        for (const RunEvent &e : events)
            if (e.type == type)
                out.append(e);
        return out;
    }
    QList<RunEvent> events;
    bool ended = false;
};
