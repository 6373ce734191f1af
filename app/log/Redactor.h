// Hides secrets before text or JSON leaves the process's memory: log lines, the step log,
// exports, tool output shown to the model. Three layers (specs/security.md §3.2):
//  1. exact values: every key the app loaded (keychain, environment, .env) is replaced wherever
//     it appears, even inside free text such as a curl command line;
//  2. value patterns of well-known key formats (sk-..., sk-ant-..., dtn_..., Bearer ...);
//  3. key names: JSON fields named like a secret (apiKey, Authorization, x-api-key, ...), and
//     environment variables whose names contain KEY, TOKEN, SECRET, PASSWORD or AUTH.
#pragma once

#include <QHash>
#include <QJsonValue>
#include <QReadWriteLock>
#include <QRegularExpression>
#include <QSet>
#include <QString>

class Redactor final
{
public:
    // Thread-safe: log lines are redacted on whatever thread writes them.
    Redactor();

    static QString marker() { return QStringLiteral("[REDACTED]"); }

    // Values shorter than minimumSecretLength() are ignored: hiding "abc" everywhere would
    // mangle ordinary text and say nothing about a real key.
    static constexpr qsizetype minimumSecretLength() { return 8; }
    void addSecret(const QString &value);
    // The same, remembering whose secret it is (OPENAI_API_KEY, "the openai key in the
    // keychain"), for namedSecrets(); the first name given for a value stays.
    void addSecret(const QString &value, const QString &name);
    void removeSecret(const QString &value);
    qsizetype secretCount() const;

    QString redactText(const QString &text) const;
    // For approval texts, which must show exactly what runs: only the app's known secrets are
    // replaced, each by a marker that says a secret is there and whose it is
    // ("[secret: OPENAI_API_KEY]"); everything else stays as it is.
    QString namedSecrets(const QString &text) const;
    static QString namedMarker(const QString &name);
    QByteArray redactUtf8(const QByteArray &text) const;
    QJsonValue redactJson(const QJsonValue &value) const;

    // A JSON field or HTTP header whose value is a secret (normalized: lowercase, only letters
    // and digits, compared exactly with the known names or by a known suffix).
    static bool isSecretFieldName(QStringView name);
    // An environment variable whose value must not be shown (e.g. OPENAI_API_KEY, GH_TOKEN).
    static bool isSecretEnvironmentName(QStringView name);

private:
    QJsonValue redactJsonValue(const QJsonValue &value, bool inEnvironment) const;

    mutable QReadWriteLock m_lock;
    QSet<QString> m_secrets;
    QHash<QString, QString> m_names; // secret -> whose
    QList<QString> m_secretsLongestFirst;
    QRegularExpression m_patterns;
};
