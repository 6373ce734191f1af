// What an empty thread shows instead of a blank conversation: what the agent can do, three
// example prompts that send on click (Alt+1..3 from the keyboard), and what is missing before
// the first run: a model key (with a button that opens the key setup), whether local sandboxes
// work here (bubblewrap's diagnosis, with what to do) and whether Daytona is configured. The
// pane hands in the facts; the view only shows them and reports the person's choices.
#pragma once

#include "localsandbox/SandboxHostCheck.h"

#include <QWidget>

class QLabel;
class QPushButton;

class EmptyThreadView final : public QWidget
{
    Q_OBJECT

public:
    explicit EmptyThreadView(QWidget *parent = nullptr);

    // The example prompts, in the order of their buttons.
    static QStringList examplePrompts();
    QList<QPushButton *> exampleButtons() const { return m_examples; }

    enum class KeyState { Checking, Found, Missing, NotNeeded };
    // The key of the model's provider (displayName: e.g. "OpenAI"; source: where it was found).
    void setKeyState(KeyState state, const QString &provider, const QString &source = {});
    // Local sandboxes: still probing (nullopt) or the diagnosis.
    void setSandboxState(const std::optional<SandboxHostCheck::Result> &result);
    void setDaytonaConfigured(bool configured);
    // Whether the examples can be sent (no engine: they cannot, and say so in their tooltip).
    void setCanSend(bool canSend);

    QLabel *keyLabel() const { return m_keyLabel; }
    QLabel *sandboxLabel() const { return m_sandboxLabel; }
    QLabel *daytonaLabel() const { return m_daytonaLabel; }
    QPushButton *keySetupButton() const { return m_keySetup; }
    QPushButton *daytonaSetupButton() const { return m_daytonaSetup; }

signals:
    void examplePromptChosen(const QString &prompt);
    void keySetupRequested();
    void daytonaSetupRequested();

private:
    static QString statusLine(bool good, const QString &text);

    QList<QPushButton *> m_examples;
    QLabel *m_keyLabel = nullptr;
    QPushButton *m_keySetup = nullptr;
    QLabel *m_sandboxLabel = nullptr;
    QLabel *m_daytonaLabel = nullptr;
    QPushButton *m_daytonaSetup = nullptr;
};
