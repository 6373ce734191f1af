#include "ApprovalCallView.h"

#include "agent/SandboxPath.h"
#include "approval/DiffHighlighter.h"
#include "approval/LineDiff.h"
#include "chat/CodeHighlighter.h"
#include "sandbox/DaytonaCall.h"
#include "services/SandboxService.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace {
constexpr qsizetype kMaxCompared = 1024 * 1024; // larger files are not diffed here

QPlainTextEdit *codeView(const char *objectName, const QString &accessibleName, QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(QString::fromLatin1(objectName));
    view->setAccessibleName(accessibleName);
    view->setReadOnly(true);
    view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    view->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    view->setTabChangesFocus(true);
    return view;
}

QLabel *valueLabel(const char *objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(objectName));
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    return label;
}

bool isDark(const QWidget *widget)
{
    return widget->palette().color(QPalette::Base).lightness() < 128;
}
} // namespace

ApprovalCallView::ApprovalCallView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("approvalCallView"));
    m_stack = new QStackedWidget(this);

    // A command or code.
    auto *commandPage = new QWidget(m_stack);
    m_commandTitle = new QLabel(commandPage);
    m_command = codeView("approvalCommandView", tr("Command"), commandPage);
    m_command->setMinimumHeight(70);
    m_highlighter = new CodeHighlighter(m_command->document());
    m_highlighter->setDarkTheme(isDark(this));
    m_commandTitle->setBuddy(m_command);
    m_workingDirectory = valueLabel("approvalWorkingDirectoryLabel", commandPage);
    m_timeout = valueLabel("approvalTimeoutLabel", commandPage);
    m_environment = new QTableWidget(0, 2, commandPage);
    m_environment->setObjectName(QStringLiteral("approvalEnvironmentTable"));
    m_environment->setAccessibleName(tr("Environment variables"));
    m_environment->setHorizontalHeaderLabels({tr("Variable"), tr("Value")});
    m_environment->horizontalHeader()->setStretchLastSection(true);
    m_environment->verticalHeader()->hide();
    m_environment->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_environment->setTabKeyNavigation(false);
    m_environment->setMaximumHeight(120);
    m_environmentTitle = new QLabel(tr("En&vironment:"), commandPage);
    m_environmentTitle->setBuddy(m_environment);
    auto *commandFacts = new QFormLayout;
    commandFacts->addRow(tr("Working directory:"), m_workingDirectory);
    commandFacts->addRow(tr("Timeout:"), m_timeout);
    commandFacts->addRow(m_environmentTitle, m_environment);
    auto *commandLayout = new QVBoxLayout(commandPage);
    commandLayout->setContentsMargins(0, 0, 0, 0);
    commandLayout->addWidget(m_commandTitle);
    commandLayout->addWidget(m_command, 1);
    commandLayout->addLayout(commandFacts);
    m_stack->addWidget(commandPage);

    // A write: what changes, and the new content.
    auto *filePage = new QWidget(m_stack);
    m_fileStatus = valueLabel("approvalFileStatusLabel", filePage);
    m_fileTabs = new QTabWidget(filePage);
    m_fileTabs->setObjectName(QStringLiteral("approvalFileTabs"));
    m_diff = codeView("approvalDiffView", tr("Changes to the file"), m_fileTabs);
    new DiffHighlighter(m_diff->document(), isDark(this));
    m_content = codeView("approvalContentView", tr("New content of the file"), m_fileTabs);
    m_fileTabs->addTab(m_diff, tr("C&hanges"));
    m_fileTabs->addTab(m_content, tr("New co&ntent"));
    auto *fileLayout = new QVBoxLayout(filePage);
    fileLayout->setContentsMargins(0, 0, 0, 0);
    fileLayout->addWidget(m_fileStatus);
    fileLayout->addWidget(m_fileTabs, 1);
    m_stack->addWidget(filePage);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
}

ApprovalCallView::~ApprovalCallView()
{
    cancelFetches();
}

bool ApprovalCallView::hasViewFor(const QString &toolName)
{
    return toolName == QLatin1String("runCommand") || toolName == QLatin1String("runCode")
        || toolName == QLatin1String("writeFile") || toolName == QLatin1String("writeFiles");
}

void ApprovalCallView::showCall(const QString &toolName, const QJsonObject &arguments)
{
    if (toolName == QLatin1String("runCommand") || toolName == QLatin1String("runCode"))
        showCommand(toolName, arguments);
    else if (toolName == QLatin1String("writeFile") || toolName == QLatin1String("writeFiles"))
        showWrite(toolName, arguments);
}

void ApprovalCallView::showCommand(const QString &toolName, const QJsonObject &arguments)
{
    m_stack->setCurrentIndex(0);
    const bool code = toolName == QLatin1String("runCode");
    m_commandTitle->setText(code ? tr("&Code:") : tr("&Command:"));
    m_command->setAccessibleName(code ? tr("Code") : tr("Command"));
    m_highlighter->setDefaultLanguage(code ? CodeHighlighter::Language::Python
                                           : CodeHighlighter::Language::Shell);
    QString text
        = arguments.value(code ? QLatin1String("code") : QLatin1String("command")).toString();
    const QJsonArray argv = arguments.value(QLatin1String("argv")).toArray();
    if (code && !argv.isEmpty()) {
        QStringList words;
        for (const QJsonValue &v : argv)
            words << v.toString();
        text += QLatin1Char('\n') + tr("# arguments: %1").arg(words.join(QLatin1Char(' ')));
    }
    m_command->setPlainText(text);

    const QString cwd = arguments.value(QLatin1String("workingDirectory")).toString();
    m_workingDirectory->setText(
        cwd.isEmpty() ? tr("%1 (the default)").arg(SandboxPath::workingDirectory()) : cwd);
    const int timeout = arguments.value(QLatin1String("timeoutSeconds")).toInt(-1);
    m_timeout->setText(timeout < 0        ? tr("your command timeout (Settings > Sandboxes)")
                           : timeout == 0 ? tr("none (runs until it ends)")
                                          : tr("%n second(s)", nullptr, timeout));
    const QJsonObject envs = arguments.value(QLatin1String("envs")).toObject();
    m_environment->setRowCount(int(envs.size()));
    int row = 0;
    for (auto it = envs.constBegin(); it != envs.constEnd(); ++it, ++row) {
        m_environment->setItem(row, 0, new QTableWidgetItem(it.key()));
        m_environment->setItem(row, 1, new QTableWidgetItem(it.value().toString()));
    }
    m_environment->setVisible(!envs.isEmpty());
    m_environmentTitle->setVisible(!envs.isEmpty());
}

void ApprovalCallView::showWrite(const QString &toolName, const QJsonObject &arguments)
{
    m_stack->setCurrentIndex(1);
    QList<File> files;
    const auto add = [&files](const QString &path, const QString &content) {
        const SandboxPath::Resolved resolved = SandboxPath::resolve(path);
        File file;
        file.path = resolved.ok() ? resolved.path : path;
        file.content = content;
        files.append(file);
    };
    if (toolName == QLatin1String("writeFile")) {
        add(arguments.value(QLatin1String("path")).toString(),
            arguments.value(QLatin1String("content")).toString());
    } else {
        for (const QJsonValue &v : arguments.value(QLatin1String("files")).toArray())
            add(v.toObject().value(QLatin1String("path")).toString(),
                v.toObject().value(QLatin1String("data")).toString());
    }
    QStringList shown;
    QStringList paths;
    for (const File &file : std::as_const(files)) {
        paths << file.path;
        shown << (files.size() > 1 ? QStringLiteral("=== %1 ===\n%2").arg(file.path, file.content)
                                   : file.content);
    }
    m_content->setPlainText(shown.join(QLatin1Char('\n')));

    const QString sandboxId = arguments.value(QLatin1String("sandboxId")).toString().trimmed();
    const QString key = sandboxId + QLatin1Char('\n') + paths.join(QLatin1Char('\n'));
    if (key == m_fetchKey && files.size() == m_files.size()) {
        // Only the content was edited: what is there now is already known.
        for (int i = 0; i < files.size(); ++i) {
            files[i].now = m_files.at(i).now;
            files[i].current = m_files.at(i).current;
            files[i].problem = m_files.at(i).problem;
        }
        m_files = files;
        if (m_waiting == 0)
            computeDiff();
        return;
    }
    m_files = files;
    m_fetchKey = key;
    fetchCurrent(sandboxId, paths);
}

void ApprovalCallView::cancelFetches()
{
    ++m_generation;
    for (const QPointer<DaytonaCall> &call : std::as_const(m_calls)) {
        if (call)
            call->cancel();
    }
    m_calls.clear();
    m_waiting = 0;
}

void ApprovalCallView::fetchCurrent(const QString &sandboxId, const QStringList &paths)
{
    cancelFetches();
    m_diff->setPlainText(QString());
    if (!m_sandboxes || sandboxId.isEmpty()) {
        for (File &file : m_files) {
            file.now = File::Now::Unreadable;
            file.problem = tr("the sandbox cannot be asked from here");
        }
        computeDiff();
        return;
    }
    m_fileStatus->setText(tr("Reading what is in the sandbox now…"));
    const int generation = m_generation;
    // A sandbox the agent just created is listed once the sandbox list was read: read it
    // (once) and ask again, rather than show no diff.
    if (!m_sandboxes->find(sandboxId) && !m_refreshedFor.contains(sandboxId)) {
        m_refreshedFor.insert(sandboxId);
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(m_sandboxes, &SandboxService::refreshed, this,
                              [this, connection, generation, sandboxId, paths](bool) {
                                  disconnect(*connection);
                                  if (generation == m_generation)
                                      fetchCurrent(sandboxId, paths);
                              });
        m_waiting = 1; // the fetch after the refresh
        m_sandboxes->refresh();
        return;
    }
    m_waiting = int(paths.size());
    for (int i = 0; i < paths.size(); ++i) {
        QString error;
        DaytonaCall *call = m_sandboxes->downloadFile(sandboxId, paths.at(i), &error);
        if (!call) {
            m_files[i].now = File::Now::Unreadable;
            m_files[i].problem = error;
            --m_waiting;
            continue;
        }
        m_calls.append(call);
        connect(call, &DaytonaCall::finished, this,
                [this, i, generation](const DaytonaResult &result) {
                    if (generation != m_generation || i >= m_files.size())
                        return;
                    File &file = m_files[i];
                    if (result.ok()) {
                        if (result.body.size() > kMaxCompared) {
                            file.now = File::Now::Unreadable;
                            file.problem = tr("it is larger than 1 MiB");
                        } else if (result.body.contains('\0')) {
                            file.now = File::Now::Unreadable;
                            file.problem = tr("it is a binary file");
                        } else {
                            file.now = File::Now::Text;
                            file.current = QString::fromUtf8(result.body);
                        }
                    } else if (result.error.kind == SandboxError::Kind::NotFound) {
                        file.now = File::Now::Missing;
                    } else {
                        file.now = File::Now::Unreadable;
                        file.problem = result.error.message;
                    }
                    if (--m_waiting == 0)
                        finishFetch();
                });
    }
    if (m_waiting == 0)
        finishFetch();
}

void ApprovalCallView::finishFetch()
{
    m_calls.clear();
    computeDiff();
}

void ApprovalCallView::computeDiff()
{
    struct Part
    {
        QString path;
        QString before;
        QString after;
        bool compare;
    };
    QList<Part> parts;
    QStringList status;
    for (const File &file : std::as_const(m_files)) {
        switch (file.now) {
        case File::Now::Missing:
            status << tr("%1 is a new file.").arg(file.path);
            parts.append({file.path, QString(), file.content, true});
            break;
        case File::Now::Text:
            status << (file.current == file.content
                           ? tr("%1 exists and stays the same.").arg(file.path)
                           : tr("%1 exists: the call replaces it (changes below).").arg(file.path));
            parts.append({file.path, file.current, file.content, true});
            break;
        case File::Now::Unreadable:
        case File::Now::Unknown:
            status << tr("%1: what is there now could not be read (%2); read the new content "
                         "before approving.")
                          .arg(file.path, file.problem);
            break;
        }
    }
    m_fileStatus->setText(status.join(QLatin1Char('\n')));
    // No fetch is in flight here: a new generation only retires an older diff still computing.
    const int generation = ++m_generation;
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_diff->setPlainText(watcher->result());
        emit diffReady();
    });
    watcher->setFuture(QtConcurrent::run([parts] {
        QStringList out;
        for (const Part &part : parts) {
            const LineDiff::Result diff = LineDiff::unified(part.before, part.after, part.path);
            out << diff.text;
        }
        return out.join(QString());
    }));
}
