// SandboxLister: follows nextCursor until the last page.
#include "sandbox/SandboxLister.h"

#include "sandbox/DaytonaClient.h"

#include <QTimer>

namespace {
constexpr int kMaxPages = 1000; // a server that never ends its cursor chain
}

SandboxLister::SandboxLister(DaytonaClient *client, const StringMap &labels)
    : QObject(client)
    , m_client(client)
    , m_labels(labels)
{
    fetch(QString());
}

void SandboxLister::fetch(const QString &cursor)
{
    m_call = m_client->listPage(m_labels, cursor);
    connect(m_call.data(), &DaytonaCall::finished, this, [this](const DaytonaResult &result) {
        m_call.clear();
        if (m_done)
            return;
        DaytonaResult r = result;
        if (result.ok()) {
            const SandboxPage page = SandboxPage::fromJson(result.body);
            if (!page.valid) {
                r.error = SandboxError::make(
                    SandboxError::Kind::Protocol,
                    QStringLiteral("The sandbox list answer was neither a list "
                                   "nor {items, nextCursor}."));
            } else {
                ++m_pages;
                m_items += page.items;
                if (!page.nextCursor.isEmpty() && m_pages < kMaxPages && m_client) {
                    fetch(page.nextCursor);
                    return;
                }
            }
        }
        m_done = true;
        r.sandboxes = m_items;
        emit finished(r);
        deleteLater();
    });
}

void SandboxLister::cancel()
{
    if (m_call)
        m_call->cancel();
}
