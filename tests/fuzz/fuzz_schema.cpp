// libFuzzer target for JsonSchemaValidator: any JSON value against every tool's schema from the
// catalog, and (when the input is two JSON documents separated by a NUL byte) against an
// arbitrary schema, never crashes or recurses without bound; a value the validator accepts has
// every required field; and the failure text for the model always names the tool.
#include "FuzzCheck.h"
#include "agent/JsonSchemaValidator.h"
#include "agent/ToolCatalog.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstddef>
#include <cstdint>

static void checkOne(const QString &tool, const QJsonObject &schema, const QJsonValue &value)
{
    const QList<JsonSchemaValidator::Error> errors = JsonSchemaValidator::validate(schema, value);
    if (errors.isEmpty()) {
        if (value.isObject()) {
            for (const QJsonValue &r : schema.value(QLatin1String("required")).toArray())
                FUZZ_CHECK(value.toObject().contains(r.toString()));
        }
        return;
    }
    for (const JsonSchemaValidator::Error &e : errors)
        FUZZ_CHECK(!e.message.isEmpty());
    const QString text = JsonSchemaValidator::describeFailure(tool, errors, value);
    FUZZ_CHECK(text.contains(tool));
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const ToolCatalog catalog;
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype nul = input.indexOf('\0');
    if (nul >= 0) {
        const QJsonDocument schema = QJsonDocument::fromJson(input.left(nul));
        const QJsonDocument value = QJsonDocument::fromJson(input.mid(nul + 1));
        if (schema.isObject())
            checkOne(QStringLiteral("fuzzTool"), schema.object(),
                     value.isArray() ? QJsonValue(value.array()) : QJsonValue(value.object()));
        return 0;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(input);
    const QJsonValue value = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    for (const ToolDefinition &tool : catalog.tools())
        checkOne(tool.name, tool.inputSchema, value);
    return 0;
}
