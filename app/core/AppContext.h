// The services of one Agent Studio process, built once in main() and passed by reference to
// whatever needs them (no singletons). Owns them; destroys them in reverse order.
#pragma once

#include "core/Settings.h"
#include "core/StudioPaths.h"
#include "store/Store.h"

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
    // The database (opened by open()); belongs to the GUI thread.
    Store &store() { return *m_store; }

private:
    StudioPaths m_paths;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Store> m_store;
};
