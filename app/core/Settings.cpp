#include "Settings.h"

struct Settings::Key
{
    QString name;
    QVariant defaultValue;
};

// The one place where keys and defaults live.
static const Settings::Key kMainWindowGeometry{QStringLiteral("window/geometry"), QByteArray()};
static const Settings::Key kMainWindowState{QStringLiteral("window/state"), QByteArray()};
static const Settings::Key kMainSplitterState{QStringLiteral("window/mainSplitter"), QByteArray()};
static const Settings::Key kRightPanelVisible{QStringLiteral("window/rightPanelVisible"), true};
static const Settings::Key kDefaultModel{QStringLiteral("models/default"),
                                         QStringLiteral("openai/gpt-4o-mini")};
static const Settings::Key kMaxSteps{QStringLiteral("agent/maxSteps"), 20};

Settings::Settings(const QString &file)
    : m_settings(file, QSettings::IniFormat)
{
}

QString Settings::fileName() const
{
    return m_settings.fileName();
}

void Settings::sync()
{
    m_settings.sync();
}

QVariant Settings::value(const Key &key) const
{
    return m_settings.value(key.name, key.defaultValue);
}

void Settings::setValue(const Key &key, const QVariant &value)
{
    m_settings.setValue(key.name, value);
}

QByteArray Settings::mainWindowGeometry() const
{
    return value(kMainWindowGeometry).toByteArray();
}
void Settings::setMainWindowGeometry(const QByteArray &geometry)
{
    setValue(kMainWindowGeometry, geometry);
}
QByteArray Settings::mainWindowState() const
{
    return value(kMainWindowState).toByteArray();
}
void Settings::setMainWindowState(const QByteArray &state)
{
    setValue(kMainWindowState, state);
}
QByteArray Settings::mainSplitterState() const
{
    return value(kMainSplitterState).toByteArray();
}
void Settings::setMainSplitterState(const QByteArray &state)
{
    setValue(kMainSplitterState, state);
}
bool Settings::rightPanelVisible() const
{
    return value(kRightPanelVisible).toBool();
}
void Settings::setRightPanelVisible(bool visible)
{
    setValue(kRightPanelVisible, visible);
}

QString Settings::defaultModel() const
{
    return value(kDefaultModel).toString();
}
void Settings::setDefaultModel(const QString &model)
{
    setValue(kDefaultModel, model);
}

int Settings::maxSteps() const
{
    const int steps = value(kMaxSteps).toInt();
    return steps > 0 ? steps : kMaxSteps.defaultValue.toInt();
}
void Settings::setMaxSteps(int steps)
{
    setValue(kMaxSteps, steps);
}
