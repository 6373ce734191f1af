// A live view of one background process's output (issue 17): what it printed so far and each
// new piece as it comes, stderr in another colour, the command and its state (running, exited
// with its code, stopped) above, and a Stop button. It follows the end while the user is at
// the bottom and keeps the user's place when they scrolled up to read. It only listens to the
// process service and asks it to stop; closing the view changes nothing about the process.
#pragma once

#include <QPointer>
#include <QWidget>

class ProcessService;
class QLabel;
class QPlainTextEdit;
class QPushButton;
struct BackgroundProcess;
struct ProcessOutputChunk;

class ProcessOutputView final : public QWidget
{
    Q_OBJECT
public:
    // Lines kept in the view; the service keeps more (readProcessOutput).
    static constexpr int kMaxLines = 20000;

    ProcessOutputView(ProcessService &processes, const QString &processId,
                      QWidget *parent = nullptr);

    QString processId() const { return m_processId; }
    QPlainTextEdit *textView() const { return m_text; }
    QPushButton *stopButton() const { return m_stop; }
    QLabel *stateLabel() const { return m_state; }
    // Whether new output scrolls the view to the end (the user is at the bottom).
    bool isFollowing() const;

private:
    void append(const ProcessOutputChunk &chunk);
    void updateState(const BackgroundProcess &process);
    void stop();

    QPointer<ProcessService> m_processes;
    QString m_processId;
    QLabel *m_command = nullptr;
    QLabel *m_state = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QPushButton *m_stop = nullptr;
    qint64 m_shownEnd = 0; // the output offset the view has reached
};
