#include "AboutDialog.h"

#include "core/StudioPaths.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

AboutDialog::AboutDialog(const StudioPaths &paths, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Agent Studio"));

    auto *text = new QLabel(this);
    text->setObjectName(QStringLiteral("aboutText"));
    text->setTextFormat(Qt::RichText);
    text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    text->setOpenExternalLinks(true);
    text->setText(tr("<h2>Agent Studio %1</h2>"
                     "<p>An LLM coding agent that plans, writes, runs and tests code in isolated "
                     "sandboxes while you watch, inspect and approve every step.</p>"
                     "<p>Built with Qt %2, running on Qt %3.</p>"
                     "<p>Data: <code>%4</code><br>Settings: <code>%5</code></p>")
                      .arg(QStringLiteral(STUDIO_VERSION), QStringLiteral(QT_VERSION_STR),
                           QString::fromLatin1(qVersion()), paths.dataDir().toHtmlEscaped(),
                           paths.settingsFile().toHtmlEscaped()));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(buttons);
}
