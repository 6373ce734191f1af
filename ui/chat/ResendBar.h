// Shown above the composer while the user edits their last message to send it again (issue
// 18): says so, lets them choose what happens to the conversation after it - a new thread
// forked before it (the original stays as it was) or replacing it (the answer and all that
// followed are removed) - and cancels the edit (Escape).
#pragma once

#include "store/StoreTypes.h"

#include <QFrame>

class QRadioButton;

class ResendBar final : public QFrame
{
    Q_OBJECT

public:
    enum class Mode { Fork, Truncate };

    explicit ResendBar(QWidget *parent = nullptr);

    // Starts editing the message (the pane puts its text into the composer).
    void start(RowId messageId);
    RowId messageId() const { return m_messageId; }
    bool isEditing() const { return m_messageId != 0; }
    Mode mode() const;
    void setMode(Mode mode);
    // Ends the edit (sent or cancelled); the bar hides.
    void finish();

signals:
    void cancelRequested();

private:
    RowId m_messageId = 0;
    QRadioButton *m_fork = nullptr;
    QRadioButton *m_truncate = nullptr;
};
