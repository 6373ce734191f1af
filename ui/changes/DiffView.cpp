// The one-file diff view (see DiffView.h).
#include "DiffView.h"

#include "changes/DiffEditor.h"

#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

DiffView::DiffView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("diffView"));
    m_notes = new QLabel(this);
    m_notes->setObjectName(QStringLiteral("diffNotes"));
    m_notes->setWordWrap(true);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notes->hide();

    m_unified = new DiffEditor(this);
    m_unified->setObjectName(QStringLiteral("diffUnified"));
    m_unified->setAccessibleName(tr("Diff"));
    m_old = new DiffEditor(this);
    m_old->setObjectName(QStringLiteral("diffOld"));
    m_old->setAccessibleName(tr("Before"));
    m_new = new DiffEditor(this);
    m_new->setObjectName(QStringLiteral("diffNew"));
    m_new->setAccessibleName(tr("After"));
    m_side = new QSplitter(Qt::Horizontal, this);
    m_side->addWidget(m_old);
    m_side->addWidget(m_new);
    // Both sides have the same rows: scroll them together.
    connect(m_old->verticalScrollBar(), &QScrollBar::valueChanged, m_new->verticalScrollBar(),
            &QScrollBar::setValue);
    connect(m_new->verticalScrollBar(), &QScrollBar::valueChanged, m_old->verticalScrollBar(),
            &QScrollBar::setValue);
    connect(m_old, &DiffEditor::moreLoaded, m_new, [this] {
        while (m_new->loadedRows() < m_old->loadedRows() && m_new->hasMore())
            m_new->loadMore();
    });

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_unified);
    m_stack->addWidget(m_side);

    m_more = new QPushButton(this);
    m_more->setObjectName(QStringLiteral("diffShowMore"));
    m_more->hide();
    connect(m_more, &QPushButton::clicked, this, [this] {
        if (m_sideBySide) {
            m_old->loadMore();
            m_new->loadMore();
        } else {
            m_unified->loadMore();
        }
        updateMore();
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_notes);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_more);
}

void DiffView::showRendering(const DiffRendering &rendering)
{
    m_rendering = rendering;
    m_notes->setText(rendering.notes.join(QLatin1Char('\n')));
    m_notes->setVisible(!rendering.notes.isEmpty());
    m_unified->setRows(rendering.unified, rendering.fence);
    m_old->setRows(rendering.left, rendering.fence);
    m_new->setRows(rendering.right, rendering.fence);
    updateMore();
}

void DiffView::showMessage(const QString &message)
{
    m_rendering = {};
    m_notes->setText(message);
    m_notes->setVisible(!message.isEmpty());
    m_unified->clearRows();
    m_old->clearRows();
    m_new->clearRows();
    updateMore();
}

void DiffView::setSideBySide(bool on)
{
    if (m_sideBySide == on)
        return;
    // Keep the hunk the user was reading.
    const int hunk = currentHunk();
    m_sideBySide = on;
    m_stack->setCurrentWidget(on ? static_cast<QWidget *>(m_side) : m_unified);
    if (hunk >= 0)
        goToHunk(hunk);
    updateMore();
}

DiffEditor *DiffView::activeEditor() const
{
    return m_sideBySide ? (m_old->hasFocus() || !m_new->hasFocus() ? m_old : m_new) : m_unified;
}

void DiffView::updateMore()
{
    const DiffEditor *editor = m_sideBySide ? m_old : m_unified;
    const int rest = editor->totalRows() - editor->loadedRows();
    m_more->setVisible(rest > 0);
    if (rest > 0)
        m_more->setText(tr("Show %n more line(s)", nullptr, qMin(rest, DiffEditor::kChunk)));
}

int DiffView::currentHunk() const
{
    const DiffEditor *editor = activeEditor();
    const int row = editor->currentRow();
    if (row < 0 || row >= editor->rows().size())
        return hunkCount() > 0 ? 0 : -1;
    return editor->rows().at(row).hunk;
}

void DiffView::goToHunk(int hunk)
{
    if (hunk < 0 || hunk >= hunkCount())
        return;
    if (m_sideBySide) {
        const int row = m_rendering.sideHunkRows.at(hunk);
        m_old->goToRow(row);
        m_new->goToRow(row);
    } else {
        m_unified->goToRow(m_rendering.unifiedHunkRows.at(hunk));
    }
    updateMore();
}

void DiffView::nextHunk()
{
    const DiffEditor *editor = activeEditor();
    const int row = editor->currentRow();
    const int current = row >= 0 && row < editor->rows().size() ? editor->rows().at(row).hunk : -1;
    goToHunk(qMin(current + 1, hunkCount() - 1));
}

void DiffView::previousHunk()
{
    goToHunk(qMax(0, currentHunk() - 1));
}
