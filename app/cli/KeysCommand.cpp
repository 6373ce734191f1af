#include "KeysCommand.h"

#include "secrets/KeyCatalog.h"
#include "secrets/KeyResolver.h"

#include <QTimer>

#include <memory>

#include <termios.h>
#include <unistd.h>

namespace {

// Turns off the terminal's echo while a key is typed or pasted, and back on afterwards.
class EchoOff final
{
public:
    explicit EchoOff(bool active)
    {
        m_active = active && tcgetattr(STDIN_FILENO, &m_saved) == 0;
        if (!m_active)
            return;
        termios quiet = m_saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    ~EchoOff()
    {
        if (m_active)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
    }
    EchoOff(const EchoOff &) = delete;
    EchoOff &operator=(const EchoOff &) = delete;

private:
    termios m_saved{};
    bool m_active = false;
};

QString providerList()
{
    return KeyCatalog::providers().join(QStringLiteral(", "));
}

} // namespace

KeysCommand::KeysCommand(KeyResolver &keys, QTextStream &input, bool interactive, QTextStream &out,
                         QTextStream &err, QObject *parent)
    : QObject(parent)
    , m_keys(keys)
    , m_input(input)
    , m_interactive(interactive)
    , m_out(out)
    , m_err(err)
{
}

QString KeysCommand::helpText()
{
    return tr("Usage: agent-studio keys COMMAND\n"
              "\n"
              "API keys live in the OS keychain (service \"agent-studio\", one entry per "
              "provider).\n"
              "The environment and the .env file (--env-file) are read after the keychain.\n"
              "\n"
              "  list               Show each provider and where its key comes from (never "
              "the key).\n"
              "  set PROVIDER       Read the key from stdin and store it in the keychain.\n"
              "  delete PROVIDER    Delete the provider's key from the keychain.\n"
              "  import [PROVIDER]  Copy keys found in the environment or .env file into the\n"
              "                     keychain (all that are not there yet, or just PROVIDER).\n"
              "\n"
              "Providers: %1\n")
        .arg(providerList());
}

void KeysCommand::finish(int exitCode)
{
    m_out.flush();
    m_err.flush();
    emit finished(exitCode);
}

bool KeysCommand::checkProvider(const QString &provider)
{
    if (KeyCatalog::isProvider(provider))
        return true;
    m_err << "agent-studio: unknown provider '" << provider << "'; use one of: " << providerList()
          << ".\n";
    QTimer::singleShot(0, this, [this] { finish(2); });
    return false;
}

void KeysCommand::start(const QStringList &arguments)
{
    const QString command = arguments.value(0);
    const qsizetype count = arguments.size();
    if (command == QLatin1String("list") && count == 1)
        return list();
    if (command == QLatin1String("set") && count == 2)
        return set(arguments.at(1));
    if ((command == QLatin1String("delete") || command == QLatin1String("rm")) && count == 2)
        return remove(arguments.at(1));
    if (command == QLatin1String("import") && count <= 2)
        return import(arguments.mid(1));
    const bool help = command == QLatin1String("--help") || command == QLatin1String("-h")
        || command == QLatin1String("help");
    (help ? m_out : m_err) << helpText();
    QTimer::singleShot(0, this, [this, help] { finish(help ? 0 : 2); });
}

void KeysCommand::list()
{
    const QStringList providers = KeyCatalog::providers();
    auto lines = std::make_shared<QStringList>(providers.size());
    auto remaining = std::make_shared<qsizetype>(providers.size());
    auto keychainMessage = std::make_shared<QString>();
    for (qsizetype i = 0; i < providers.size(); ++i) {
        m_keys.resolveKey(
            providers.at(i), this,
            [this, i, lines, remaining, keychainMessage](const ResolvedKey &key) {
                (*lines)[i] = QStringLiteral("%1 %2").arg(key.name, -14).arg(key.sourceText());
                if (!key.keychainMessage.isEmpty())
                    *keychainMessage = key.keychainMessage;
                if (--*remaining > 0)
                    return;
                m_out << QStringLiteral("%1 %2\n")
                             .arg(QStringLiteral("PROVIDER"), -14)
                             .arg(QStringLiteral("KEY FROM"));
                for (const QString &line : std::as_const(*lines))
                    m_out << line << '\n';
                if (!keychainMessage->isEmpty())
                    m_err << "agent-studio: " << *keychainMessage << '\n';
                finish(0);
            });
    }
}

void KeysCommand::set(const QString &provider)
{
    if (!checkProvider(provider))
        return;
    QString key;
    {
        const EchoOff echoOff(m_interactive);
        if (m_interactive)
            m_err << "Paste the " << provider << " API key and press Enter: " << Qt::flush;
        key = m_input.readLine().trimmed();
        if (m_interactive)
            m_err << '\n';
    }
    if (key.isEmpty()) {
        m_err << "agent-studio: no key given; pass it on stdin, e.g. 'agent-studio keys set "
              << provider << " < key.txt'.\n";
        QTimer::singleShot(0, this, [this] { finish(1); });
        return;
    }
    // From a terminal a key only in memory would be gone when this command exits: fail instead.
    m_keys.store().write(
        provider, key, this,
        [this, provider](const KeyStoreResult &result) {
            if (!result.ok()) {
                m_err << "agent-studio: " << result.message << '\n';
                return finish(1);
            }
            m_out << "Stored the " << provider << " key in the OS keychain.\n";
            finish(0);
        },
        KeyStore::Fallback::NoFallback);
}

void KeysCommand::remove(const QString &provider)
{
    if (!checkProvider(provider))
        return;
    m_keys.store().remove(provider, this, [this, provider](const KeyStoreResult &result) {
        switch (result.status) {
        case KeyStoreResult::Status::Ok:
            m_out << "Deleted the " << provider << " key from the OS keychain.\n";
            break;
        case KeyStoreResult::Status::NotFound:
            m_err << "agent-studio: there is no " << provider << " key in the OS keychain.\n";
            break;
        case KeyStoreResult::Status::Failed:
            m_err << "agent-studio: " << result.message << '\n';
            break;
        }
        // A key that still comes from elsewhere would surprise whoever just deleted it.
        const ResolvedKey outside = m_keys.keyOutsideKeychain(provider);
        if (outside.found())
            m_err << "Note: the " << provider << " key is still set in: " << outside.sourceText()
                  << ".\n";
        finish(result.ok() ? 0 : 1);
    });
}

void KeysCommand::import(const QStringList &providers)
{
    if (!providers.isEmpty()) {
        if (!checkProvider(providers.constFirst()))
            return;
        return importNext(providers, 0);
    }
    m_keys.findImportCandidates(
        this, [this](const QList<ResolvedKey> &candidates, const QString &error) {
            if (!error.isEmpty()) {
                m_err << "agent-studio: " << error << '\n';
                return finish(1);
            }
            if (candidates.isEmpty()) {
                m_out << "Nothing to import: every key in the environment and the .env file is "
                         "already in the OS keychain.\n";
                return finish(0);
            }
            QStringList names;
            for (const ResolvedKey &candidate : candidates)
                names << candidate.name;
            importNext(names, 0);
        });
}

// One at a time, so the output follows the provider order.
void KeysCommand::importNext(QStringList providers, int failures)
{
    if (providers.isEmpty())
        return finish(failures == 0 ? 0 : 1);
    const QString provider = providers.takeFirst();
    const QString source = m_keys.keyOutsideKeychain(provider).sourceText();
    m_keys.importKey(provider, this,
                     [this, provider, source, providers, failures](const KeyStoreResult &result) {
                         if (result.ok())
                             m_out << "Imported the " << provider << " key from the " << source
                                   << " into the OS keychain.\n";
                         else
                             m_err << "agent-studio: " << result.message << '\n';
                         importNext(providers, failures + (result.ok() ? 0 : 1));
                     });
}
