// JsonSchemaValidator on its own: each keyword of the supported subset, nesting and paths.
#include "agent/JsonSchemaValidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

class TestJsonSchemaValidator final : public QObject
{
    Q_OBJECT

private slots:
    void keywords_data();
    void keywords();
    void describeFailureCapsHugeArguments();
};

static QJsonObject obj(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

static QJsonValue val(const char *json)
{
    return QJsonDocument::fromJson(QByteArray("[") + json + "]").array().at(0);
}

void TestJsonSchemaValidator::keywords_data()
{
    QTest::addColumn<QJsonObject>("schema");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QStringList>("errors");

    QTest::newRow("type ok") << obj(R"({"type":"string"})") << val(R"("x")") << QStringList{};
    QTest::newRow("type list") << obj(R"({"type":["string","null"]})") << val("null")
                               << QStringList{};
    QTest::newRow("integer is a number")
        << obj(R"({"type":"number"})") << val("3") << QStringList{};
    QTest::newRow("bool is not a number")
        << obj(R"({"type":"number"})") << val("true")
        << QStringList{QStringLiteral("must be number (got boolean)")};
    QTest::newRow("minLength") << obj(R"({"type":"string","minLength":1})") << val(R"("")")
                               << QStringList{QStringLiteral("must not be empty")};
    QTest::newRow("maxLength") << obj(R"({"type":"string","maxLength":3})") << val(R"("abcd")")
                               << QStringList{
                                      QStringLiteral("is too long (4 characters; at most 3)")};
    QTest::newRow("minimum") << obj(R"({"minimum":0})") << val("-1")
                             << QStringList{QStringLiteral("must be at least 0 (got -1)")};
    QTest::newRow("maxItems") << obj(R"({"type":"array","maxItems":1})") << val("[1,2]")
                              << QStringList{QStringLiteral("has too many items (2; at most 1)")};
    QTest::newRow("minItems") << obj(R"({"type":"array","minItems":1})") << val("[]")
                              << QStringList{QStringLiteral("needs at least 1 item(s)")};
    QTest::newRow("nested paths")
        << obj(R"({"type":"object","properties":{"a":{"type":"array","items":{"type":"object",
                  "properties":{"b":{"type":"integer"}}}}}})")
        << val(R"({"a":[{"b":1},{"b":"x"}]})")
        << QStringList{QStringLiteral("a[1].b: must be integer (got string)")};
    QTest::newRow("additional schema")
        << obj(R"({"type":"object","additionalProperties":{"type":"string"}})")
        << val(R"({"k":"v","n":null})")
        << QStringList{QStringLiteral("n: must be string (got null)")};
    QTest::newRow("top level not an object")
        << obj(R"({"type":"object"})") << val(R"("text")")
        << QStringList{QStringLiteral("must be object (got string)")};
}

void TestJsonSchemaValidator::keywords()
{
    QFETCH(QJsonObject, schema);
    QFETCH(QJsonValue, value);
    QFETCH(QStringList, errors);
    QStringList actual;
    for (const auto &e : JsonSchemaValidator::validate(schema, value))
        actual << e.toString();
    QCOMPARE(actual, errors);
}

void TestJsonSchemaValidator::describeFailureCapsHugeArguments()
{
    const QJsonObject huge{{QStringLiteral("content"), QString(100000, QLatin1Char('x'))}};
    const QString text = JsonSchemaValidator::describeFailure(
        QStringLiteral("writeFile"),
        {{QStringLiteral("path"), QStringLiteral("required field is missing")}}, huge);
    QVERIFY(text.size() < 2300);
    QVERIFY(text.endsWith(QStringLiteral("…")));
}

QTEST_GUILESS_MAIN(TestJsonSchemaValidator)
#include "tst_jsonschemavalidator.moc"
