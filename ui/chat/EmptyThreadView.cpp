// EmptyThreadView: the first impression of a thread with no messages yet.
#include "chat/EmptyThreadView.h"

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace {

QLabel *wrappingLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

} // namespace

EmptyThreadView::EmptyThreadView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("emptyThreadView"));
    setAccessibleName(tr("New thread"));
    setAccessibleDescription(tr("What the agent can do, example prompts and what is missing"));

    auto *content = new QWidget;
    content->setObjectName(QStringLiteral("emptyThreadContent"));
    auto *title = new QLabel(tr("What should the agent build?"), content);
    title->setObjectName(QStringLiteral("emptyThreadTitle"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setWordWrap(true);

    auto *capabilities = wrappingLabel(QStringLiteral("emptyThreadCapabilities"), content);
    capabilities->setText(
        tr("<p>Describe a task and the agent works on it in a sandbox, step by step:</p><ul>"
           "<li>writes and edits files, and runs commands, tests and scripts</li>"
           "<li>starts servers you can open in a preview</li>"
           "<li>asks before it runs anything your approval mode does not allow</li>"
           "<li>shows every step in the Inspector and every changed file in Changes, and can "
           "rewind them</li></ul>"));
    capabilities->setAccessibleName(tr("What the agent can do"));

    auto *examplesTitle = new QLabel(tr("Try an example:"), content);
    examplesTitle->setObjectName(QStringLiteral("emptyThreadExamplesTitle"));
    auto *examples = new QVBoxLayout;
    const QStringList prompts = examplePrompts();
    for (int i = 0; i < prompts.size(); ++i) {
        auto *button = new QPushButton(prompts.at(i), content);
        button->setObjectName(QStringLiteral("examplePrompt%1").arg(i + 1));
        button->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
        button->setToolTip(tr("Send this example to the agent (Alt+%1)").arg(i + 1));
        button->setAccessibleName(prompts.at(i));
        button->setAccessibleDescription(
            tr("Example prompt %1 of %2: sends it to the agent").arg(i + 1).arg(prompts.size()));
        button->setStyleSheet(QStringLiteral("text-align: left; padding: 6px 10px;"));
        connect(button, &QPushButton::clicked, this,
                [this, prompt = prompts.at(i)] { emit examplePromptChosen(prompt); });
        examples->addWidget(button);
        m_examples.append(button);
    }

    auto *missingTitle = new QLabel(tr("Before you start:"), content);
    missingTitle->setObjectName(QStringLiteral("emptyThreadChecklistTitle"));
    m_keyLabel = wrappingLabel(QStringLiteral("emptyThreadKeyStatus"), content);
    m_keySetup = new QPushButton(tr("Set Up a &Key…"), content);
    m_keySetup->setObjectName(QStringLiteral("emptyThreadKeySetupButton"));
    m_keySetup->setToolTip(tr("Add an API key for a model provider, or use a local model server"));
    m_keySetup->hide();
    connect(m_keySetup, &QPushButton::clicked, this, &EmptyThreadView::keySetupRequested);
    m_sandboxLabel = wrappingLabel(QStringLiteral("emptyThreadSandboxStatus"), content);
    m_daytonaLabel = wrappingLabel(QStringLiteral("emptyThreadDaytonaStatus"), content);
    m_daytonaSetup = new QPushButton(tr("Set Up &Daytona…"), content);
    m_daytonaSetup->setObjectName(QStringLiteral("emptyThreadDaytonaSetupButton"));
    m_daytonaSetup->setToolTip(tr("Add a Daytona API key for cloud sandboxes (optional)"));
    connect(m_daytonaSetup, &QPushButton::clicked, this, &EmptyThreadView::daytonaSetupRequested);

    auto *checklist = new QGridLayout;
    checklist->setColumnStretch(0, 1);
    checklist->addWidget(m_keyLabel, 0, 0);
    checklist->addWidget(m_keySetup, 0, 1, Qt::AlignTop);
    checklist->addWidget(m_sandboxLabel, 1, 0, 1, 2);
    checklist->addWidget(m_daytonaLabel, 2, 0);
    checklist->addWidget(m_daytonaSetup, 2, 1, Qt::AlignTop);

    auto *column = new QVBoxLayout(content);
    column->setContentsMargins(24, 24, 24, 24);
    column->setSpacing(10);
    column->addWidget(title);
    column->addWidget(capabilities);
    column->addWidget(examplesTitle);
    column->addLayout(examples);
    column->addSpacing(8);
    column->addWidget(missingTitle);
    column->addLayout(checklist);
    column->addStretch(1);

    // Small windows and 200% scale: the whole text stays reachable by scrolling.
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("emptyThreadScroll"));
    scroll->setAccessibleName(tr("New thread"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    setKeyState(KeyState::Checking, QString());
    setSandboxState(std::nullopt);
    setDaytonaConfigured(false);
}

QStringList EmptyThreadView::examplePrompts()
{
    return {
        tr("Write a function that reverses a string, with unit tests, and run them"),
        tr("Create a small Python web server with one page and start it so I can preview it"),
        tr("Write a script that counts the words in a text file and test it on a sample file"),
    };
}

QString EmptyThreadView::statusLine(bool good, const QString &text)
{
    // The mark is also said in words for screen readers (the label's accessible name).
    return QStringLiteral("<b>%1</b> %2")
        .arg(good ? QStringLiteral("\u2713") : QStringLiteral("\u2717"), text);
}

void EmptyThreadView::setKeyState(KeyState state, const QString &provider, const QString &source)
{
    QString text;
    bool good = true;
    switch (state) {
    case KeyState::Checking:
        text = tr("Looking for the model's API key…");
        break;
    case KeyState::Found:
        text = tr("Model: an API key for %1 is set (%2).").arg(provider, source);
        break;
    case KeyState::NotNeeded:
        text = tr("Model: %1 needs no API key.").arg(provider);
        break;
    case KeyState::Missing:
        good = false;
        text = tr("Model: no API key for %1, so the agent cannot answer. Set one up, or choose "
                  "a local model server.")
                   .arg(provider);
        break;
    }
    m_keyLabel->setText(statusLine(good, text.toHtmlEscaped()));
    m_keyLabel->setAccessibleName(good ? text : tr("Missing: %1").arg(text));
    m_keySetup->setVisible(state == KeyState::Missing);
}

void EmptyThreadView::setSandboxState(const std::optional<SandboxHostCheck::Result> &result)
{
    QString text;
    bool good = true;
    if (!result) {
        text = tr("Local sandboxes: checking bubblewrap…");
    } else if (result->ok()) {
        text = tr("Local sandboxes: bubblewrap works here.");
    } else {
        good = false;
        text = tr("Local sandboxes: %1").arg(result->message);
    }
    m_sandboxLabel->setText(statusLine(good, text.toHtmlEscaped()));
    m_sandboxLabel->setAccessibleName(good ? text : tr("Missing: %1").arg(text));
}

void EmptyThreadView::setDaytonaConfigured(bool configured)
{
    const QString text = configured
        ? tr("Daytona cloud sandboxes: configured.")
        : tr("Daytona cloud sandboxes: not configured (optional; local sandboxes need none).");
    m_daytonaLabel->setText(statusLine(configured, text.toHtmlEscaped()));
    m_daytonaLabel->setAccessibleName(text);
    m_daytonaSetup->setVisible(!configured);
}

void EmptyThreadView::setCanSend(bool canSend)
{
    for (QPushButton *button : std::as_const(m_examples))
        button->setEnabled(canSend);
}
