#include "Redactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace {

QString normalizedName(QStringView name)
{
    QString out;
    out.reserve(name.size());
    for (const QChar c : name) {
        if (c.isLetterOrNumber())
            out += c.toLower();
    }
    return out;
}

bool isEnvironmentField(QStringView name)
{
    const QString n = normalizedName(name);
    return n == QLatin1String("env") || n == QLatin1String("envs") || n == QLatin1String("envvars")
        || n == QLatin1String("environment");
}

} // namespace

Redactor::Redactor()
    // Anchored on word boundaries so that ordinary words such as "task-..." are left alone.
    : m_patterns(QStringLiteral("\\bsk-ant-[A-Za-z0-9_\\-]{20,}"
                                "|\\bsk-(?:proj-|or-v1-|svcacct-)?[A-Za-z0-9_\\-]{20,}"
                                "|\\bdtn_[A-Za-z0-9]{20,}"
                                "|\\bgsk_[A-Za-z0-9]{20,}"
                                "|\\bxai-[A-Za-z0-9]{20,}"
                                "|\\bAIza[0-9A-Za-z_\\-]{30,}"
                                "|\\bgh[pousr]_[A-Za-z0-9]{30,}"
                                "|(?<=Bearer )[A-Za-z0-9._~+/=\\-]{8,}"))
{
}

void Redactor::addSecret(const QString &value)
{
    const QString trimmed = value.trimmed();
    QWriteLocker locker(&m_lock);
    if (trimmed.size() < minimumSecretLength() || m_secrets.contains(trimmed))
        return;
    m_secrets.insert(trimmed);
    m_secretsLongestFirst.append(trimmed);
    // Longest first, so that a key that contains another is replaced whole.
    std::sort(m_secretsLongestFirst.begin(), m_secretsLongestFirst.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
}

void Redactor::addSecret(const QString &value, const QString &name)
{
    addSecret(value);
    const QString trimmed = value.trimmed();
    QWriteLocker locker(&m_lock);
    if (m_secrets.contains(trimmed) && !name.isEmpty() && !m_names.contains(trimmed))
        m_names.insert(trimmed, name);
}

QString Redactor::namedMarker(const QString &name)
{
    return QStringLiteral("[secret: %1]")
        .arg(name.isEmpty() ? QStringLiteral("a key the app holds") : name);
}

QString Redactor::namedSecrets(const QString &text) const
{
    QString out = text;
    QReadLocker locker(&m_lock);
    for (const QString &secret : m_secretsLongestFirst)
        out.replace(secret, namedMarker(m_names.value(secret)));
    return out;
}

void Redactor::removeSecret(const QString &value)
{
    const QString trimmed = value.trimmed();
    QWriteLocker locker(&m_lock);
    if (m_secrets.remove(trimmed))
        m_secretsLongestFirst.removeAll(trimmed);
    m_names.remove(trimmed);
}

QString Redactor::redactText(const QString &text) const
{
    if (text.isEmpty())
        return text;
    QString out = text;
    {
        QReadLocker locker(&m_lock);
        for (const QString &secret : m_secretsLongestFirst)
            out.replace(secret, marker());
    }
    out.replace(m_patterns, marker());
    return out;
}

QByteArray Redactor::redactUtf8(const QByteArray &text) const
{
    return redactText(QString::fromUtf8(text)).toUtf8();
}

qsizetype Redactor::secretCount() const
{
    QReadLocker locker(&m_lock);
    return m_secrets.size();
}

bool Redactor::isSecretFieldName(QStringView name)
{
    static const QSet<QString> exact = {
        QStringLiteral("password"),
        QStringLiteral("passwd"),
        QStringLiteral("token"),
        QStringLiteral("secret"),
        QStringLiteral("key"),
        QStringLiteral("apikey"),
        QStringLiteral("auth"),
        QStringLiteral("authorization"),
        QStringLiteral("bearer"),
        QStringLiteral("bearertoken"),
        QStringLiteral("jwt"),
        QStringLiteral("credential"),
        QStringLiteral("credentials"),
        QStringLiteral("clientsecret"),
        QStringLiteral("privatekey"),
        QStringLiteral("refresh"),
        QStringLiteral("ssn"),
        QStringLiteral("xapikey"),
        QStringLiteral("proxyauthorization"),
        QStringLiteral("cookie"),
        QStringLiteral("setcookie"),
    };
    // Suffixes catch openai_api_key, accessToken, DAYTONA_API_KEY, client_secret, ...
    // but not prompt_tokens or maxTokens (plural) or keyboard.
    static const QStringList suffixes = {
        QStringLiteral("apikey"),       QStringLiteral("accesstoken"), QStringLiteral("authtoken"),
        QStringLiteral("refreshtoken"), QStringLiteral("idtoken"),     QStringLiteral("secret"),
        QStringLiteral("password"),     QStringLiteral("secretkey"),   QStringLiteral("privatekey"),
    };
    const QString n = normalizedName(name);
    if (exact.contains(n))
        return true;
    return std::any_of(suffixes.cbegin(), suffixes.cend(),
                       [&n](const QString &suffix) { return n.endsWith(suffix); });
}

bool Redactor::isSecretEnvironmentName(QStringView name)
{
    for (const char *word :
         {"KEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "AUTH", "CREDENTIAL"}) {
        if (name.contains(QLatin1String(word), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QJsonValue Redactor::redactJson(const QJsonValue &value) const
{
    return redactJsonValue(value, false);
}

QJsonValue Redactor::redactJsonValue(const QJsonValue &value, bool inEnvironment) const
{
    switch (value.type()) {
    case QJsonValue::String: {
        const QString text = value.toString();
        // A string may itself hold JSON (tool arguments often do): redact inside it by name too.
        const QString trimmed = text.trimmed();
        if (trimmed.startsWith(QLatin1Char('{')) || trimmed.startsWith(QLatin1Char('['))) {
            QJsonParseError error;
            const QJsonDocument inner = QJsonDocument::fromJson(trimmed.toUtf8(), &error);
            if (error.error == QJsonParseError::NoError) {
                const QJsonValue redacted = redactJsonValue(
                    inner.isObject() ? QJsonValue(inner.object()) : QJsonValue(inner.array()),
                    false);
                const QJsonDocument out = redacted.isObject() ? QJsonDocument(redacted.toObject())
                                                              : QJsonDocument(redacted.toArray());
                if (out != inner)
                    return QString::fromUtf8(out.toJson(QJsonDocument::Compact));
            }
        }
        return redactText(text);
    }
    case QJsonValue::Array: {
        QJsonArray out;
        for (const QJsonValue &item : value.toArray())
            out.append(redactJsonValue(item, false));
        return out;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        QJsonObject out;
        for (auto it = object.begin(); it != object.end(); ++it) {
            const bool secret
                = inEnvironment ? isSecretEnvironmentName(it.key()) : isSecretFieldName(it.key());
            if (secret && (it.value().isString() || it.value().isDouble()))
                out.insert(it.key(), marker());
            else
                out.insert(it.key(), redactJsonValue(it.value(), isEnvironmentField(it.key())));
        }
        return out;
    }
    default:
        return value;
    }
}
