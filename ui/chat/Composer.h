// The message editor under the conversation: multi-line; Enter sends, Shift+Enter starts a
// new line (as in every chat app users know). Files and folders dropped on it are not pasted
// as text: they become attachments (filesDropped).
#pragma once

#include <QPlainTextEdit>

class Composer final : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit Composer(QWidget *parent = nullptr);

signals:
    void sendRequested();
    // Local files or folders were dropped (absolute paths).
    void filesDropped(const QStringList &paths);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
};
