// A sandbox's files: a tree that lists each folder when it is first opened, a read-only
// monospace viewer for text files up to a size limit, and a download to the host through a
// save dialog. Every call is asynchronous; the dialog opens with open().
#pragma once

#include "sandbox/SandboxTypes.h"

#include <QDialog>
#include <QPointer>

class DaytonaCall;
class SandboxService;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;
struct DaytonaResult;

class SandboxFileBrowser final : public QDialog
{
    Q_OBJECT
public:
    // Larger files are not shown (download them instead).
    static constexpr qint64 kViewLimit = 1024 * 1024;

    // Browses a sandbox of the service's list; every file call goes through the service.
    SandboxFileBrowser(SandboxService &sandboxes, const Sandbox &sandbox,
                       QWidget *parent = nullptr);
    ~SandboxFileBrowser() override;

    // The folder shown at the top level (the sandbox user's home until changed).
    QString rootPath() const { return m_root; }
    void setRootPath(const QString &path);
    // The sandbox path of the file shown in the viewer (empty if none).
    QString shownPath() const { return m_shownPath; }

private:
    enum ItemRole { PathRole = Qt::UserRole + 1, IsDirRole, LoadedRole, SizeRole };

    void listFolder(QTreeWidgetItem *parent, const QString &path);
    void fillFolder(QTreeWidgetItem *parent, const QString &path, const DaytonaResult &result);
    void showFile(QTreeWidgetItem *item);
    void showContent(const QString &path, const QByteArray &content);
    void showNotice(const QString &text);
    void downloadCurrent();
    void saveTo(const QString &sandboxPath, const QString &hostPath);
    void setMessage(const QString &text);
    QTreeWidgetItem *currentFileItem() const;

    SandboxService &m_sandboxes;
    Sandbox m_sandbox;
    QString m_root;
    QString m_shownPath;
    int m_generation = 0; // bumped when the tree is cleared
    QLineEdit *m_path = nullptr;
    QTreeWidget *m_tree = nullptr;
    QPlainTextEdit *m_viewer = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_download = nullptr;
    QPointer<DaytonaCall> m_viewCall; // the file being fetched for the viewer
    QList<QPointer<DaytonaCall>> m_calls; // everything in flight, cancelled when closed
};
