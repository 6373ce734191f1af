// The services of one Agent Studio process, built once in main() and passed by reference to
// whatever needs them (no singletons). Owns them; destroys them in reverse order.
#pragma once

#include "core/Settings.h"
#include "core/StudioPaths.h"
#include "log/Redactor.h"

#include <QString>

#include <memory>

class AppContext final
{
public:
    explicit AppContext(const StudioPaths &paths);
    ~AppContext();
    AppContext(const AppContext &) = delete;
    AppContext &operator=(const AppContext &) = delete;

    // Creates the folders and opens the services that can fail. On failure returns false and
    // a message that says what to do.
    bool open(QString *error);

    const StudioPaths &paths() const { return m_paths; }
    Settings &settings() { return *m_settings; }
    // Every secret the app loads is added here, so that logs and exports never show it.
    Redactor &redactor() { return m_redactor; }

private:
    StudioPaths m_paths;
    Redactor m_redactor;
    std::unique_ptr<Settings> m_settings;
};
