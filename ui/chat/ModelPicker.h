// The per-thread model picker: an editable combo box of "provider/model" references. It
// offers the default model, the thread's model, the ones used before and, after refresh(),
// the provider's own model list (LlmClient::listModels with the key from the KeyResolver).
// Any custom "provider/model" text is allowed once ModelRef accepts it.
#pragma once

#include <QComboBox>
#include <QPointer>

class AppContext;
class ModelListRequest;

class ModelPicker final : public QComboBox
{
    Q_OBJECT

public:
    // `context` may be null (a picker that only edits text).
    explicit ModelPicker(AppContext *context, QWidget *parent = nullptr);

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

    AppContext *m_context;
    QPointer<ModelListRequest> m_request;
    QString m_lastChosen;
};
