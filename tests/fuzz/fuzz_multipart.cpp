// libFuzzer target for MultipartParser: any body with any Content-Type never crashes the
// parser; the parts it returns lie inside the body; and what MultipartBuilder writes (a file
// named and filled from the input) parses back to the same name, filename and bytes.
#include "FuzzCheck.h"
#include "sandbox/Multipart.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    // First line: a Content-Type header value; the rest: the body.
    const qsizetype eol = input.indexOf('\n');
    const QByteArray contentType = eol < 0 ? input : input.left(eol);
    const QByteArray body = eol < 0 ? QByteArray() : input.mid(eol + 1);

    const QByteArray boundary = MultipartParser::boundaryFrom(contentType);
    QList<MultipartPart> parts;
    QString error;
    const bool ok = MultipartParser::parse(body, boundary, &parts, &error);
    FUZZ_CHECK(ok || !error.isEmpty());
    qsizetype total = 0;
    for (const MultipartPart &part : parts)
        total += part.body.size();
    FUZZ_CHECK(total <= body.size());

    // Round trip through the builder: name and filename from the first line (as text, without
    // line breaks, which the builder turns into spaces), the content from the body.
    // (Cut at 64 UTF-16 units without splitting a surrogate pair: a lone half is no name a
    // user's file can have, and UTF-8 cannot carry it.)
    QString name = QString::fromUtf8(contentType).left(64);
    if (!name.isEmpty() && name.back().isHighSurrogate())
        name.chop(1);
    MultipartBuilder builder;
    builder.addField(QStringLiteral("files[0].path"), name.toUtf8());
    builder.addFile(QStringLiteral("files[0].file"), name, body);
    builder.addDownloadPart(QStringLiteral("file"), name, body, "application/octet-stream");
    QList<MultipartPart> back;
    if (body.contains(QByteArray("--" + builder.boundary())))
        return 0; // content that holds the (random) boundary cannot be framed
    FUZZ_CHECK(MultipartParser::parse(
        builder.finish(), MultipartParser::boundaryFrom(builder.contentType()), &back, &error));
    FUZZ_CHECK(back.size() == 3);
    FUZZ_CHECK(back.at(0).body == name.toUtf8());
    QString expectedName = name;
    expectedName.replace(QLatin1Char('\r'), QLatin1Char(' '))
        .replace(QLatin1Char('\n'), QLatin1Char(' '));
    FUZZ_CHECK(back.at(1).filename == expectedName);
    FUZZ_CHECK(back.at(1).body == body);
    FUZZ_CHECK(back.at(2).filename == name);
    FUZZ_CHECK(back.at(2).body == body);
    return 0;
}
