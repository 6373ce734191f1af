// Hides secrets before text or JSON leaves the process's memory: log lines, the step log,
// exports, tool output shown to the model. Three layers (specs/security.md §3.2):
//  1. exact values: every key the app loaded (keychain, environment, .env) is replaced wherever
//     it appears, even inside free text such as a curl command line, and so are its encoded
//     forms: URL-encoded (upper- or lowercase hex), JSON-escaped, and base64 (standard and
//     URL-safe alphabet, at any of the three byte offsets, so also inside a longer base64 text
//     such as "Basic base64(user:key)"). The encoded forms are computed once, in addSecret();
//  2. value patterns of well-known key formats: OpenAI sk-/sk-proj-/sk-or-v1-/sk-svcacct-,
//     Anthropic sk-ant-, Daytona dtn_, Groq gsk_, xAI xai-, Google AIza, Hugging Face hf_,
//     AWS access key ids AKIA/ASIA, Slack xox?-, GitHub gh?_ and github_pat_, GitLab glpat-;
//     the credential after "Bearer" or "Basic" (any case, after spaces or tabs) and the value of
//     an Authorization / Proxy-Authorization header in free text;
//  3. key names: JSON fields named like a secret (apiKey, Authorization, x-api-key, ...), and
//     environment variables whose names contain KEY, TOKEN, SECRET, PASSWORD or AUTH.
// What it cannot know: a secret it was never given, in a shape none of the patterns has (say,
// a database password typed into a command), or a known key transformed otherwise (hex,
// split in two, reversed).
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
    void rebuildNeedles();

    mutable QReadWriteLock m_lock;
    QSet<QString> m_secrets;
    QHash<QString, QString> m_names; // secret -> whose
    // Each secret and its encoded forms, longest first (a key that contains another is
    // replaced whole).
    QList<QString> m_needlesLongestFirst;
    QRegularExpression m_patterns;
};
