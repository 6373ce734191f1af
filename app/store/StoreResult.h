// The outcome of a Store call: a value, or a message for the user that says what went wrong
// and what to do. [[nodiscard]] so that no caller can ignore a failed write by accident.
#pragma once

#include <QString>

#include <optional>
#include <utility>

template<typename T> class [[nodiscard]] StoreResult final
{
public:
    StoreResult(T value)
        : m_value(std::move(value))
    {
    }
    static StoreResult failure(const QString &error)
    {
        StoreResult result;
        result.m_error = error;
        return result;
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T value() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    const T &operator*() const & { return *m_value; }
    T &operator*() & { return *m_value; }
    QString error() const { return m_error; }

private:
    StoreResult() = default;
    std::optional<T> m_value;
    QString m_error;
};

template<> class [[nodiscard]] StoreResult<void> final
{
public:
    StoreResult() = default;
    static StoreResult failure(const QString &error)
    {
        StoreResult result;
        result.m_failed = true;
        result.m_error = error;
        return result;
    }
    // Converts any failed result into a void one, keeping its message.
    template<typename T> static StoreResult from(const StoreResult<T> &other)
    {
        return other.ok() ? StoreResult() : failure(other.error());
    }

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    QString error() const { return m_error; }

private:
    bool m_failed = false;
    QString m_error;
};

using StoreStatus = StoreResult<void>;
