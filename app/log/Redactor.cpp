#include "Redactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <algorithm>

namespace {

// The base64 characters that depend only on the secret's bytes when it starts `offset` bytes
// into a 3-byte group: what a longer base64 text (e.g. of "user:key") holds wherever the key
// sits in it.
QString base64Inside(const QByteArray &secret, int offset, QByteArray::Base64Options alphabet)
{
    const QByteArray padded = QByteArray(offset, '\0') + secret;
    const QByteArray encoded = padded.toBase64(alphabet | QByteArray::OmitTrailingEquals);
    const qsizetype firstBit = 8 * offset;
    const qsizetype endBit = 8 * padded.size();
    const qsizetype first = (firstBit + 5) / 6;
    const qsizetype last = endBit / 6; // exclusive
    return QString::fromLatin1(encoded.mid(first, last - first));
}

// A secret as it appears in other encodings: URL-encoded, JSON-escaped, base64.
QStringList encodedForms(const QString &secret)
{
    QStringList forms{secret};
    const QByteArray utf8 = secret.toUtf8();
    const QString url = QString::fromLatin1(QUrl::toPercentEncoding(secret));
    forms << url;
    QString lowerHex = url;
    for (qsizetype i = 0; i + 2 < lowerHex.size(); ++i) {
        if (lowerHex.at(i) == QLatin1Char('%')) {
            lowerHex[i + 1] = lowerHex.at(i + 1).toLower();
            lowerHex[i + 2] = lowerHex.at(i + 2).toLower();
        }
    }
    forms << lowerHex;
    QString json;
    for (const QChar c : secret) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\') || c == QLatin1Char('/'))
            json += QLatin1Char('\\');
        json += c;
    }
    forms << json;
    QString jsonUnslashed = json;
    jsonUnslashed.replace(QLatin1String("\\/"), QLatin1String("/"));
    forms << jsonUnslashed;
    for (const auto alphabet : {QByteArray::Base64Encoding, QByteArray::Base64UrlEncoding}) {
        for (int offset = 0; offset < 3; ++offset)
            forms << base64Inside(utf8, offset, alphabet);
    }
    return forms;
}

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
    // \K starts the replaced part after a header name or an auth scheme.
    : m_patterns(QStringLiteral(
        "\\bsk-ant-[A-Za-z0-9_\\-]{20,}"
        "|\\bsk-(?:proj-|or-v1-|svcacct-)?[A-Za-z0-9_\\-]{20,}"
        "|\\bdtn_[A-Za-z0-9]{20,}"
        "|\\bgsk_[A-Za-z0-9]{20,}"
        "|\\bxai-[A-Za-z0-9]{20,}"
        "|\\bAIza[0-9A-Za-z_\\-]{30,}"
        "|\\bgh[pousr]_[A-Za-z0-9]{30,}"
        "|\\bgithub_pat_[A-Za-z0-9_]{22,}"
        "|\\bglpat-[A-Za-z0-9_\\-]{20,}"
        "|\\bhf_[A-Za-z0-9]{30,}"
        "|\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"
        "|\\bxox[abposre]-[A-Za-z0-9\\-]{10,}"
        // An Authorization header's value in free text (curl -H, a dumped request), after
        // its scheme when it has one.
        "|\\b(?i:proxy-)?(?i:authorization)[\"']?[ \\t]*[:=][ \\t]*[\"']?"
        "(?:(?i:bearer|basic|token)[ \\t]+)?\\K[^\\s\"',;]{8,}"
        "|\\b(?i:bearer)[ \\t]+\\K[A-Za-z0-9._~+/=\\-]{8,}"
        // Basic credentials are base64: a word like "information" is not one (it needs a
        // lowercase letter followed by an uppercase one or a digit, or a digit, +, / or =).
        "|\\b(?i:basic)[ \\t]+\\K(?=[A-Za-z0-9+/]*(?:[a-z][A-Za-z0-9+/]*[A-Z0-9+/]|[0-9+/=]))"
        "[A-Za-z0-9+/]{8,}={0,2}"))
{
}

void Redactor::rebuildNeedles()
{
    QSet<QString> needles;
    for (const QString &secret : std::as_const(m_secrets)) {
        for (const QString &form : encodedForms(secret)) {
            if (form.size() >= minimumSecretLength())
                needles.insert(form);
        }
    }
    m_needlesLongestFirst = needles.values();
    std::sort(m_needlesLongestFirst.begin(), m_needlesLongestFirst.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
}

void Redactor::addSecret(const QString &value)
{
    const QString trimmed = value.trimmed();
    QWriteLocker locker(&m_lock);
    if (trimmed.size() < minimumSecretLength() || m_secrets.contains(trimmed))
        return;
    m_secrets.insert(trimmed);
    rebuildNeedles();
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
    // Longest first, so that a key that contains another is replaced whole.
    QList<QString> secrets(m_secrets.cbegin(), m_secrets.cend());
    std::sort(secrets.begin(), secrets.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &secret : secrets)
        out.replace(secret, namedMarker(m_names.value(secret)));
    return out;
}

void Redactor::removeSecret(const QString &value)
{
    const QString trimmed = value.trimmed();
    QWriteLocker locker(&m_lock);
    if (m_secrets.remove(trimmed))
        rebuildNeedles();
    m_names.remove(trimmed);
}

QString Redactor::redactText(const QString &text) const
{
    if (text.isEmpty())
        return text;
    QString out = text;
    {
        QReadLocker locker(&m_lock);
        for (const QString &needle : m_needlesLongestFirst)
            out.replace(needle, marker());
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
