// "provider/model" references as Mastra writes them: the provider is the first segment, the
// model is everything after the first '/', which may itself contain '/'
// ("openrouter/anthropic/claude-3.5-sonnet").
#pragma once

#include <QString>

#include <optional>

class ModelRef final
{
public:
    ModelRef() = default;
    ModelRef(const QString &provider, const QString &model);

    // Returns nullopt and a message that says what to write when the text is not a reference.
    static std::optional<ModelRef> parse(const QString &text, QString *error = nullptr);

    const QString &provider() const { return m_provider; }
    const QString &model() const { return m_model; }
    bool isValid() const { return !m_provider.isEmpty() && !m_model.isEmpty(); }
    QString toString() const;

    friend bool operator==(const ModelRef &, const ModelRef &) = default;

private:
    QString m_provider;
    QString m_model;
};
