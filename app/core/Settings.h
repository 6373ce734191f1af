// Typed settings. Every key and its default are declared once, in Settings.cpp.
// Stored with QSettings in the config folder; never holds secrets (those go to the keychain).
#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>

class Settings final
{
public:
    struct Key; // name and default, declared in Settings.cpp

    explicit Settings(const QString &file);

    QString fileName() const;
    void sync();

    QByteArray mainWindowGeometry() const;
    void setMainWindowGeometry(const QByteArray &geometry);
    QByteArray mainWindowState() const;
    void setMainWindowState(const QByteArray &state);
    QByteArray mainSplitterState() const;
    void setMainSplitterState(const QByteArray &state);
    bool rightPanelVisible() const;
    void setRightPanelVisible(bool visible);

    // "provider/model", as Mastra writes it.
    QString defaultModel() const;
    void setDefaultModel(const QString &model);
    // How many model steps one run may take before it stops and offers to continue.
    int maxSteps() const;
    void setMaxSteps(int steps);

private:
    QVariant value(const Key &key) const;
    void setValue(const Key &key, const QVariant &value);

    QSettings m_settings;
};
