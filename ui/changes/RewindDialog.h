// The rewind dialog (opened with open()): go back to a user message or a step, with the files
// only, the conversation only (a new thread forked there; the original stays) or both. A
// preview lists what would change before anything happens; a run in progress or a deleted
// sandbox is said plainly and the Rewind button stays off. The CheckpointService does the work
// and answers through signals; `rewound` tells the window what happened (to select a fork,
// offer "Undo Rewind", put the message back in the composer).
#pragma once

#include "services/CheckpointService.h"

#include <QDialog>

class QButtonGroup;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QListWidget;
class QPushButton;
class QRadioButton;

class RewindDialog final : public QDialog
{
    Q_OBJECT

public:
    RewindDialog(CheckpointService &checkpoints, RowId threadId, const RewindTarget &target,
                 QWidget *parent = nullptr);

    RowId threadId() const { return m_thread; }
    RewindTarget target() const;
    RewindMode mode() const;
    void setMode(RewindMode mode);
    // Picks a target among the listed ones (false when it is not listed).
    bool setTarget(const RewindTarget &target);

    QComboBox *targetPicker() const { return m_target; }
    QListWidget *previewList() const { return m_files; }
    QLabel *previewSummary() const { return m_summary; }
    QPushButton *rewindButton() const { return m_rewind; }
    // Whether the preview of the current choice has arrived (and the button is meaningful).
    bool isPreviewReady() const { return m_previewReady; }

signals:
    // The rewind happened (result.error is empty).
    void rewound(const RewindResult &result);

private:
    void requestPreview();
    void previewReady(const RewindPreview &preview);
    void startRewind();
    void finished(const RewindResult &result);

    CheckpointService &m_checkpoints;
    RowId m_thread = 0;
    int m_previewRequest = 0;
    int m_rewindRequest = 0;
    bool m_previewReady = false;
    QComboBox *m_target = nullptr;
    QRadioButton *m_filesOnly = nullptr;
    QRadioButton *m_conversation = nullptr;
    QRadioButton *m_both = nullptr;
    QButtonGroup *m_modes = nullptr;
    QLabel *m_summary = nullptr;
    QListWidget *m_files = nullptr;
    QLabel *m_refusal = nullptr;
    QPushButton *m_rewind = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};
