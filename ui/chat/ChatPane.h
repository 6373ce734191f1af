// The chat pane: the conversation of the current thread and the composer under it.
#pragma once

#include <QWidget>

class QListView;
class QPlainTextEdit;
class QPushButton;

class ChatPane final : public QWidget
{
    Q_OBJECT

public:
    explicit ChatPane(QWidget *parent = nullptr);

    QListView *conversationView() const { return m_conversation; }
    QPlainTextEdit *composer() const { return m_composer; }

    void focusComposer();

private:
    QListView *m_conversation = nullptr;
    QPlainTextEdit *m_composer = nullptr;
    QPushButton *m_send = nullptr;
};
