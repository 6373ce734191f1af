#include "ApprovalModePicker.h"

#include "services/ApprovalRules.h"

namespace {
const ApprovalMode kModes[]
    = {ApprovalMode::Plan, ApprovalMode::Ask, ApprovalMode::AutoEdit, ApprovalMode::Full};
}

ApprovalModePicker::ApprovalModePicker(ApprovalRules &rules, QWidget *parent)
    : QComboBox(parent)
    , m_rules(rules)
{
    setObjectName(QStringLiteral("approvalModePicker"));
    setAccessibleName(tr("Approval mode"));
    for (const ApprovalMode mode : kModes) {
        addItem(ApprovalModes::displayName(mode), ApprovalModes::toString(mode));
        setItemData(count() - 1, ApprovalModes::description(mode), Qt::ToolTipRole);
    }
    setToolTip(tr("What runs without asking in this thread (Ctrl+Shift+M switches)"));
    connect(this, &QComboBox::activated, this, [this](int index) {
        if (const auto mode = ApprovalModes::fromString(itemData(index).toString()))
            choose(*mode);
    });
    connect(&m_rules, &ApprovalRules::modeChanged, this, [this](RowId threadId, ApprovalMode mode) {
        if (threadId == m_thread && m_thread != 0)
            showMode(mode);
    });
    connect(&m_rules, &ApprovalRules::defaultModeChanged, this, [this](ApprovalMode) {
        if (m_thread != 0)
            showMode(m_rules.mode(m_thread));
        else if (!m_pending)
            showMode(m_rules.defaultMode());
    });
    showMode(m_rules.defaultMode());
}

void ApprovalModePicker::setThread(RowId threadId)
{
    m_thread = threadId;
    if (threadId != 0)
        showMode(m_rules.mode(threadId));
    else
        showMode(m_pending.value_or(m_rules.defaultMode()));
}

ApprovalMode ApprovalModePicker::mode() const
{
    return ApprovalModes::fromString(currentData().toString()).value_or(ApprovalMode::Ask);
}

void ApprovalModePicker::choose(ApprovalMode mode)
{
    if (m_thread == 0) {
        m_pending = mode;
        showMode(mode);
        return;
    }
    if (const StoreStatus saved = m_rules.setMode(m_thread, mode); !saved) {
        showMode(m_rules.mode(m_thread));
        emit errorOccurred(tr("Could not switch the mode: %1").arg(saved.error()));
        return;
    }
    showMode(mode);
}

void ApprovalModePicker::cycle()
{
    const int next = (currentIndex() + 1) % count();
    if (const auto mode = ApprovalModes::fromString(itemData(next).toString()))
        choose(*mode);
}

std::optional<ApprovalMode> ApprovalModePicker::takePendingMode()
{
    return std::exchange(m_pending, std::nullopt);
}

void ApprovalModePicker::showMode(ApprovalMode mode)
{
    const int index = findData(ApprovalModes::toString(mode));
    if (index >= 0 && index != currentIndex())
        setCurrentIndex(index);
}
