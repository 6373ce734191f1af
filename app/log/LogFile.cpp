#include "LogFile.h"

#include "log/Redactor.h"

#include <QDir>
#include <QFileInfo>
#include <QMutexLocker>

#include <atomic>
#include <cstdio>

namespace {
std::atomic<LogFile *> s_active{nullptr};
} // namespace

LogFile::LogFile(const QString &directory, const Redactor &redactor, qint64 maxBytes, int keepFiles)
    : m_path(directory + QStringLiteral("/agent-studio.log"))
    , m_redactor(redactor)
    , m_maxBytes(maxBytes)
    , m_keepFiles(keepFiles)
{
}

LogFile::~LogFile()
{
    uninstall();
}

bool LogFile::install(bool alsoToStderr)
{
    QMutexLocker locker(&m_mutex);
    m_toStderr = alsoToStderr;
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    m_file.setFileName(m_path);
    bool opened = m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text);
    if (opened) {
        m_file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    } else {
        m_error
            = QStringLiteral("cannot write the log file %1: %2").arg(m_path, m_file.errorString());
        m_toStderr = true;
    }
    locker.unlock();
    s_active.store(this);
    m_previous = qInstallMessageHandler(&LogFile::handler);
    m_installed = true;
    return opened;
}

void LogFile::uninstall()
{
    if (!m_installed)
        return;
    LogFile *expected = this;
    if (s_active.compare_exchange_strong(expected, nullptr))
        qInstallMessageHandler(m_previous);
    m_installed = false;
    QMutexLocker locker(&m_mutex);
    m_file.close();
}

void LogFile::handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (LogFile *log = s_active.load())
        log->write(type, context, message);
}

void LogFile::rotateIfNeeded(qint64 incoming)
{
    if (!m_file.isOpen() || m_file.size() + incoming <= m_maxBytes)
        return;
    m_file.close();
    // agent-studio.log -> .1 -> .2 ...; the oldest falls off.
    QFile::remove(m_path + QStringLiteral(".%1").arg(m_keepFiles));
    for (int i = m_keepFiles - 1; i >= 1; --i)
        QFile::rename(m_path + QStringLiteral(".%1").arg(i),
                      m_path + QStringLiteral(".%1").arg(i + 1));
    if (m_keepFiles > 0)
        QFile::rename(m_path, m_path + QStringLiteral(".1"));
    else
        QFile::remove(m_path);
    if (m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
        m_file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

void LogFile::write(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString line = m_redactor.redactText(qFormatLogMessage(type, context, message));
    const QByteArray bytes = line.toUtf8() + '\n';
    QMutexLocker locker(&m_mutex);
    if (m_toStderr) {
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
        std::fflush(stderr);
    }
    rotateIfNeeded(bytes.size());
    if (m_file.isOpen()) {
        m_file.write(bytes);
        m_file.flush(); // a crash right after must not lose the line that explains it
    }
    if (type == QtFatalMsg)
        std::abort();
}
