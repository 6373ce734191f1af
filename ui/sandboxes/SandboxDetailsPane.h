// The sandbox list's details pane: everything about the selected sandbox that does not fit a
// column - provider, state, owner, created and last active, network policy, limits and usage,
// lifecycle timers, labels and the NAMES of its environment variables (never their values:
// they are often keys). Fed by the list's model, so it follows each refresh.
#pragma once

#include <QWidget>

class QFormLayout;
class QLabel;
class SandboxListModel;

class SandboxDetailsPane final : public QWidget
{
    Q_OBJECT
public:
    explicit SandboxDetailsPane(SandboxListModel *model, QWidget *parent = nullptr);

    // The sandbox shown; empty shows a hint.
    void showSandbox(const QString &id);
    QString sandboxId() const { return m_id; }
    // All the text shown, for tests and screen readers.
    QString text() const;

private:
    void refill();
    QLabel *addRow(const QString &label, const QString &objectName);

    SandboxListModel *m_model;
    QString m_id;
    QFormLayout *m_form = nullptr;
    QLabel *m_hint = nullptr;
    QWidget *m_fields = nullptr;
    QList<QLabel *> m_values;
    QLabel *m_name = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_owner = nullptr;
    QLabel *m_created = nullptr;
    QLabel *m_lastActive = nullptr;
    QLabel *m_network = nullptr;
    QLabel *m_resources = nullptr;
    QLabel *m_timers = nullptr;
    QLabel *m_labels = nullptr;
    QLabel *m_env = nullptr;
};
