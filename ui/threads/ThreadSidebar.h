// The thread sidebar: a search field (search-as-you-type: titles, messages, tool calls), a
// "New thread" button and the list of threads grouped by date, pinned on top. Rename in place
// (F2), pin, export (Markdown or JSON) and delete (Del; optionally with the thread's sandboxes)
// from the keyboard or the row's context menu. Every change goes through the ThreadService,
// and the list follows the service's signals, whoever made the change (this sidebar, the chat
// pane, the engine's titles, another process). Works with or without the agent engine; with
// it, the running dot follows the runs.
#pragma once

#include "agent/RunEvent.h"
#include "store/StoreTypes.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QWidget>

#include <optional>

class AgentEngine;
class Redactor;
class RunHistory;
class Settings;
class QAction;
class QLabel;
class QLineEdit;
class QListView;
class QModelIndex;
class QTimer;
class QToolButton;
class SandboxService;
class ThreadListModel;
class ThreadService;

class ThreadSidebar final : public QWidget
{
    Q_OBJECT

public:
    // engine: nullptr when the agent cannot run here (the list still works, without the
    // running dots). history and redactor: for the export.
    ThreadSidebar(ThreadService &threads, SandboxService &sandboxes, const RunHistory &history,
                  Settings &settings, const Redactor &redactor, AgentEngine *engine,
                  QWidget *parent = nullptr);

    QLineEdit *searchField() const { return m_search; }
    QListView *threadList() const { return m_list; }
    ThreadListModel *model() const { return m_model; }

    // The thread shown in the chat pane; 0 when none. Searching does not change it.
    RowId currentThreadId() const { return m_currentId; }
    // Selects the thread (clearing a search that hides it); 0 clears the selection.
    void selectThread(RowId id);
    // The next / previous thread in the list as shown (headers skipped; no wrap-around).
    void selectNextThread();
    void selectPreviousThread();
    // Creates a thread with the default model, selects it and returns its id (0 on failure,
    // with the reason shown in the sidebar).
    RowId newThread();
    // Starts editing the current thread's title in place.
    void renameCurrentThread();
    // Asks (non-modally), then deletes the thread at once and its sandboxes in the background.
    void deleteCurrentThread();
    // Asks for a file (Markdown or JSON by the chosen filter) and writes the thread to it.
    void exportCurrentThread();
    void togglePinCurrentThread();
    // Reads the threads again (after a failed load, or a new day); new, changed
    // and deleted threads need no reload: the service announces them.
    void reload();

signals:
    void currentThreadChanged(RowId threadId);

private:
    void scheduleDayChange();
    void onRunEvent(const RunEvent &event);
    void onCurrentIndexChanged(const QModelIndex &current);
    void onRowsAboutToBeRemoved(int first, int last);
    void onRowsRemoved();
    void setCurrent(RowId id);
    void applySearch();
    void onSearchFinished(const QString &text, const QList<SearchHit> &hits, const QString &error);
    void restoreSelection();
    void stepSelection(int direction);
    void showContextMenu(const QPoint &position);
    void removeThread(RowId id, const QList<SandboxRecord> &sandboxes);
    void deleteSandboxes(const QList<SandboxRecord> &sandboxes);
    void onSandboxOperationFinished(const QString &id, const QString &operation,
                                    const QString &error);
    void writeExport(RowId id, const QString &path, bool json);
    void showMessage(const QString &text, bool error);
    void clearMessage();
    void updateActions();
    void updateEmptyState();
    bool eventFilter(QObject *watched, QEvent *event) override;

    ThreadService &m_threads;
    SandboxService &m_sandboxes;
    const RunHistory &m_history;
    Settings &m_settings;
    const Redactor &m_redactor;
    AgentEngine *m_engine = nullptr;
    ThreadListModel *m_model = nullptr;
    QLineEdit *m_search = nullptr;
    QToolButton *m_newThread = nullptr;
    QListView *m_list = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_message = nullptr;
    QTimer *m_searchTimer = nullptr;
    QTimer *m_messageTimer = nullptr;
    QTimer *m_dayTimer = nullptr; // regroups at midnight: "Today" becomes "Yesterday"
    QAction *m_renameAction = nullptr;
    QAction *m_pinAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QHash<QString, QString> m_deletingSandboxes; // remote id -> name, while being deleted
    RowId m_currentId = 0;
    // The current thread's row is being removed: this one becomes current next (0: none).
    std::optional<RowId> m_nextAfterRemoval;
    bool m_restoring = false;
    bool m_selectFirstHit = false; // Enter in the search field: go to the best hit
};
