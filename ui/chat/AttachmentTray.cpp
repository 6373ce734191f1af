#include "AttachmentTray.h"

#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QToolButton>

#include <algorithm>

namespace {

QString topOf(const AttachmentFile &file)
{
    return file.name.section(QLatin1Char('/'), 0, 0);
}

} // namespace

AttachmentTray::AttachmentTray(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("attachmentTray"));
    setAccessibleName(tr("Attachments"));
    m_label = new QLabel(tr("Attached:"), this);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("attachmentProgress"));
    m_progress->setAccessibleName(tr("Upload progress"));
    m_progress->setMaximumWidth(160);
    m_progress->hide();
    m_chips = new QHBoxLayout;
    m_chips->setSpacing(4);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addLayout(m_chips, 1);
    layout->addWidget(m_progress);
    hide();
}

void AttachmentTray::setFiles(const QList<AttachmentFile> &files)
{
    rebuild(files);
    setVisible(!files.isEmpty());
}

void AttachmentTray::rebuild(const QList<AttachmentFile> &files)
{
    while (QLayoutItem *item = m_chips->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_groups.clear();
    QHash<QString, QPair<int, qint64>> counts; // files, bytes
    for (const AttachmentFile &file : files) {
        const QString top = topOf(file);
        if (!counts.contains(top))
            m_groups << top;
        auto &c = counts[top];
        ++c.first;
        c.second += file.size;
    }
    const QLocale locale;
    for (const QString &group : std::as_const(m_groups)) {
        const auto [count, bytes] = counts.value(group);
        const bool folder = count > 1
            || std::any_of(files.cbegin(), files.cend(), [&group](const AttachmentFile &f) {
                                return f.name.startsWith(group + QLatin1Char('/'));
                            });
        const QString size = locale.formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
        const QString text = folder ? tr("%1/ · %n file(s), %2", nullptr, count).arg(group, size)
                                    : tr("%1 · %2").arg(group, size);
        auto *chip = new QToolButton(this);
        chip->setObjectName(QStringLiteral("attachmentChip"));
        chip->setText(text + QStringLiteral("  ✕"));
        chip->setAutoRaise(false);
        chip->setEnabled(!m_uploading);
        chip->setToolTip(tr("Remove %1 from the message").arg(group));
        chip->setAccessibleName(tr("Attachment %1").arg(text));
        chip->setAccessibleDescription(tr("Press to remove it from the message"));
        chip->setProperty("attachmentGroup", group);
        connect(chip, &QToolButton::clicked, this, [this, group] { emit removeRequested(group); });
        m_chips->addWidget(chip);
    }
    m_chips->addStretch(1);
}

void AttachmentTray::setUploading(bool uploading)
{
    m_uploading = uploading;
    for (QToolButton *chip : findChildren<QToolButton *>(QStringLiteral("attachmentChip")))
        chip->setEnabled(!uploading);
    m_progress->setVisible(uploading);
    if (uploading)
        setProgress(0, 0);
}

void AttachmentTray::setProgress(qint64 done, qint64 total)
{
    // Percent: a QProgressBar counts in int.
    m_progress->setRange(0, 100);
    m_progress->setValue(total > 0 ? int(done * 100 / total) : 0);
    m_progress->setFormat(total > 0 ? tr("Uploading… %p%") : tr("Preparing the sandbox…"));
}
