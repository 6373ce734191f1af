// The Changes tab (beside Inspector and Sandboxes): the net change of the current thread's
// sandbox for a range the user picks (the last run, since the thread began, one run, or
// between two steps), as a list of files and the diff of the selected one (unified or side by
// side). From here: copy a hunk, export the net change as a patch or the changed files as an
// archive, revert one file to before the run, and open the rewind dialog. The change set comes
// from the CheckpointService (computed off the GUI thread); the diff rows are built off it too.
#pragma once

#include "changes/ChangeTypes.h"
#include "services/CheckpointService.h"
#include "store/StoreTypes.h"

#include <QFutureWatcher>
#include <QSet>
#include <QWidget>

class AgentEngine;
class ChangedFilesModel;
class CheckpointService;
class DiffView;
class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QToolButton;
class QTreeView;
class RunHistory;
struct DiffRendering;

class ChangesPanel final : public QWidget
{
    Q_OBJECT

public:
    // `checkpoints` may be nullptr (the engine could not be built): the tab then says why.
    ChangesPanel(CheckpointService *checkpoints, const RunHistory &history, AgentEngine *engine,
                 QWidget *parent = nullptr);
    ~ChangesPanel() override;

    void setThread(RowId threadId);
    RowId thread() const { return m_thread; }
    // Shows one run's net change (the run card in the chat).
    void showRun(RowId runId);
    // Shows the change of one tool call and selects a file in it (the inspector's link).
    void showToolCallFile(RowId toolCallRowId, const QString &path);
    // Selects a file of the shown change set (false when it is not in it).
    bool selectFile(const QString &path);

    QComboBox *rangePicker() const { return m_range; }
    QTreeView *fileList() const { return m_files; }
    ChangedFilesModel *filesModel() const { return m_model; }
    DiffView *diffView() const { return m_diff; }
    QLabel *summaryLabel() const { return m_summary; }
    QLabel *messageLabel() const { return m_message; }
    // Whether a change set or a diff is still being computed.
    bool isBusy() const;

    void nextFile();
    void previousFile();
    void copyHunk();
    // Opens a file dialog (open(), not exec()) and writes the patch or the archive there.
    void exportPatch();
    void exportArchive();
    // Writes straight to a path (what the file dialogs end in; tests call these).
    void exportPatchTo(const QString &path);
    void exportArchiveTo(const QString &path);
    void revertSelectedFile();
    void undoRewind();
    QPushButton *undoButton() const { return m_undo; }

signals:
    // The Rewind button: the window opens the rewind dialog at this step of the thread.
    void rewindRequested(RowId threadId, int step);
    // A hunk was copied to the clipboard (its text).
    void hunkCopied(const QString &text);

private:
    void build();
    void createActions();
    void reloadRanges();
    void rangeChosen();
    void selectRange(const ChangeRange &range);
    ChangeRange chosenRange() const;
    void requestChanges(const ChangeRange &range);
    void changesReady(const ChangesResult &result);
    void rewindFinished(const RewindResult &result);
    void exportFinished(const ExportFinished &result);
    // The run "before the run" means for revert: the shown run, or the first one in the range.
    RowId revertRun() const;
    int rewindStep() const;
    void fileSelected();
    void renderingReady();
    void showMessage(const QString &text, bool isError);
    void updateActions();
    QString summaryText(const ChangeSet &changes) const;

    CheckpointService *m_checkpoints = nullptr;
    const RunHistory &m_history;
    AgentEngine *m_engine = nullptr;
    RowId m_thread = 0;
    QList<ThreadStep> m_steps;
    ChangeRange m_shown;
    bool m_sandboxGone = false;
    int m_ticket = 0; // the change set asked for last; older answers are dropped
    QSet<int> m_jobs; // reverts, undos and exports this panel asked for
    bool m_loading = false;
    QString m_pendingFile; // select it when the change set arrives
    QString m_notice; // what the last revert, undo or export did (kept across reloads)
    QFutureWatcher<DiffRendering> *m_render = nullptr;
    int m_renderRow = -1;

    QComboBox *m_range = nullptr;
    QComboBox *m_from = nullptr;
    QComboBox *m_to = nullptr;
    QWidget *m_stepsRow = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_message = nullptr;
    QTreeView *m_files = nullptr;
    ChangedFilesModel *m_model = nullptr;
    DiffView *m_diff = nullptr;
    QCheckBox *m_sideBySide = nullptr;
    QToolButton *m_copyHunkButton = nullptr;
    QPushButton *m_revert = nullptr;
    QToolButton *m_export = nullptr;
    QPushButton *m_rewind = nullptr;
    QPushButton *m_undo = nullptr;
    QAction *m_nextFile = nullptr;
    QAction *m_previousFile = nullptr;
    QAction *m_nextHunk = nullptr;
    QAction *m_previousHunk = nullptr;
    QAction *m_copyHunk = nullptr;
    QAction *m_exportPatch = nullptr;
    QAction *m_exportArchive = nullptr;
};
