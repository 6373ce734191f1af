#include "JsonSchemaValidator.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace {

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        return std::floor(d) == d && std::isfinite(d) ? QStringLiteral("integer")
                                                      : QStringLiteral("number");
    }
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    default:
        return QStringLiteral("undefined");
    }
}

bool hasType(const QJsonValue &value, const QString &type)
{
    const QString actual = typeName(value);
    if (type == actual)
        return true;
    return type == QLatin1String("number") && actual == QLatin1String("integer");
}

QString joinPath(const QString &base, const QString &key)
{
    return base.isEmpty() ? key : base + QLatin1Char('.') + key;
}

QString compactJson(const QJsonValue &value, qsizetype limit = 80)
{
    QString text;
    if (value.isObject())
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    else if (value.isArray())
        text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    else if (value.isString())
        text = QLatin1Char('"') + value.toString() + QLatin1Char('"');
    else
        text = QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
                   .mid(1)
                   .chopped(1);
    if (text.size() > limit)
        text = text.left(limit) + QStringLiteral("…");
    return text;
}

} // namespace

QString JsonSchemaValidator::Error::toString() const
{
    return path.isEmpty() ? message : path + QStringLiteral(": ") + message;
}

QList<JsonSchemaValidator::Error> JsonSchemaValidator::validate(const QJsonObject &schema,
                                                                const QJsonValue &value)
{
    QList<Error> errors;
    check(schema, value, QString(), errors);
    return errors;
}

void JsonSchemaValidator::check(const QJsonObject &schema, const QJsonValue &value,
                                const QString &path, QList<Error> &errors)
{
    const auto fail = [&](const QString &message) { errors.append({path, message}); };

    // type: one name or a list of names
    const QJsonValue type = schema.value(QLatin1String("type"));
    if (!type.isUndefined()) {
        QStringList allowed;
        if (type.isArray()) {
            for (const QJsonValue &t : type.toArray())
                allowed << t.toString();
        } else {
            allowed << type.toString();
        }
        const bool ok = std::any_of(allowed.cbegin(), allowed.cend(),
                                    [&value](const QString &t) { return hasType(value, t); });
        if (!ok) {
            fail(QStringLiteral("must be %1 (got %2)")
                     .arg(allowed.join(QStringLiteral(" or ")), typeName(value)));
            return;
        }
    }

    const QJsonArray enumValues = schema.value(QLatin1String("enum")).toArray();
    if (!enumValues.isEmpty() && !enumValues.contains(value)) {
        QStringList names;
        for (const QJsonValue &v : enumValues)
            names << (v.isString() ? v.toString() : compactJson(v));
        fail(QStringLiteral("must be one of %1 (got %2)")
                 .arg(names.join(QStringLiteral(", ")), compactJson(value)));
        return;
    }

    if (value.isDouble()) {
        const double d = value.toDouble();
        if (schema.contains(QLatin1String("minimum"))
            && d < schema.value(QLatin1String("minimum")).toDouble())
            fail(QStringLiteral("must be at least %1 (got %2)")
                     .arg(schema.value(QLatin1String("minimum")).toDouble())
                     .arg(d));
        if (schema.contains(QLatin1String("maximum"))
            && d > schema.value(QLatin1String("maximum")).toDouble())
            fail(QStringLiteral("must be at most %1 (got %2)")
                     .arg(schema.value(QLatin1String("maximum")).toDouble())
                     .arg(d));
    }

    if (value.isString()) {
        const qsizetype length = value.toString().size();
        if (schema.contains(QLatin1String("minLength"))
            && length < schema.value(QLatin1String("minLength")).toInteger())
            fail(QStringLiteral("must not be empty"));
        if (schema.contains(QLatin1String("maxLength"))
            && length > schema.value(QLatin1String("maxLength")).toInteger())
            fail(QStringLiteral("is too long (%1 characters; at most %2)")
                     .arg(length)
                     .arg(schema.value(QLatin1String("maxLength")).toInteger()));
    }

    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        if (schema.contains(QLatin1String("minItems"))
            && array.size() < schema.value(QLatin1String("minItems")).toInteger())
            fail(QStringLiteral("needs at least %1 item(s)")
                     .arg(schema.value(QLatin1String("minItems")).toInteger()));
        if (schema.contains(QLatin1String("maxItems"))
            && array.size() > schema.value(QLatin1String("maxItems")).toInteger())
            fail(QStringLiteral("has too many items (%1; at most %2)")
                     .arg(array.size())
                     .arg(schema.value(QLatin1String("maxItems")).toInteger()));
        const QJsonObject items = schema.value(QLatin1String("items")).toObject();
        if (!items.isEmpty()) {
            for (qsizetype i = 0; i < array.size(); ++i)
                check(items, array.at(i), path + QStringLiteral("[%1]").arg(i), errors);
        }
    }

    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
        QStringList required;
        for (const QJsonValue &r : schema.value(QLatin1String("required")).toArray())
            required << r.toString();

        for (const QString &name : required) {
            const QJsonValue field = object.value(name);
            if (field.isUndefined())
                errors.append({joinPath(path, name), QStringLiteral("required field is missing")});
            else if (field.isNull())
                errors.append({joinPath(path, name), QStringLiteral("required field is null")});
        }
        const QJsonValue additional = schema.value(QLatin1String("additionalProperties"));
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString fieldPath = joinPath(path, it.key());
            if (properties.contains(it.key())) {
                if (it.value().isNull() && !required.contains(it.key()))
                    continue; // null means "not given" for an optional field
                if (it.value().isNull())
                    continue; // already reported as a required field that is null
                check(properties.value(it.key()).toObject(), it.value(), fieldPath, errors);
            } else if (additional.isBool() && !additional.toBool()) {
                QStringList known = properties.keys();
                errors.append({fieldPath,
                               QStringLiteral("unknown field (expected: %1)")
                                   .arg(known.isEmpty() ? QStringLiteral("no fields")
                                                        : known.join(QStringLiteral(", ")))});
            } else if (additional.isObject()) {
                check(additional.toObject(), it.value(), fieldPath, errors);
            }
        }
    }
}

QString JsonSchemaValidator::describeFailure(const QString &toolName, const QList<Error> &errors,
                                             const QJsonValue &arguments)
{
    QString text = QStringLiteral("Tool input validation failed for %1. Please fix the following "
                                  "errors and try again:")
                       .arg(toolName);
    for (const Error &error : errors)
        text += QStringLiteral("\n- ") + error.toString();
    text += QStringLiteral("\nProvided arguments: ") + compactJson(arguments, 2000);
    return text;
}
