// The application log: every qDebug/qInfo/qWarning line, redacted, appended to
// <data>/logs/agent-studio.log (rotated by size, a few old files kept), and also to stderr
// when asked (--log) or when no file could be opened. Installed once by main(); Qt's message
// handler is a plain function, so the active LogFile is reached through one static pointer.
#pragma once

#include <QFile>
#include <QMutex>
#include <QString>

class Redactor;

class LogFile final
{
public:
    LogFile(const QString &directory, const Redactor &redactor, qint64 maxBytes = 5 * 1024 * 1024,
            int keepFiles = 3);
    ~LogFile();
    LogFile(const LogFile &) = delete;
    LogFile &operator=(const LogFile &) = delete;

    // Starts receiving Qt's messages. Returns false (and keeps writing to stderr) when the
    // file cannot be opened; errorString() says why.
    bool install(bool alsoToStderr);
    void uninstall();

    QString fileName() const { return m_path; }
    QString errorString() const { return m_error; }

    void write(QtMsgType type, const QMessageLogContext &context, const QString &message);

private:
    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &message);
    void rotateIfNeeded(qint64 incoming);

    QString m_path;
    const Redactor &m_redactor;
    qint64 m_maxBytes;
    int m_keepFiles;
    bool m_toStderr = true;
    bool m_installed = false;
    QString m_error;
    QMutex m_mutex;
    QFile m_file;
    QtMessageHandler m_previous = nullptr;
};
