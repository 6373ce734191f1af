// "agent-studio keys ...": list, set, delete and import API keys from a terminal. Keys go to
// the OS keychain; list shows where each provider's key comes from, never the key itself.
// Runs on the event loop (keychain jobs are asynchronous) and ends with finished(exitCode).
#pragma once

#include <QObject>
#include <QStringList>
#include <QTextStream>

class KeyResolver;

class KeysCommand final : public QObject
{
    Q_OBJECT

public:
    // input: where "keys set" reads the key (stdin); interactive: it is a terminal.
    KeysCommand(KeyResolver &keys, QTextStream &input, bool interactive, QTextStream &out,
                QTextStream &err, QObject *parent = nullptr);

    // Starts the command; finished() follows, later, exactly once.
    void start(const QStringList &arguments);

    static QString helpText();

signals:
    void finished(int exitCode);

private:
    void list();
    void set(const QString &provider);
    void remove(const QString &provider);
    void import(const QStringList &providers);
    void importNext(QStringList providers, int failures);
    bool checkProvider(const QString &provider);
    void finish(int exitCode);

    KeyResolver &m_keys;
    QTextStream &m_input;
    const bool m_interactive;
    QTextStream &m_out;
    QTextStream &m_err;
};
