#include "ModelPicker.h"

#include "llm/LlmClient.h"
#include "llm/ModelRef.h"
#include "llm/ModelSuggestions.h"
#include "secrets/KeyResolver.h"

#include <QCompleter>
#include <QLineEdit>

ModelPicker::ModelPicker(LlmClient *llm, KeyResolver *keys, const QString &defaultModel,
                         QWidget *parent)
    : QComboBox(parent)
    , m_llm(llm)
    , m_keys(keys)
{
    setObjectName(QStringLiteral("modelPicker"));
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(24);
    setToolTip(tr("The model for this thread, as provider/model (e.g. openai/gpt-4o-mini)"));
    completer()->setCaseSensitivity(Qt::CaseInsensitive);
    completer()->setFilterMode(Qt::MatchContains);
    addModel(defaultModel);
    if (m_llm) {
        // Well-known models of every provider until Refresh lists the provider's own.
        for (const QString &model : ModelSuggestions::all(m_llm->catalog()))
            addModel(model);
    }

    connect(this, &QComboBox::activated, this, [this] { settle(); });
    connect(lineEdit(), &QLineEdit::editingFinished, this, [this] { settle(); });
}

QString ModelPicker::currentModel() const
{
    return currentText().trimmed();
}

void ModelPicker::setCurrentModel(const QString &model)
{
    addModel(model);
    setCurrentText(model);
    m_lastChosen = model;
}

bool ModelPicker::validate(QString *error) const
{
    return ModelRef::parse(currentModel(), error).has_value();
}

void ModelPicker::addModel(const QString &model)
{
    if (!model.isEmpty() && findText(model) < 0)
        addItem(model);
}

void ModelPicker::settle()
{
    const QString model = currentModel();
    if (model == m_lastChosen || !validate(nullptr))
        return;
    m_lastChosen = model;
    addModel(model);
    emit modelChosen(model);
}

void ModelPicker::refresh()
{
    if (m_request || !m_llm || !m_keys)
        return;
    QString error;
    const auto ref = ModelRef::parse(currentModel(), &error);
    if (!ref) {
        emit refreshFinished(0, error);
        return;
    }
    const QString provider = ref->provider();
    if (!m_llm->catalog().find(provider)) {
        emit refreshFinished(0,
                             tr("Unknown provider \"%1\"; pick one from the list.").arg(provider));
        return;
    }
    m_keys->resolveKey(provider, this, [this, provider](const ResolvedKey &key) {
        m_request = m_llm->listModels(provider, key.value, this);
        connect(m_request, &ModelListRequest::finished, this,
                [this, provider](const ModelListResult &result) {
                    if (m_request)
                        m_request->deleteLater();
                    if (!result.ok()) {
                        emit refreshFinished(0, result.error.message());
                        return;
                    }
                    const QString keep = currentText();
                    for (const ModelInfo &model : result.models)
                        addModel(provider + QLatin1Char('/') + model.id);
                    setCurrentText(keep);
                    emit refreshFinished(int(result.models.size()), QString());
                });
        m_request->start();
    });
}
