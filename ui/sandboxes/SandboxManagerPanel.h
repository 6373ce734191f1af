// The sandbox manager side panel: the list of sandboxes on the server in use (usage against
// limits, lifecycle timers, sortable by any column) over a details pane, with start, stop,
// delete (confirmed), clean up stopped, copy id, go to the owning thread, open a preview URL,
// a file browser and the sandbox's lifecycle timers. Everything runs asynchronously; errors show in
// the panel with what to do. Every action is a request to the sandbox service, which polls while
// the panel is visible.
#pragma once

#include "store/StoreTypes.h"

#include <QWidget>

class QAbstractItemView;
class QAction;
class QLabel;
class QMenu;
class QSortFilterProxyModel;
class SandboxDetailsPane;
class QTreeView;
class ProcessOutputView;
class ProcessService;
class SandboxListModel;
class SandboxService;
class Settings;

class SandboxManagerPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit SandboxManagerPanel(SandboxService &sandboxes, QWidget *parent = nullptr);

    void refresh();
    SandboxListModel *model() const { return m_model; }
    QSortFilterProxyModel *sortedModel() const { return m_proxy; }
    SandboxDetailsPane *details() const { return m_details; }
    SandboxService &service() const { return m_sandboxes; }
    // Where the recently previewed ports are remembered; without it, for this session only.
    void setSettings(Settings *settings) { m_settings = settings; }
    // The ports "Open Preview URL" offers, most recent first, then common dev-server ports.
    QStringList offeredPreviewPorts() const;
    QAbstractItemView *view() const;
    // The ids of the selected rows, in view order.
    QStringList selectedIds() const;
    // The thread shown in the window: "Attach to Current Thread" gives a sandbox to it (a
    // thread's tools reach only its own sandboxes and those the user attached). 0 = none.
    void setCurrentThread(RowId threadId);
    // Background processes (issue 17): the rows count them, and "Show Process Output" /
    // "Stop Process" act on the selected sandbox's newest one.
    void setProcesses(ProcessService *processes);
    // Opens (or raises) the live output window of a process.
    ProcessOutputView *showProcessOutput(const QString &processId);
    // The process those actions act on: the selected sandbox's newest running one (else its
    // newest); empty when none.
    QString selectedProcess() const;

signals:
    void goToThread(RowId threadId);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QAction *addPanelAction(const QString &objectName, const QString &text,
                            const QKeySequence &shortcut = QKeySequence());
    void updateActions();
    void updateStatus();
    void showMessage(const QString &text);
    void onOperationFinished(const QString &id, const QString &operation, const QString &error);
    void confirmDelete(const QStringList &ids, const QString &question);
    void startSelected();
    void stopSelected();
    void deleteSelected();
    void cleanUpStopped();
    void copyIds();
    void goToSelectedThread();
    void attachSelected();
    void askPreviewPort();
    void onPreviewUrl(const QString &id, int port, const QUrl &url, const QString &error);
    void browseFiles();
    void updateProcessActions();
    void editLifecycle();

    SandboxService &m_sandboxes;
    Settings *m_settings = nullptr;
    QList<int> m_recentPorts; // without settings
    SandboxListModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTreeView *m_view = nullptr;
    QLabel *m_statusLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QLabel *m_warningLabel = nullptr; // the local server's warning (no seccomp filter here)
    QLabel *m_messageLabel = nullptr;
    QMenu *m_contextMenu = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_startAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_cleanupAction = nullptr;
    QAction *m_copyIdAction = nullptr;
    QAction *m_goToThreadAction = nullptr;
    QAction *m_attachAction = nullptr;
    RowId m_currentThread = 0;
    QAction *m_previewAction = nullptr;
    QAction *m_browseAction = nullptr;
    ProcessService *m_processes = nullptr;
    QAction *m_showOutputAction = nullptr;
    QAction *m_stopProcessAction = nullptr;
    QAction *m_lifecycleAction = nullptr;
    SandboxDetailsPane *m_details = nullptr;
};
