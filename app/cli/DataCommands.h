// "agent-studio threads ..." and "agent-studio sandboxes ...": the store's threads and the
// sandbox provider's sandboxes from a terminal. Each ends with finished(exitCode); errors are
// one line that says what to do.
#pragma once

#include "store/StoreTypes.h"

#include <QObject>
#include <QStringList>
#include <QTextStream>

#include <functional>

class AppContext;
struct SandboxEntry;
struct ThreadCost;

class ThreadsCommand final : public QObject
{
    Q_OBJECT
public:
    ThreadsCommand(AppContext &context, QTextStream &out, QTextStream &err,
                   QObject *parent = nullptr);
    void start(const QStringList &arguments);
    static QString helpText();

signals:
    void finished(int exitCode);

private:
    int run(const QStringList &arguments);
    // "$0.0042", ">=$0.01" when some runs have no price, "no price".
    static QString costText(const ThreadCost &cost);
    // The cost, context and budget lines `threads show` prints first.
    QString costSummary(RowId threadId) const;
    int budget(RowId threadId, const QStringList &arguments);
    AppContext &m_context;
    QTextStream &m_out;
    QTextStream &m_err;
};

class SandboxesCommand final : public QObject
{
    Q_OBJECT
public:
    SandboxesCommand(AppContext &context, QTextStream &out, QTextStream &err,
                     QObject *parent = nullptr);
    void start(const QStringList &arguments);
    static QString helpText();

signals:
    void finished(int exitCode);

private:
    void list();
    // Refreshes the sandbox service's list, then hands over the default provider's sandboxes.
    void listThen(std::function<void(const QList<SandboxEntry> &)> next);
    void remove(const QStringList &ids);
    void removeEach(const QStringList &ids);
    void removeNext();
    void finish(int exitCode, const QString &error = {});
    AppContext &m_context;
    QTextStream &m_out;
    QTextStream &m_err;
    QString m_provider; // the default provider, which these commands act on
    QMetaObject::Connection m_listed; // waits for the list asked for
    QStringList m_pending; // ids still to delete, the first one under way
    int m_failures = 0;
};
