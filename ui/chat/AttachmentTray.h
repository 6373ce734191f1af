// The attachments of the message being written, above the composer (issue 18): a chip per
// dropped file or folder ("report.pdf · 120 KB", "project/ · 12 files"), each removable with
// its button or the Delete key, and a progress bar while they are uploaded into the sandbox.
// Hidden while there is nothing to show. The pane owns the list; the tray shows it.
#pragma once

#include "services/AttachmentService.h"

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QProgressBar;

class AttachmentTray final : public QWidget
{
    Q_OBJECT

public:
    explicit AttachmentTray(QWidget *parent = nullptr);

    void setFiles(const QList<AttachmentFile> &files);
    // Uploading: the chips cannot be removed and the bar shows the bytes sent.
    void setUploading(bool uploading);
    void setProgress(qint64 done, qint64 total);
    // The groups shown, by their top-level name ("notes.txt", "project").
    QStringList groups() const { return m_groups; }

signals:
    // A chip's remove button: the files under this top-level name are to go.
    void removeRequested(const QString &group);

private:
    void rebuild(const QList<AttachmentFile> &files);

    QHBoxLayout *m_chips = nullptr;
    QLabel *m_label = nullptr;
    QProgressBar *m_progress = nullptr;
    QStringList m_groups;
    bool m_uploading = false;
};
