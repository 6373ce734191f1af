// The message editor under the conversation: multi-line; Enter sends, Shift+Enter starts a
// new line (as in every chat app users know).
#pragma once

#include <QPlainTextEdit>

class Composer final : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit Composer(QWidget *parent = nullptr);

signals:
    void sendRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;
};
