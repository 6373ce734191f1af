#include "Composer.h"

#include <QDropEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QUrl>

namespace {

// The local files a drag carries; empty when it carries anything else (text is pasted).
QStringList localFiles(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl &url : mime->urls()) {
        if (!url.isLocalFile())
            return {};
        paths << url.toLocalFile();
    }
    return paths;
}

} // namespace

Composer::Composer(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("composer"));
    setAccessibleName(tr("Message to the agent"));
    setAccessibleDescription(tr("Enter sends, Shift+Enter starts a new line"));
    setPlaceholderText(tr("Ask the agent to write, run and test code (Enter sends, Shift+Enter "
                          "starts a new line)"));
    setTabChangesFocus(true);
    setMaximumHeight(fontMetrics().lineSpacing() * 8);
    setMinimumHeight(fontMetrics().lineSpacing() * 3);
}

void Composer::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter) {
        const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
        if (mods == Qt::NoModifier) {
            event->accept();
            emit sendRequested();
            return;
        }
        if (mods == Qt::ShiftModifier) {
            // A real paragraph break (the default would insert U+2028).
            insertPlainText(QStringLiteral("\n"));
            event->accept();
            return;
        }
    }
    QPlainTextEdit::keyPressEvent(event);
}

void Composer::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localFiles(event->mimeData()).isEmpty()) {
        event->acceptProposedAction();
        return;
    }
    QPlainTextEdit::dragEnterEvent(event);
}

void Composer::dragMoveEvent(QDragMoveEvent *event)
{
    if (!localFiles(event->mimeData()).isEmpty()) {
        event->acceptProposedAction();
        return;
    }
    QPlainTextEdit::dragMoveEvent(event);
}

void Composer::dropEvent(QDropEvent *event)
{
    const QStringList paths = localFiles(event->mimeData());
    if (paths.isEmpty()) {
        QPlainTextEdit::dropEvent(event);
        return;
    }
    event->acceptProposedAction();
    emit filesDropped(paths);
}
