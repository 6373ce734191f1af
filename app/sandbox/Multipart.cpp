// multipart/form-data builder and parser (RFC 7578), strict about CRLF framing, tolerant about
// header case and a missing epilogue.
#include "sandbox/Multipart.h"

#include <QRandomGenerator>
#include <QUrl>

namespace {

QByteArray quoteParam(const QString &value)
{
    QByteArray out = value.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"").replace('\r', ' ').replace('\n', ' ');
    return out;
}

// Latin-1-only rendering for the plain filename= parameter (non-Latin-1 becomes '_').
QByteArray latin1Sanitized(const QString &value)
{
    QByteArray out;
    for (const QChar c : value)
        out.append(c.unicode() < 0x80 && c != QLatin1Char('"') && c != QLatin1Char('\\')
                           && c.unicode() >= 0x20
                       ? char(c.unicode())
                       : '_');
    return out;
}

// Parses one Content-Disposition value: form-data; name="x"; filename="y"; filename*=utf-8''z
void parseDisposition(const QByteArray &value, MultipartPart *part)
{
    QString plainFilename;
    QString extFilename;
    int i = 0;
    const int n = int(value.size());
    while (i < n) {
        while (i < n && (value[i] == ';' || value[i] == ' ' || value[i] == '\t'))
            ++i;
        int keyStart = i;
        while (i < n && value[i] != '=' && value[i] != ';')
            ++i;
        const QByteArray key = value.mid(keyStart, i - keyStart).trimmed().toLower();
        QByteArray val;
        if (i < n && value[i] == '=') {
            ++i;
            if (i < n && value[i] == '"') {
                ++i;
                while (i < n && value[i] != '"') {
                    if (value[i] == '\\' && i + 1 < n)
                        ++i;
                    val.append(value[i]);
                    ++i;
                }
                ++i; // closing quote
            } else {
                int start = i;
                while (i < n && value[i] != ';')
                    ++i;
                val = value.mid(start, i - start).trimmed();
            }
        }
        if (key == "name")
            part->name = QString::fromUtf8(val);
        else if (key == "filename")
            plainFilename = QString::fromUtf8(val);
        else if (key == "filename*") {
            const int quote = int(val.indexOf("''"));
            const QByteArray encoded = quote >= 0 ? val.mid(quote + 2) : val;
            extFilename = QString::fromUtf8(QByteArray::fromPercentEncoding(encoded));
        }
    }
    part->filename = extFilename.isEmpty() ? plainFilename : extFilename;
}

} // namespace

MultipartBuilder::MultipartBuilder(const QByteArray &boundary)
    : m_boundary(boundary)
{
    if (m_boundary.isEmpty()) {
        m_boundary = "----AgentStudioBoundary";
        for (int i = 0; i < 4; ++i)
            m_boundary += QByteArray::number(QRandomGenerator::global()->generate(), 16);
    }
}

void MultipartBuilder::addField(const QString &name, const QByteArray &value)
{
    m_body += "--" + m_boundary + "\r\nContent-Disposition: form-data; name=\"" + quoteParam(name)
        + "\"\r\n\r\n" + value + "\r\n";
}

void MultipartBuilder::addFile(const QString &name, const QString &filename,
                               const QByteArray &content, const QByteArray &contentType)
{
    m_body += "--" + m_boundary + "\r\nContent-Disposition: form-data; name=\"" + quoteParam(name)
        + "\"; filename=\"" + quoteParam(filename) + "\"\r\nContent-Type: " + contentType
        + "\r\n\r\n" + content + "\r\n";
}

void MultipartBuilder::addDownloadPart(const QString &name, const QString &filename,
                                       const QByteArray &content, const QByteArray &contentType)
{
    m_body += "--" + m_boundary + "\r\nContent-Disposition: form-data; name=\"" + quoteParam(name)
        + "\"; filename=\"" + latin1Sanitized(filename) + "\"; filename*=utf-8''"
        + QUrl::toPercentEncoding(filename) + "\r\nContent-Type: " + contentType
        + "\r\nContent-Length: " + QByteArray::number(content.size()) + "\r\n\r\n" + content
        + "\r\n";
}

QByteArray MultipartBuilder::contentType() const
{
    return "multipart/form-data; boundary=" + m_boundary;
}

QByteArray MultipartBuilder::finish() const
{
    return m_body + "--" + m_boundary + "--\r\n";
}

QByteArray MultipartParser::boundaryFrom(const QByteArray &contentType)
{
    const QList<QByteArray> params = contentType.split(';');
    for (const QByteArray &p : params) {
        const QByteArray t = p.trimmed();
        if (t.toLower().startsWith("boundary=")) {
            QByteArray b = t.mid(9);
            if (b.size() >= 2 && b.startsWith('"') && b.endsWith('"'))
                b = b.mid(1, b.size() - 2);
            return b;
        }
    }
    return QByteArray();
}

bool MultipartParser::parse(const QByteArray &body, const QByteArray &boundary,
                            QList<MultipartPart> *parts, QString *error)
{
    if (boundary.isEmpty()) {
        *error = QStringLiteral("the multipart body has no boundary");
        return false;
    }
    const QByteArray delimiter = "--" + boundary;
    const QByteArray nextDelimiter = "\r\n" + delimiter;
    qsizetype pos = body.indexOf(delimiter);
    if (pos < 0) {
        *error = QStringLiteral("the multipart body does not contain its boundary");
        return false;
    }
    pos += delimiter.size();
    for (;;) {
        if (body.mid(pos, 2) == "--")
            return true; // closing delimiter
        if (body.mid(pos, 2) != "\r\n") {
            *error = QStringLiteral("malformed multipart delimiter line");
            return false;
        }
        pos += 2;
        MultipartPart part;
        qsizetype contentStart;
        const qsizetype headerEnd = body.indexOf("\r\n\r\n", pos);
        if (body.mid(pos, 2) == "\r\n") { // a part without headers
            contentStart = pos + 2;
        } else if (headerEnd < 0) {
            *error = QStringLiteral("the multipart body ends inside part headers (truncated)");
            return false;
        } else {
            const QList<QByteArray> lines = body.mid(pos, headerEnd - pos).split('\n');
            for (QByteArray line : lines) {
                line = line.trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon <= 0)
                    continue;
                const QByteArray name = line.left(colon).trimmed().toLower();
                const QByteArray value = line.mid(colon + 1).trimmed();
                part.headers.insert(name, value);
                if (name == "content-disposition")
                    parseDisposition(value, &part);
                else if (name == "content-type")
                    part.contentType = value;
            }
            contentStart = headerEnd + 4;
        }
        const qsizetype end = body.indexOf(nextDelimiter, contentStart);
        if (end < 0) {
            *error = QStringLiteral("the multipart body ends inside a part (truncated)");
            return false;
        }
        part.body = body.mid(contentStart, end - contentStart);
        parts->append(part);
        pos = end + nextDelimiter.size();
    }
}
