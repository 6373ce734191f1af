// Lists sandboxes page by page (GET /sandbox?labels=<json>&limit=100&cursor=...) until
// nextCursor is null; accepts the older bare-array answer as a single page (contract.md §9.2).
#pragma once

#include "sandbox/DaytonaCall.h"

#include <QObject>
#include <QPointer>

class DaytonaClient;

class SandboxLister final : public QObject
{
    Q_OBJECT
public:
    SandboxLister(DaytonaClient *client, const StringMap &labels);
    void cancel();
    int pages() const { return m_pages; }

signals:
    // result.sandboxes holds every sandbox. Emitted once; deletes itself afterwards.
    void finished(const DaytonaResult &result);

private:
    void fetch(const QString &cursor);

    QPointer<DaytonaClient> m_client;
    QPointer<DaytonaCall> m_call;
    StringMap m_labels;
    QList<Sandbox> m_items;
    int m_pages = 0;
    bool m_done = false;
};
