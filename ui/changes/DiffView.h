// The diff of one file: notes (binary, huge, mode, symlink), then its hunks, unified (one
// column) or side by side (old | new, scrolled together). Next/previous hunk, copy the hunk at
// the cursor, and "show more" for a diff longer than the first chunk of rows.
#pragma once

#include "changes/DiffRender.h"

#include <QWidget>

class DiffEditor;
class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;

class DiffView final : public QWidget
{
    Q_OBJECT

public:
    explicit DiffView(QWidget *parent = nullptr);

    void showRendering(const DiffRendering &rendering);
    // Nothing to show, and why ("Pick a file", "Computing…").
    void showMessage(const QString &message);
    void setSideBySide(bool on);
    bool isSideBySide() const { return m_sideBySide; }

    // The hunk at the cursor (-1 when none); moving between hunks.
    int currentHunk() const;
    int hunkCount() const { return int(m_rendering.unifiedHunkRows.size()); }
    void nextHunk();
    void previousHunk();
    void goToHunk(int hunk);

    DiffEditor *unifiedEditor() const { return m_unified; }
    DiffEditor *oldEditor() const { return m_old; }
    DiffEditor *newEditor() const { return m_new; }
    const DiffRendering &rendering() const { return m_rendering; }

private:
    DiffEditor *activeEditor() const;
    void updateMore();

    DiffRendering m_rendering;
    bool m_sideBySide = false;
    QLabel *m_notes = nullptr;
    QStackedWidget *m_stack = nullptr;
    DiffEditor *m_unified = nullptr;
    QSplitter *m_side = nullptr;
    DiffEditor *m_old = nullptr;
    DiffEditor *m_new = nullptr;
    QPushButton *m_more = nullptr;
};
