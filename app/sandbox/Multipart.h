// multipart/form-data, built and parsed as pure functions: bulk upload (client builds, server
// parses) and bulk download (server builds, client parses), contract.md §4.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

struct MultipartPart
{
    QString name; // form field name, e.g. "files[0].path", "file", "error"
    QString filename; // from filename*= (UTF-8) when present, else filename=
    QByteArray contentType;
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

class MultipartBuilder final
{
public:
    explicit MultipartBuilder(const QByteArray &boundary = QByteArray());

    void addField(const QString &name, const QByteArray &value);
    void addFile(const QString &name, const QString &filename, const QByteArray &content,
                 const QByteArray &contentType = "application/octet-stream");
    // A file part as the bulk-download server writes it: filename and filename*=utf-8''...
    void addDownloadPart(const QString &name, const QString &filename, const QByteArray &content,
                         const QByteArray &contentType);

    QByteArray boundary() const { return m_boundary; }
    QByteArray contentType() const; // "multipart/form-data; boundary=..."
    QByteArray finish() const; // the body with the closing delimiter

private:
    QByteArray m_boundary;
    QByteArray m_body;
};

class MultipartParser final
{
public:
    // The boundary parameter of a Content-Type header; empty if there is none.
    static QByteArray boundaryFrom(const QByteArray &contentType);
    // Splits a body into parts. On malformed input returns false and says why; parts read
    // before the damage stay in *parts (a truncated download keeps its complete files).
    static bool parse(const QByteArray &body, const QByteArray &boundary,
                      QList<MultipartPart> *parts, QString *error);
};
