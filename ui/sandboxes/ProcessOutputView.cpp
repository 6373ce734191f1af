// ProcessOutputView: the service's kept output first, then its processOutput signals.
#include "sandboxes/ProcessOutputView.h"

#include "services/ProcessService.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPalette>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QTextCharFormat>
#include <QTextCursor>
#include <QVBoxLayout>

ProcessOutputView::ProcessOutputView(ProcessService &processes, const QString &processId,
                                     QWidget *parent)
    : QWidget(parent)
    , m_processes(&processes)
    , m_processId(processId)
{
    setObjectName(QStringLiteral("processOutputView"));
    setAccessibleName(tr("Background process output"));

    m_command = new QLabel(this);
    m_command->setObjectName(QStringLiteral("processCommand"));
    m_command->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_command->setAccessibleName(tr("Command"));
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("processState"));
    m_state->setAccessibleName(tr("Process state"));
    m_stop = new QPushButton(tr("&Stop"), this);
    m_stop->setObjectName(QStringLiteral("processStopButton"));
    m_stop->setToolTip(tr("End the process and everything it started (Ctrl+Shift+X)"));
    m_stop->setAccessibleName(tr("Stop process"));
    auto *stopShortcut = new QShortcut(QKeySequence(tr("Ctrl+Shift+X")), this);
    connect(stopShortcut, &QShortcut::activated, this, &ProcessOutputView::stop);
    connect(m_stop, &QPushButton::clicked, this, &ProcessOutputView::stop);

    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("processOutputText"));
    m_text->setAccessibleName(tr("Output"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setMaximumBlockCount(kMaxLines);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *top = new QHBoxLayout;
    top->addWidget(m_command, 1);
    top->addWidget(m_state);
    top->addWidget(m_stop);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_text, 1);

    const std::optional<BackgroundProcess> process = processes.process(processId);
    if (process) {
        setWindowTitle(tr("Output of %1").arg(process->command));
        m_command->setText(process->command);
        for (const ProcessOutputChunk &chunk : processes.output(processId))
            append(chunk);
        updateState(*process);
    } else {
        m_state->setText(tr("unknown process"));
        m_stop->setEnabled(false);
    }
    connect(&processes, &ProcessService::processOutput, this,
            [this](const QString &id, const ProcessOutputChunk &chunk) {
                if (id == m_processId)
                    append(chunk);
            });
    connect(&processes, &ProcessService::processChanged, this,
            [this](const BackgroundProcess &process) {
                if (process.id == m_processId)
                    updateState(process);
            });
}

bool ProcessOutputView::isFollowing() const
{
    const QScrollBar *bar = m_text->verticalScrollBar();
    return bar->value() >= bar->maximum();
}

void ProcessOutputView::append(const ProcessOutputChunk &chunk)
{
    // Skips what the view has shown already (a chunk that overlaps the kept output).
    const qint64 end = chunk.offset + chunk.text.size();
    if (end <= m_shownEnd)
        return;
    const QString text = chunk.text.mid(qMax<qint64>(0, m_shownEnd - chunk.offset));
    m_shownEnd = end;

    QScrollBar *bar = m_text->verticalScrollBar();
    const bool following = isFollowing();
    const int kept = bar->value();
    QTextCharFormat format;
    if (chunk.stderrStream)
        format.setForeground(QColor(0xc0, 0x1c, 0x28)); // readable on light and dark themes
    else
        format.setForeground(m_text->palette().color(QPalette::Text));
    QTextCursor cursor(m_text->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(text, format);
    if (following)
        bar->setValue(bar->maximum());
    else
        bar->setValue(kept); // the user scrolled up to read: stay there
}

void ProcessOutputView::updateState(const BackgroundProcess &process)
{
    using S = BackgroundProcess::State;
    QString text;
    switch (process.state) {
    case S::Starting:
        text = tr("starting…");
        break;
    case S::Running:
        text = tr("running");
        break;
    case S::Exited:
        text = tr("exited with code %1").arg(process.exitCode.value_or(-1));
        break;
    case S::Stopped:
        text = tr("stopped");
        break;
    case S::Failed:
        text = tr("failed: %1").arg(process.error);
        break;
    }
    m_state->setText(text);
    m_state->setToolTip(process.error);
    m_stop->setEnabled(process.isRunning());
}

void ProcessOutputView::stop()
{
    if (!m_processes || !m_stop->isEnabled())
        return;
    m_stop->setEnabled(false);
    m_state->setText(tr("stopping…"));
    m_processes->stop(m_processId, this,
                      [this](const BackgroundProcess &process, const QString &error) {
                          updateState(process);
                          if (!error.isEmpty())
                              m_state->setText(error);
                      });
}
