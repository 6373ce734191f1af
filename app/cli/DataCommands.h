// "agent-studio threads ..." and "agent-studio sandboxes ...": the store's threads and the
// sandbox provider's sandboxes from a terminal. Each ends with finished(exitCode); errors are
// one line that says what to do.
#pragma once

#include <QObject>
#include <QStringList>
#include <QTextStream>

class AppContext;

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
    void remove(QStringList ids);
    void removeNext(QStringList ids, int failures);
    void finish(int exitCode, const QString &error = {});
    AppContext &m_context;
    QTextStream &m_out;
    QTextStream &m_err;
};
