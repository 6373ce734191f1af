#include "ValueViewer.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextCursor>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

ValueViewer::ValueViewer(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("valueViewerPane"));

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("valueViewerTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_find = new QLineEdit(this);
    m_find->setObjectName(QStringLiteral("valueViewerFind"));
    m_find->setPlaceholderText(tr("Find in value"));
    m_find->setClearButtonEnabled(true);
    m_find->installEventFilter(this);

    m_findStatus = new QLabel(this);
    m_findStatus->setObjectName(QStringLiteral("valueViewerFindStatus"));

    m_previous = new QToolButton(this);
    m_previous->setObjectName(QStringLiteral("valueViewerPrevious"));
    m_previous->setText(tr("Previous"));
    m_previous->setToolTip(tr("Previous match (Shift+Enter)"));
    m_next = new QToolButton(this);
    m_next->setObjectName(QStringLiteral("valueViewerNext"));
    m_next->setText(tr("Next"));
    m_next->setToolTip(tr("Next match (Enter)"));
    m_close = new QToolButton(this);
    m_close->setObjectName(QStringLiteral("valueViewerClose"));
    m_close->setText(tr("Close"));
    m_close->setToolTip(tr("Close the viewer (Escape)"));

    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("valueViewer"));
    m_text->setReadOnly(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    // No wrapping: long JSON lines and command output keep their shape, and layout stays
    // cheap for megabytes of text.
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->installEventFilter(this);

    auto *findRow = new QHBoxLayout;
    findRow->setContentsMargins(0, 0, 0, 0);
    findRow->addWidget(m_find, 1);
    findRow->addWidget(m_findStatus);
    findRow->addWidget(m_previous);
    findRow->addWidget(m_next);
    findRow->addWidget(m_close);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_title);
    layout->addLayout(findRow);
    layout->addWidget(m_text, 1);

    connect(m_next, &QToolButton::clicked, this, [this] { findNext(false); });
    connect(m_previous, &QToolButton::clicked, this, [this] { findNext(true); });
    connect(m_find, &QLineEdit::returnPressed, this, [this] { findNext(false); });
    connect(m_find, &QLineEdit::textChanged, this, [this] { m_findStatus->clear(); });
    connect(m_close, &QToolButton::clicked, this, [this] {
        hide();
        emit closed();
    });
}

void ValueViewer::showValue(const QString &title, const QString &text)
{
    m_title->setText(title);
    m_findStatus->clear();
    m_text->setPlainText(text);
    show();
}

QString ValueViewer::title() const
{
    return m_title->text();
}

bool ValueViewer::findNext(bool backward)
{
    const QString needle = m_find->text();
    if (needle.isEmpty()) {
        m_findStatus->clear();
        return false;
    }
    const QTextDocument::FindFlags flags
        = backward ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    bool found = m_text->find(needle, flags);
    if (!found) {
        // Wrap around: from the other end once.
        QTextCursor cursor = m_text->textCursor();
        cursor.movePosition(backward ? QTextCursor::End : QTextCursor::Start);
        m_text->setTextCursor(cursor);
        found = m_text->find(needle, flags);
    }
    m_findStatus->setText(found ? QString() : tr("No match"));
    return found;
}

bool ValueViewer::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape) {
            hide();
            emit closed();
            return true;
        }
        if (watched == m_find && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && (key->modifiers() & Qt::ShiftModifier)) {
            findNext(true);
            return true;
        }
        if (watched == m_text && key->matches(QKeySequence::Find)) {
            m_find->setFocus(Qt::ShortcutFocusReason);
            m_find->selectAll();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
