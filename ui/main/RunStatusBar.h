// The status bar's live part: what the current thread's run is doing, the tokens the thread
// has used and where sandboxes run. (Pending approvals have their own button, ui/approval.)
// Fed by the engine's run events and the store; never by the widgets it sits beside.
#pragma once

#include "store/StoreTypes.h"

#include <QObject>

class AppContext;
class QLabel;
class QStatusBar;
struct RunEvent;

class RunStatusBar final : public QObject
{
    Q_OBJECT

public:
    RunStatusBar(AppContext &context, QStatusBar *bar);

    void setThread(RowId threadId);
    RowId thread() const { return m_thread; }
    QString stateText() const;

private:
    void onRunEvent(const RunEvent &event);
    void reloadTokens();
    void showTokens(const QList<RunRecord> &runs);
    void setState(const QString &text);

    AppContext &m_context;
    RowId m_thread = 0;
    QLabel *m_state = nullptr;
    QLabel *m_tokens = nullptr;
    QLabel *m_sandbox = nullptr;
};
