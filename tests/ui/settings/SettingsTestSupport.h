// Shared by the settings GUI tests: an AppContext on a temporary data folder, with no API key
// in the environment or a .env file, and small helpers to reach widgets by objectName.
#pragma once

#include "root/AppContext.h"
#include "secrets/KeyCatalog.h"
#include "settings/SettingsServices.h"

#include <QDir>
#include <QFile>
#include <QTest>
#include <QWidget>

#include <memory>

namespace SettingsTest {

// Removes every variable Agent Studio reads a key or a base URL from, so that the tests see
// only what they set themselves.
inline void clearKeyEnvironment()
{
    for (const KeyCatalog::Variable &variable : KeyCatalog::variables())
        qunsetenv(variable.name.toUtf8().constData());
    qunsetenv("CUSTOM_API_KEY");
    qunsetenv("GOOGLE_API_KEY");
    qunsetenv("TOGETHER_AI_API_KEY");
}

inline std::unique_ptr<AppContext> openContext(const QString &root, const QString &envFile = {})
{
    auto context = std::make_unique<AppContext>(StudioPaths::underRoot(root));
    context->setEnvFile(envFile);
    QString error;
    if (!context->open(&error))
        qFatal("cannot open the app context: %s", qPrintable(error));
    return context;
}

// What MainWindow hands the settings dialog and the wizard.
inline SettingsServices servicesOf(AppContext &context)
{
    return {context.settings(), context.keyStore(), context.keys(), context.llm(),
            context.redactor()};
}

template<typename T> T *child(const QObject *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qWarning("no child %s", qPrintable(name));
    return found;
}

inline QByteArray readData(const QString &file)
{
    QFile in(QStringLiteral(STUDIO_TEST_DATA_DIR "/settings/") + file);
    if (!in.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(in.fileName()));
    return in.readAll();
}

} // namespace SettingsTest
