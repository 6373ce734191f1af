// SandboxFileBrowser: lazy folder listing, text viewer with limits, download through a save
// dialog (open(), non-blocking), all through the sandbox client.
#include "sandboxes/SandboxFileBrowser.h"

#include "services/SandboxService.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QStringDecoder>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

QString joinPath(const QString &folder, const QString &name)
{
    if (folder.endsWith(QLatin1Char('/')))
        return folder + name;
    return folder + QLatin1Char('/') + name;
}

// Text a user can read: no NUL in the first block and valid UTF-8 throughout.
bool looksLikeText(const QByteArray &content, QString *text)
{
    if (content.left(8192).contains('\0'))
        return false;
    QStringDecoder decoder(QStringDecoder::Utf8);
    *text = decoder.decode(content);
    return !decoder.hasError();
}

} // namespace

SandboxFileBrowser::SandboxFileBrowser(SandboxService &sandboxes, const Sandbox &sandbox,
                                       QWidget *parent)
    : QDialog(parent)
    , m_sandboxes(sandboxes)
    , m_sandbox(sandbox)
{
    setObjectName(QStringLiteral("sandboxFileBrowser"));
    setWindowTitle(tr("Files of %1").arg(sandbox.name.isEmpty() ? sandbox.id : sandbox.name));
    resize(900, 600);

    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("sandboxFilesPath"));
    m_path->setAccessibleName(tr("Folder"));
    m_path->setPlaceholderText(tr("Folder inside the sandbox, e.g. /home/daytona"));
    auto *go = new QPushButton(tr("&Go"), this);
    go->setObjectName(QStringLiteral("sandboxFilesGoButton"));
    go->setAutoDefault(false);

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("sandboxFilesTree"));
    m_tree->setAccessibleName(tr("Files"));
    m_tree->setHeaderLabels({tr("Name"), tr("Size"), tr("Modified")});
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);

    m_viewer = new QPlainTextEdit(this);
    m_viewer->setObjectName(QStringLiteral("sandboxFileViewer"));
    m_viewer->setAccessibleName(tr("File content"));
    m_viewer->setReadOnly(true);
    m_viewer->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_viewer->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_viewer->setPlaceholderText(tr("Select a file to see its content."));

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_tree);
    splitter->addWidget(m_viewer);
    splitter->setStretchFactor(1, 2);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("sandboxFilesMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_download = buttons->addButton(tr("&Download…"), QDialogButtonBox::ActionRole);
    m_download->setObjectName(QStringLiteral("sandboxDownloadButton"));
    m_download->setEnabled(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *top = new QHBoxLayout;
    top->addWidget(m_path, 1);
    top->addWidget(go);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(go, &QPushButton::clicked, this, [this] { setRootPath(m_path->text().trimmed()); });
    connect(m_path, &QLineEdit::returnPressed, this,
            [this] { setRootPath(m_path->text().trimmed()); });
    connect(m_tree, &QTreeWidget::itemExpanded, this, [this](QTreeWidgetItem *item) {
        if (!item->data(0, LoadedRole).toBool())
            listFolder(item, item->data(0, PathRole).toString());
    });
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        m_download->setEnabled(currentFileItem() != nullptr);
        if (item && !item->data(0, IsDirRole).toBool())
            showFile(item);
    });
    connect(m_download, &QPushButton::clicked, this, &SandboxFileBrowser::downloadCurrent);

    // Start in the sandbox user's home, as the agent's relative paths do.
    QString error;
    if (DaytonaCall *call = m_sandboxes.homeFolder(m_sandbox.id, &error); !call) {
        setMessage(error);
    } else {
        m_calls.append(call);
        connect(call, &DaytonaCall::finished, this, [this](const DaytonaResult &result) {
            const QString home = result.json().object().value(QLatin1String("dir")).toString();
            if (!result.ok() || home.isEmpty()) {
                setMessage(tr("Could not find the sandbox's home folder (%1); showing /.")
                               .arg(result.ok() ? tr("no answer") : result.error.message));
                setRootPath(QStringLiteral("/"));
                return;
            }
            setRootPath(home);
        });
    }
}

SandboxFileBrowser::~SandboxFileBrowser()
{
    for (const QPointer<DaytonaCall> &call : std::as_const(m_calls)) {
        if (call) {
            disconnect(call.data(), nullptr, this, nullptr);
            call->cancel();
        }
    }
}

void SandboxFileBrowser::setMessage(const QString &text)
{
    m_message->setText(text);
}

void SandboxFileBrowser::setRootPath(const QString &path)
{
    if (path.isEmpty())
        return;
    m_root = path;
    ++m_generation;
    m_path->setText(path);
    m_tree->clear();
    listFolder(nullptr, path);
}

void SandboxFileBrowser::listFolder(QTreeWidgetItem *parent, const QString &path)
{
    QString error;
    DaytonaCall *call = m_sandboxes.listFiles(m_sandbox.id, path, &error);
    if (!call) {
        setMessage(error);
        return;
    }
    auto *placeholder = new QTreeWidgetItem({tr("Loading…")});
    placeholder->setFlags(Qt::NoItemFlags);
    if (parent)
        parent->addChild(placeholder);
    else
        m_tree->addTopLevelItem(placeholder);
    m_calls.removeIf([](const QPointer<DaytonaCall> &done) { return done.isNull(); });
    m_calls.append(call);
    // The parent item may be cleared away (Go to another folder) before the answer comes.
    const int generation = m_generation;
    connect(call, &DaytonaCall::finished, this,
            [this, parent, path, generation, placeholder](const DaytonaResult &result) {
                if (generation != m_generation)
                    return; // the tree was cleared; placeholder and parent are gone
                delete placeholder;
                fillFolder(parent, path, result);
            });
}

void SandboxFileBrowser::fillFolder(QTreeWidgetItem *parent, const QString &path,
                                    const DaytonaResult &result)
{
    if (!result.ok()) {
        setMessage(tr("Could not list %1: %2").arg(path, result.error.message));
        return;
    }
    if (parent)
        parent->setData(0, LoadedRole, true);
    QList<FileInfo> files = FileInfo::listFromJson(result.json().array());
    // Folders first, then by name, as file managers do.
    std::sort(files.begin(), files.end(), [](const FileInfo &a, const FileInfo &b) {
        if (a.isDir != b.isDir)
            return a.isDir;
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    QList<QTreeWidgetItem *> items;
    const QLocale locale;
    for (const FileInfo &file : std::as_const(files)) {
        auto *item = new QTreeWidgetItem;
        item->setText(0, file.name);
        item->setData(0, PathRole, joinPath(path, file.name));
        item->setData(0, IsDirRole, file.isDir);
        item->setData(0, SizeRole, file.size);
        item->setToolTip(0, joinPath(path, file.name));
        if (file.isDir) {
            item->setChildIndicatorPolicy(QTreeWidgetItem::ShowIndicator);
        } else {
            item->setText(1, locale.formattedDataSize(file.size));
            item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        }
        const QDateTime modified = QDateTime::fromString(file.modifiedAt, Qt::ISODateWithMs);
        item->setText(2,
                      modified.isValid()
                          ? locale.toString(modified.toLocalTime(), QLocale::ShortFormat)
                          : file.modifiedAt);
        items.append(item);
    }
    if (parent) {
        parent->addChildren(items);
        if (items.isEmpty())
            parent->setChildIndicatorPolicy(QTreeWidgetItem::DontShowIndicator);
    } else {
        m_tree->addTopLevelItems(items);
        if (items.isEmpty())
            setMessage(tr("%1 is empty.").arg(path));
    }
}

QTreeWidgetItem *SandboxFileBrowser::currentFileItem() const
{
    QTreeWidgetItem *item = m_tree->currentItem();
    return item && !item->data(0, PathRole).toString().isEmpty()
            && !item->data(0, IsDirRole).toBool()
        ? item
        : nullptr;
}

void SandboxFileBrowser::showNotice(const QString &text)
{
    m_viewer->clear();
    m_viewer->setPlaceholderText(text);
    setMessage(text);
}

void SandboxFileBrowser::showFile(QTreeWidgetItem *item)
{
    const QString path = item->data(0, PathRole).toString();
    if (path.isEmpty())
        return;
    if (m_viewCall)
        m_viewCall->cancel(); // the user moved on to another file
    m_shownPath.clear();
    const qint64 size = item->data(0, SizeRole).toLongLong();
    if (size > kViewLimit) {
        showNotice(tr("%1 is %2; files above %3 are not shown here. Use Download to save it "
                      "to this computer.")
                       .arg(path, QLocale().formattedDataSize(size),
                            QLocale().formattedDataSize(kViewLimit)));
        return;
    }
    QString error;
    DaytonaCall *call = m_sandboxes.downloadFile(m_sandbox.id, path, &error);
    if (!call) {
        showNotice(error);
        return;
    }
    showNotice(tr("Loading %1…").arg(path));
    m_viewCall = call;
    m_calls.append(call);
    connect(call, &DaytonaCall::finished, this, [this, path](const DaytonaResult &result) {
        if (result.error.kind == SandboxError::Kind::Cancelled)
            return;
        if (!result.ok()) {
            showNotice(tr("Could not open %1: %2").arg(path, result.error.message));
            return;
        }
        showContent(path, result.body);
    });
}

void SandboxFileBrowser::showContent(const QString &path, const QByteArray &content)
{
    if (content.size() > kViewLimit) {
        showNotice(tr("%1 is too large to show here. Use Download to save it to this computer.")
                       .arg(path));
        return;
    }
    QString text;
    if (!looksLikeText(content, &text)) {
        showNotice(tr("%1 is a binary file (%2) and is not shown. Use Download to save it to "
                      "this computer.")
                       .arg(path, QLocale().formattedDataSize(content.size())));
        return;
    }
    m_shownPath = path;
    m_viewer->setPlainText(text);
    setMessage(tr("%1 (%2, read-only)").arg(path, QLocale().formattedDataSize(content.size())));
}

void SandboxFileBrowser::downloadCurrent()
{
    QTreeWidgetItem *item = currentFileItem();
    if (!item)
        return;
    const QString sandboxPath = item->data(0, PathRole).toString();
    auto *dialog = new QFileDialog(this, tr("Save File From Sandbox"));
    dialog->setObjectName(QStringLiteral("sandboxSaveDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->selectFile(QDir::home().filePath(item->text(0)));
    connect(dialog, &QFileDialog::fileSelected, this,
            [this, sandboxPath](const QString &file) { saveTo(sandboxPath, file); });
    dialog->open();
}

void SandboxFileBrowser::saveTo(const QString &sandboxPath, const QString &hostPath)
{
    if (hostPath.isEmpty())
        return;
    QString error;
    DaytonaCall *call = m_sandboxes.downloadFile(m_sandbox.id, sandboxPath, &error);
    if (!call) {
        setMessage(error);
        return;
    }
    setMessage(tr("Downloading %1…").arg(sandboxPath));
    m_calls.append(call);
    connect(
        call, &DaytonaCall::finished, this,
        [this, sandboxPath, hostPath](const DaytonaResult &result) {
            if (!result.ok()) {
                setMessage(tr("Could not download %1: %2").arg(sandboxPath, result.error.message));
                return;
            }
            // Written in one go: an interrupted save never leaves half a file.
            QSaveFile file(hostPath);
            if (!file.open(QIODevice::WriteOnly) || file.write(result.body) != result.body.size()
                || !file.commit()) {
                setMessage(tr("Could not save %1: %2. Choose another folder and try again.")
                               .arg(QDir::toNativeSeparators(hostPath), file.errorString()));
                return;
            }
            setMessage(tr("Saved %1 to %2.").arg(sandboxPath, QDir::toNativeSeparators(hostPath)));
        });
}
