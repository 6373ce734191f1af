// The status bar's live part: what the current thread's run is doing, the tokens the thread
// has used and where sandboxes run. (Pending approvals have their own button, ui/approval.)
// Fed by the engine's run events and the run history; never by the widgets it sits beside.
#pragma once

#include "store/StoreTypes.h"

#include <QObject>

class AgentEngine;
class QLabel;
class QStatusBar;
class RunHistory;
class SandboxService;
struct RunEvent;

class RunStatusBar final : public QObject
{
    Q_OBJECT

public:
    // With an engine: follows its runs and says where sandboxes run (the providers
    // `sandboxes` lists). Without one (nullptr): says the agent is unavailable, `engineError` in
    // its tool tip.
    RunStatusBar(const RunHistory &history, AgentEngine *engine, const SandboxService *sandboxes,
                 const QString &engineError, QStatusBar *bar);

    void setThread(RowId threadId);
    RowId thread() const { return m_thread; }
    QString stateText() const;

private:
    void onRunEvent(const RunEvent &event);
    void reloadTokens();
    void showTokens(const QList<RunRecord> &runs);
    void setState(const QString &text);

    const RunHistory &m_history;
    AgentEngine *m_engine;
    RowId m_thread = 0;
    QLabel *m_state = nullptr;
    QLabel *m_tokens = nullptr;
    QLabel *m_sandbox = nullptr;
};
