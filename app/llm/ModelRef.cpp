// Parsing of "provider/model" strings (Mastra's parseModelRouterId).
#include "ModelRef.h"

ModelRef::ModelRef(const QString &provider, const QString &model)
    : m_provider(provider)
    , m_model(model)
{
}

std::optional<ModelRef> ModelRef::parse(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    const qsizetype slash = trimmed.indexOf(QLatin1Char('/'));
    const auto fail = [&](const QString &why) -> std::optional<ModelRef> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (trimmed.isEmpty())
        return fail(QStringLiteral("No model given. Write it as provider/model, for example "
                                   "openai/gpt-4o-mini."));
    if (slash < 0)
        return fail(QStringLiteral("'%1' is not a model reference: write it as provider/model, "
                                   "for example openai/%1.")
                        .arg(trimmed));
    const QString provider = trimmed.left(slash).toLower();
    const QString model = trimmed.mid(slash + 1);
    if (provider.isEmpty())
        return fail(QStringLiteral("'%1' has no provider before the '/': write it as "
                                   "provider/model, for example openai/gpt-4o-mini.")
                        .arg(trimmed));
    if (model.isEmpty() || model.startsWith(QLatin1Char('/')) || model.endsWith(QLatin1Char('/')))
        return fail(QStringLiteral("'%1' has no model name after '%2/': write it as "
                                   "provider/model, for example %2/<model id>.")
                        .arg(trimmed, provider));
    for (const QChar c : provider) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_')
              || c == QLatin1Char('.')))
            return fail(QStringLiteral("'%1' is not a provider id: use letters, digits, '-' or "
                                       "'_' (for example openai or openrouter).")
                            .arg(provider));
    }
    for (const QChar c : model) {
        if (c.isSpace())
            return fail(QStringLiteral("The model name '%1' contains white space; model ids "
                                       "never do.")
                            .arg(model));
    }
    return ModelRef(provider, model);
}

QString ModelRef::toString() const
{
    return m_provider + QLatin1Char('/') + m_model;
}
