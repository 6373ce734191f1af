// The inspector's value viewer: one value in full (never elided), read-only, monospace, with
// a find field (Enter: next match, Shift+Enter: previous, Escape: close).
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QToolButton;

class ValueViewer final : public QWidget
{
    Q_OBJECT

public:
    explicit ValueViewer(QWidget *parent = nullptr);

    // Shows text under a title (where the value is, e.g. "Run 1 › Step 3 › result › stdout").
    void showValue(const QString &title, const QString &text);
    QString title() const;

    QPlainTextEdit *textView() const { return m_text; }
    QLineEdit *findField() const { return m_find; }
    // Selects the next (or previous) match of the find field's text, wrapping around; false
    // (and "No match" shown) when there is none.
    bool findNext(bool backward = false);

signals:
    void closed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLabel *m_title = nullptr;
    QLineEdit *m_find = nullptr;
    QLabel *m_findStatus = nullptr;
    QToolButton *m_previous = nullptr;
    QToolButton *m_next = nullptr;
    QToolButton *m_close = nullptr;
    QPlainTextEdit *m_text = nullptr;
};
