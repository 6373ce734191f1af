// The body of an open tool card in the conversation, below its one-line header: a
// terminal-styled block (dark, monospace) with the command, its output (ANSI colours rendered,
// long output folded to its last lines with "Show all", stderr in its own colour where the
// result keeps it apart) and the exit code; the files a writeFile(s) call wrote, with sizes,
// each a link that opens its diff; a failed call's error; and a link to the call in the
// inspector (the place for raw JSON). Laid out once per row revision and width by the
// ConversationDelegate, which owns it; hit targets are in row coordinates.
#pragma once

#include "chat/ToolCardContent.h"

#include <QColor>
#include <QCoreApplication>
#include <QFont>
#include <QList>
#include <QModelIndex>
#include <QPalette>
#include <QRect>
#include <QString>

#include <memory>

class QPainter;
class QTextDocument;

class ToolCardLayout final
{
    Q_DECLARE_TR_FUNCTIONS(ToolCardLayout)

public:
    // Lines of output a folded card shows (the last ones: where results and errors are).
    static constexpr int kFoldLines = 12;
    // What "Show all" lays out at most; the inspector has the rest.
    static constexpr qsizetype kMaxShownChars = 256 * 1024;

    enum class Target { None, ShowAll, Inspect, File };
    struct FileLink
    {
        QString path;
        QRect rect;
    };

    ToolCardLayout();
    ~ToolCardLayout();

    // Lays out the body for the row at `index`, its top-left at `origin`, `width` wide.
    void build(const QModelIndex &index, QPoint origin, int width, const QFont &font,
               const QPalette &palette);
    int height() const { return m_height; }
    void paint(QPainter *painter, const QPalette &palette, const QFont &font) const;
    // What a click at `at` (row coordinates) reaches; *path: the file of a File target.
    Target hit(QPoint at, QString *path = nullptr) const;

    QRect showAllRect() const { return m_showAllRect; }
    QRect inspectRect() const { return m_inspect; }
    QList<FileLink> files() const { return m_files; }
    // Output lines not shown (folded away); 0 when all are shown.
    int hiddenLines() const { return m_hidden; }
    // The terminal block's text as shown (escapes already turned into colours), for tests.
    QString terminalText() const;
    // The colour `text` is drawn in within the terminal block (invalid when it is not there).
    QColor foregroundOf(const QString &text) const;
    const ToolCardContent &content() const { return m_content; }

    static QString showAllText(int hiddenLines);
    static QString showLessText();
    static QString inspectText();

private:
    void buildTerminal(int width, const QFont &fixed);

    ToolCardContent m_content;
    bool m_showingAll = false;
    QPoint m_origin;
    int m_height = 0;
    int m_hidden = 0;
    bool m_foldable = false;
    QRect m_terminal;
    std::unique_ptr<QTextDocument> m_terminalDoc;
    QRect m_error;
    std::unique_ptr<QTextDocument> m_errorDoc;
    QList<FileLink> m_files;
    QList<QString> m_fileLabels;
    QRect m_showAllRect;
    QRect m_inspect;
};
