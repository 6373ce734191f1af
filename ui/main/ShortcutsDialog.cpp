#include "ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

void addMenu(QTreeWidget *tree, QMenu *menu)
{
    QTreeWidgetItem *group = nullptr;
    for (QAction *action : menu->actions()) {
        if (action->menu()) {
            addMenu(tree, action->menu());
            continue;
        }
        if (action->shortcut().isEmpty())
            continue;
        if (!group) {
            group = new QTreeWidgetItem(tree, {menu->title().remove(QLatin1Char('&'))});
            group->setFirstColumnSpanned(true);
        }
        new QTreeWidgetItem(group,
                            {action->text().remove(QLatin1Char('&')),
                             action->shortcut().toString(QKeySequence::NativeText)});
    }
}

} // namespace

ShortcutsDialog::ShortcutsDialog(QMainWindow *window)
    : QDialog(window)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));

    auto *tree = new QTreeWidget(this);
    tree->setObjectName(QStringLiteral("shortcutsList"));
    tree->setAccessibleName(tr("Keyboard shortcuts"));
    tree->setHeaderLabels({tr("Action"), tr("Shortcut")});
    tree->setRootIsDecorated(false);
    tree->setUniformRowHeights(true);
    for (QAction *action : window->menuBar()->actions()) {
        if (action->menu())
            addMenu(tree, action->menu());
    }
    auto *panes = new QTreeWidgetItem(tree, {tr("In the panes")});
    panes->setFirstColumnSpanned(true);
    const QList<QPair<QString, QString>> paneKeys = {
        {tr("Send the message (composer)"), tr("Enter")},
        {tr("New line in the message (composer)"), tr("Shift+Enter")},
        {tr("Send example prompt 1, 2 or 3 (new thread)"), tr("Alt+1 / Alt+2 / Alt+3")},
        {tr("Attach files to the message (composer)"), tr("Ctrl+U")},
        {tr("Edit the last message and send it again (conversation)"), tr("Ctrl+E")},
        {tr("Copy the selected message as Markdown (conversation)"), tr("Ctrl+C")},
        {tr("Go to the oldest / newest message of the thread (conversation)"), tr("Home / End")},
        {tr("Rename the selected thread (sidebar)"), tr("F2")},
        {tr("Delete the selected thread (sidebar)"), tr("Del")},
        {tr("Open the preview link of the selected card (conversation)"), tr("Ctrl+Enter")},
        {tr("Open / close the selected tool card (conversation)"), tr("Enter / Space")},
        {tr("Show all output of the selected tool card (conversation)"), tr("A")},
        {tr("Open a file the selected tool card wrote (conversation)"), tr("O")},
        {tr("Show the selected tool card in the inspector (conversation)"), tr("I")},
        {tr("Open a preview URL of the selected sandbox (Sandboxes)"), tr("Ctrl+Shift+P")},
        {tr("Approve (approval dialog)"), tr("Ctrl+Enter")},
        {tr("Leave the call pending (approval dialog)"), tr("Esc")},
        {tr("Next / previous changed file (Changes tab)"), tr("Alt+Down / Alt+Up")},
        {tr("Next / previous hunk (Changes tab)"), tr("F8 / Shift+F8")},
        {tr("Copy the hunk at the cursor (Changes tab)"), tr("Ctrl+Shift+H")},
        {tr("Approve the selected calls (approval inbox)"), tr("Enter")},
        {tr("Deny the selected calls (approval inbox)"), tr("D")},
        {tr("Select every call of this thread (approval inbox)"), tr("Ctrl+A")},
        {tr("Open the call in the dialog (approval inbox)"), tr("Space")},
        {tr("Edit / disable / delete a rule (Settings > Approvals)"), tr("Enter / Space / Del")},
        {tr("Set the thread's budget (status bar cost)"), tr("Ctrl+Shift+D")},
    };
    for (const auto &[text, keys] : paneKeys)
        new QTreeWidgetItem(panes, {text, keys});
    tree->expandAll();
    tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tree);
    layout->addWidget(buttons);
    resize(520, 560);
}
