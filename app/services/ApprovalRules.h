// The one owner of the approval rules and of each thread's approval mode (issue 16). The
// approval dialog, Settings > Approvals, the composer's mode switcher, the CLI and the engine
// read and change them here; the service writes the store and says what changed (ruleAdded,
// ruleChanged, ruleRemoved, modeChanged). Rules persist in the store and survive restarts; the
// engine reads them at every call it gates, so a change applies to the next call, also in a
// running run (and a waiting call is decided again when a change decides it).
//
// Changes another process makes to the same database (the CLI beside the window) are read
// again when SQLite's data_version moves (checked about once a second once someone listens).
#pragma once

#include "agent/ApprovalMode.h"
#include "agent/ApprovalRule.h"
#include "store/StoreResult.h"
#include "store/StoreTypes.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

class QTimer;
class Store;

class ApprovalRules final : public QObject
{
    Q_OBJECT

public:
    explicit ApprovalRules(Store &store, QObject *parent = nullptr);
    ~ApprovalRules() override;

    // Rules. Each write is committed before its signal; a failure returns the store's message
    // (what went wrong and what to do), or why the rule is not well formed, and announces
    // nothing.
    StoreResult<ApprovalRule> add(const ApprovalRule &rule);
    // Replaces a stored rule's action, tool, match, pattern, sandbox, scope, note and enabled
    // flag (by rule.id); its counters stay.
    StoreResult<ApprovalRule> update(const ApprovalRule &rule);
    StoreStatus setEnabled(RowId ruleId, bool enabled);
    StoreStatus remove(RowId ruleId);

    // Every rule (enabled or not), everywhere-rules first, then by thread, then oldest first.
    StoreResult<QList<ApprovalRule>> rules();
    StoreResult<ApprovalRule> rule(RowId ruleId);
    // The enabled rules that apply in a thread: its own and the everywhere ones, read from the
    // store now (so another process's change counts too).
    StoreResult<QList<ApprovalRule>> rulesFor(RowId threadId);
    // The engine reports the rules that decided a call: last matched now, hit count + 1.
    void recordMatches(const QList<RowId> &ruleIds);

    // Modes. mode(): the thread's stored mode, or the default when it has none.
    ApprovalMode mode(RowId threadId);
    // Whether the thread has a mode of its own (else it follows the default).
    bool hasOwnMode(RowId threadId);
    StoreStatus setMode(RowId threadId, ApprovalMode mode);
    ApprovalMode defaultMode() const { return m_defaultMode; }
    // From the settings (AppContext::applySettings); threads without their own mode follow it.
    void setDefaultMode(ApprovalMode mode);

    // The rule to offer after approving a call (see RuleProposal): generalised from the call,
    // scoped to the thread; proposal.everywhere() is the same for every thread.
    static RuleProposal propose(RowId threadId, const QString &toolName,
                                const QJsonObject &arguments);

    // How often to look for other processes' changes (ms); 0 stops looking. Default 1000.
    void setPollInterval(int milliseconds);
    // Looks now: reads rules and modes again if another connection committed.
    void checkForOutsideChanges();

signals:
    void ruleAdded(const ApprovalRule &rule);
    void ruleChanged(const ApprovalRule &rule); // edits, enable/disable, hit counts
    void ruleRemoved(RowId ruleId);
    // A thread's mode in force changed (its own, or the default it follows).
    void modeChanged(RowId threadId, ApprovalMode mode);
    // The default mode changed (threads without their own mode follow it).
    void defaultModeChanged(ApprovalMode mode);
    void errorOccurred(const QString &message);

private:
    void startWatching();
    void rereadAll();

    Store &m_store;
    ApprovalMode m_defaultMode = ApprovalMode::Ask;
    QTimer *m_poll = nullptr;
    int m_pollInterval = 1000;
    bool m_watching = false;
    qint64 m_dataVersion = 0;
    QHash<RowId, ApprovalRule> m_known; // what was announced
    QHash<RowId, ApprovalMode> m_knownModes; // threads with their own mode, as announced
};
