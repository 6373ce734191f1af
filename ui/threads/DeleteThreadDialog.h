// Asks before a thread is deleted: "Delete thread X?", and, when the thread owns sandboxes,
// whether to delete them too (they keep running, and costing, at their provider otherwise).
// Opened with open(); the caller acts on accepted().
#pragma once

#include <QDialog>

class QCheckBox;

class DeleteThreadDialog final : public QDialog
{
    Q_OBJECT

public:
    DeleteThreadDialog(const QString &threadTitle, int sandboxCount, QWidget *parent = nullptr);

    bool alsoDeleteSandboxes() const;
    // The checkbox's first state (Settings: delete sandboxes with their thread).
    void setAlsoDeleteSandboxes(bool checked);

private:
    QCheckBox *m_sandboxes = nullptr;
};
