// The tool catalog against specs/agent-tools.md: names, required fields, and the brief's exact
// example calls validate; broken calls are refused with per-field reasons.
#include "agent/JsonSchemaValidator.h"
#include "agent/ToolCatalog.h"

#include <QJsonDocument>
#include <QTest>

class TestToolCatalog final : public QObject
{
    Q_OBJECT

private slots:
    void hasEveryToolOfTheSpec();
    void requiredFieldsMatchTheSpec_data();
    void requiredFieldsMatchTheSpec();
    void briefExamplesValidate_data();
    void briefExamplesValidate();
    void brokenCallsAreRefused_data();
    void brokenCallsAreRefused();
    void wireShapeHasNameDescriptionParameters();
    void everyToolHasItsOwnHandler();
    void fileChangingToolsAreMarked();
};

static QJsonObject parse(const char *json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

void TestToolCatalog::hasEveryToolOfTheSpec()
{
    const QStringList expected = {
        QStringLiteral("createSandbox"), QStringLiteral("runCode"),
        QStringLiteral("readFile"),      QStringLiteral("writeFile"),
        QStringLiteral("writeFiles"),    QStringLiteral("listFiles"),
        QStringLiteral("deleteFile"),    QStringLiteral("createDirectory"),
        QStringLiteral("getFileInfo"),   QStringLiteral("checkFileExists"),
        QStringLiteral("getFileSize"),   QStringLiteral("watchDirectory"),
        QStringLiteral("runCommand"),    QStringLiteral("deleteSandbox"),
        QStringLiteral("listSandboxes"), QStringLiteral("searchFiles"),
        QStringLiteral("findInFiles"),   QStringLiteral("getPreviewLink"),
        QStringLiteral("startProcess"),  QStringLiteral("readProcessOutput"),
        QStringLiteral("stopProcess"), // issue 17: background processes
    };
    ToolCatalog catalog;
    QCOMPARE(catalog.names(), expected);
    for (const ToolDefinition &tool : catalog.tools()) {
        QVERIFY2(tool.description.size() > 20, qPrintable(tool.name));
        QCOMPARE(tool.inputSchema.value(QLatin1String("type")).toString(),
                 QStringLiteral("object"));
    }
    QVERIFY(!catalog.find(QStringLiteral("rm_rf")));
}

void TestToolCatalog::requiredFieldsMatchTheSpec_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QStringList>("required");
    const QString id = QStringLiteral("sandboxId");
    const QString path = QStringLiteral("path");
    QTest::newRow("createSandbox") << QStringLiteral("createSandbox") << QStringList{};
    QTest::newRow("runCode") << QStringLiteral("runCode")
                             << QStringList{id, QStringLiteral("code")};
    QTest::newRow("writeFile") << QStringLiteral("writeFile")
                               << QStringList{id, path, QStringLiteral("content")};
    QTest::newRow("writeFiles") << QStringLiteral("writeFiles")
                                << QStringList{id, QStringLiteral("files")};
    QTest::newRow("listFiles") << QStringLiteral("listFiles") << QStringList{id};
    QTest::newRow("watchDirectory") << QStringLiteral("watchDirectory")
                                    << QStringList{id, path, QStringLiteral("watchDuration")};
    QTest::newRow("runCommand") << QStringLiteral("runCommand")
                                << QStringList{id, QStringLiteral("command")};
    QTest::newRow("getPreviewLink")
        << QStringLiteral("getPreviewLink") << QStringList{id, QStringLiteral("port")};
    QTest::newRow("listSandboxes") << QStringLiteral("listSandboxes") << QStringList{};
}

void TestToolCatalog::requiredFieldsMatchTheSpec()
{
    QFETCH(QString, tool);
    QFETCH(QStringList, required);
    ToolCatalog catalog;
    const ToolDefinition *definition = catalog.find(tool);
    QVERIFY(definition);
    QStringList actual;
    for (const QJsonValue &v : definition->inputSchema.value(QLatin1String("required")).toArray())
        actual << v.toString();
    QCOMPARE(actual, required);
}

void TestToolCatalog::briefExamplesValidate_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QJsonObject>("arguments");
    QTest::newRow("createSandbox with nulls")
        << QStringLiteral("createSandbox")
        << parse(
               R"({"name": "reverse_string_project", "language": "python", "labels": null, "envVars": null})");
    QTest::newRow("writeFiles") << QStringLiteral(
        "writeFiles") << parse(R"({"sandboxId": "bdfa9456-4945-43a7-97df-b9bfbcbdc62e", "files": [
                    {"path": "reverse_string.py", "data": "def reverse_string(s):\n    return s[::-1]\n"},
                    {"path": "test_reverse_string.py", "data": "import unittest\n"}]})");
    QTest::newRow("runCommand with nulls")
        << QStringLiteral("runCommand")
        << parse(R"({"sandboxId": "x", "command": "python3 test_reverse_string.py", "envs": null,
                    "workingDirectory": null, "timeoutSeconds": 20, "captureOutput": true})");
    QTest::newRow("writeFile") << QStringLiteral("writeFile")
                               << parse(R"({"sandboxId": "x", "path": "hello.js",
                                            "content": "console.log('Hello, world!');"})");
    QTest::newRow("listSandboxes empty") << QStringLiteral("listSandboxes") << QJsonObject();
    QTest::newRow("preview") << QStringLiteral("getPreviewLink")
                             << parse(R"({"sandboxId": "x", "port": 8080})");
}

void TestToolCatalog::briefExamplesValidate()
{
    QFETCH(QString, tool);
    QFETCH(QJsonObject, arguments);
    ToolCatalog catalog;
    const auto errors = JsonSchemaValidator::validate(catalog.find(tool)->inputSchema, arguments);
    QStringList messages;
    for (const auto &e : errors)
        messages << e.toString();
    QVERIFY2(errors.isEmpty(), qPrintable(messages.join(QLatin1Char('\n'))));
}

void TestToolCatalog::brokenCallsAreRefused_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QJsonObject>("arguments");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("missing command")
        << QStringLiteral("runCommand") << parse(R"({"sandboxId": "x"})")
        << QStringList{QStringLiteral("command: required field is missing")};
    QTest::newRow("wrong language")
        << QStringLiteral("createSandbox") << parse(R"({"language": "ruby"})")
        << QStringList{QStringLiteral(
               "language: must be one of python, typescript, javascript (got \"ruby\")")};
    QTest::newRow("timeout as text")
        << QStringLiteral("runCommand")
        << parse(R"({"sandboxId": "x", "command": "ls", "timeoutSeconds": "20"})")
        << QStringList{QStringLiteral("timeoutSeconds: must be number (got string)")};
    QTest::newRow("file without data")
        << QStringLiteral("writeFiles")
        << parse(
               R"({"sandboxId": "x", "files": [{"path": "a.py", "data": "1"}, {"path": "b.py"}]})")
        << QStringList{QStringLiteral("files[1].data: required field is missing")};
    QTest::newRow("extra field") << QStringLiteral("readFile")
                                 << parse(R"({"sandboxId": "x", "path": "a", "mode": "r"})")
                                 << QStringList{QStringLiteral(
                                        "mode: unknown field (expected: path, sandboxId)")};
    QTest::newRow("null required")
        << QStringLiteral("readFile") << parse(R"({"sandboxId": null, "path": "a"})")
        << QStringList{QStringLiteral("sandboxId: required field is null")};
    QTest::newRow("port out of range")
        << QStringLiteral("getPreviewLink") << parse(R"({"sandboxId": "x", "port": 70000})")
        << QStringList{QStringLiteral("port: must be at most 65535 (got 70000)")};
    QTest::newRow("fractional port")
        << QStringLiteral("getPreviewLink") << parse(R"({"sandboxId": "x", "port": 80.5})")
        << QStringList{QStringLiteral("port: must be integer (got number)")};
    QTest::newRow("env value not text")
        << QStringLiteral("runCommand")
        << parse(R"({"sandboxId": "x", "command": "ls", "envs": {"A": 1}})")
        << QStringList{QStringLiteral("envs.A: must be string (got integer)")};
    QTest::newRow("two problems") << QStringLiteral("writeFile") << parse(R"({"path": 5})")
                                  << QStringList{
                                         QStringLiteral("sandboxId: required field is missing"),
                                         QStringLiteral("content: required field is missing"),
                                         QStringLiteral("path: must be string (got integer)")};
}

void TestToolCatalog::brokenCallsAreRefused()
{
    QFETCH(QString, tool);
    QFETCH(QJsonObject, arguments);
    QFETCH(QStringList, expected);
    ToolCatalog catalog;
    const auto errors = JsonSchemaValidator::validate(catalog.find(tool)->inputSchema, arguments);
    QStringList messages;
    for (const auto &e : errors)
        messages << e.toString();
    QCOMPARE(messages, expected);

    const QString forModel = JsonSchemaValidator::describeFailure(tool, errors, arguments);
    QVERIFY(forModel.startsWith(QStringLiteral("Tool input validation failed for ") + tool));
    for (const QString &m : expected)
        QVERIFY(forModel.contains(QStringLiteral("\n- ") + m));
    QVERIFY(forModel.contains(QLatin1String("Provided arguments: {")));
}

void TestToolCatalog::wireShapeHasNameDescriptionParameters()
{
    ToolCatalog catalog;
    const QJsonArray json = catalog.toJson();
    QCOMPARE(json.size(), catalog.tools().size());
    const QJsonObject first = json.first().toObject();
    QCOMPARE(first.value(QLatin1String("name")).toString(), QStringLiteral("createSandbox"));
    QVERIFY(
        first.value(QLatin1String("parameters")).toObject().contains(QLatin1String("properties")));
}

// The table is the dispatch: a row without a handler (or two rows sharing one) would be a tool
// the model is offered but that runs nothing, or the wrong thing.
void TestToolCatalog::everyToolHasItsOwnHandler()
{
    ToolCatalog catalog;
    QList<ToolDefinition::Handler> seen;
    for (const ToolDefinition &tool : catalog.tools()) {
        QVERIFY2(tool.handler, qPrintable(tool.name));
        QVERIFY2(!seen.contains(tool.handler), qPrintable(tool.name));
        seen.append(tool.handler);
    }
}

void TestToolCatalog::fileChangingToolsAreMarked()
{
    // Checkpoints are taken around exactly these (issue 15): a command can change anything.
    ToolCatalog catalog;
    QStringList marked;
    for (const ToolDefinition &tool : catalog.tools()) {
        if (tool.changesFiles)
            marked << tool.name;
    }
    marked.sort();
    qInfo() << "tried: which tools get checkpoints; result:" << marked;
    QCOMPARE(marked,
             (QStringList{QStringLiteral("createDirectory"), QStringLiteral("deleteFile"),
                          QStringLiteral("runCode"), QStringLiteral("runCommand"),
                          QStringLiteral("startProcess"), // issue 17: a command too
                          QStringLiteral("writeFile"), QStringLiteral("writeFiles")}));
}

QTEST_GUILESS_MAIN(TestToolCatalog)
#include "tst_toolcatalog.moc"
