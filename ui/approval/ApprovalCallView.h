// What a tool call will do, shown the way a person reads it rather than as JSON: a command as a
// command (monospace, shell highlighting, working directory, timeout, environment as a table),
// code as code, and a file write as the new content plus, for a file that exists, a diff
// against what is there now (fetched from the sandbox, asynchronously; the diff is computed off
// the GUI thread). Tools without such a view are left to the dialog's JSON.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QWidget>

class CodeHighlighter;
class DaytonaCall;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTabWidget;
class QTableWidget;
class SandboxService;

class ApprovalCallView final : public QWidget
{
    Q_OBJECT

public:
    explicit ApprovalCallView(QWidget *parent = nullptr);
    ~ApprovalCallView() override;

    // Reads the files a write would replace (nullptr: the diff says it cannot look).
    void setSandboxService(SandboxService *sandboxes) { m_sandboxes = sandboxes; }
    static bool hasViewFor(const QString &toolName);
    // Shows a call; for writes, asks the sandbox for the current content of each file (again
    // only when the sandbox or the paths changed).
    void showCall(const QString &toolName, const QJsonObject &arguments);

signals:
    // The diff of a write is on screen (or it is known that none can be shown).
    void diffReady();

private:
    void showCommand(const QString &toolName, const QJsonObject &arguments);
    void showWrite(const QString &toolName, const QJsonObject &arguments);
    void fetchCurrent(const QString &sandboxId, const QStringList &paths);
    void finishFetch();
    void computeDiff();
    void cancelFetches();

    struct File
    {
        QString path; // absolute in the sandbox
        QString content; // what the call writes
        enum class Now { Unknown, Missing, Text, Unreadable } now = Now::Unknown;
        QString current; // Now::Text
        QString problem; // Now::Unreadable: why
    };

    SandboxService *m_sandboxes = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_commandTitle = nullptr;
    QPlainTextEdit *m_command = nullptr;
    CodeHighlighter *m_highlighter = nullptr;
    QLabel *m_workingDirectory = nullptr;
    QLabel *m_timeout = nullptr;
    QLabel *m_environmentTitle = nullptr;
    QTableWidget *m_environment = nullptr;
    QLabel *m_fileStatus = nullptr;
    QTabWidget *m_fileTabs = nullptr;
    QPlainTextEdit *m_diff = nullptr;
    QPlainTextEdit *m_content = nullptr;

    QList<File> m_files;
    QSet<QString> m_refreshedFor; // sandboxes the list was read again for
    QString m_fetchKey; // sandbox + paths of the files fetched or being fetched
    QList<QPointer<DaytonaCall>> m_calls;
    int m_waiting = 0;
    int m_generation = 0;
};
