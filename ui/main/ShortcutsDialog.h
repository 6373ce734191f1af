// Help > Keyboard Shortcuts: every menu action of the window that has a shortcut, read from
// the actions themselves (so the list cannot go stale), plus the keys of the panes.
#pragma once

#include <QDialog>

class QMainWindow;

class ShortcutsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(QMainWindow *window);
};
