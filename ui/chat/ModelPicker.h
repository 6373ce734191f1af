// The per-thread model picker: an editable combo box of "provider/model" references. It
// offers the default model, the thread's model, the ones used before and, after refresh(),
// the provider's own model list (LlmClient::listModels with the key from the KeyResolver).
// Any custom "provider/model" text is allowed once ModelRef accepts it.
#pragma once

#include <QComboBox>
#include <QPointer>

class KeyResolver;
class LlmClient;
class ModelListRequest;

class ModelPicker final : public QComboBox
{
    Q_OBJECT

public:
    // Offers `defaultModel` first, then the catalog's well-known models. `llm` and `keys` may
    // be null (a picker that only edits text, and cannot refresh).
    ModelPicker(LlmClient *llm, KeyResolver *keys, const QString &defaultModel,
                QWidget *parent = nullptr);

    QString currentModel() const;
    void setCurrentModel(const QString &model);
    // The current text as a reference; false and *error (what to write) when it is not one.
    bool validate(QString *error) const;
    // Asks the current provider for its models and adds them.
    void refresh();
    bool isRefreshing() const { return !m_request.isNull(); }

signals:
    // The user settled on a valid reference (picked from the list or finished typing).
    void modelChosen(const QString &model);
    void refreshFinished(int count, const QString &error);

private:
    void addModel(const QString &model);
    void settle();

    LlmClient *m_llm;
    KeyResolver *m_keys;
    QPointer<ModelListRequest> m_request;
    QString m_lastChosen;
};
