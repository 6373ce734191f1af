// One read-only column of a diff: code with syntax highlighting (CodeHighlighter), added and
// removed lines tinted, and a gutter with the old and new line numbers and the +/− marker.
// Rows are added in chunks (the first few thousand at once, the rest on request), so a file
// with a huge diff never stalls the window.
#pragma once

#include "changes/DiffRender.h"

#include <QPlainTextEdit>

class CodeHighlighter;

class DiffEditor final : public QPlainTextEdit
{
    Q_OBJECT

public:
    // Rows shown at once; loadMore() adds as many again.
    static constexpr int kChunk = 3000;

    explicit DiffEditor(QWidget *parent = nullptr);

    void setRows(const QList<DiffRow> &rows, const QString &fence);
    void clearRows();
    bool hasMore() const { return m_loaded < m_rows.size(); }
    int loadedRows() const { return int(m_loaded); }
    int totalRows() const { return int(m_rows.size()); }
    void loadMore();
    // The row under the cursor (-1 when none), and moving there (loading rows as needed).
    int currentRow() const;
    void goToRow(int row);
    const QList<DiffRow> &rows() const { return m_rows; }
    // The plain text of the loaded rows as shown (markers included), for tests and copying.
    QString shownText() const;

signals:
    void moreLoaded();

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    friend class DiffGutter;
    int gutterWidth() const;
    void paintGutter(QPaintEvent *event);
    void appendRows(qsizetype from, qsizetype to);
    void updateGutterGeometry();

    QWidget *m_gutter = nullptr;
    CodeHighlighter *m_highlighter = nullptr;
    QList<DiffRow> m_rows;
    qsizetype m_loaded = 0;
    int m_numberDigits = 3;
};
