// Colours a unified diff shown as plain text: added lines green, removed red, hunk headers
// muted. Colours follow the palette's lightness so they read in light and dark themes.
#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

class DiffHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit DiffHighlighter(QTextDocument *document, bool dark = false);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_added;
    QTextCharFormat m_removed;
    QTextCharFormat m_header;
};
