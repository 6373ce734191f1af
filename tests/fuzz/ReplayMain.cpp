// Runs a fuzz target's LLVMFuzzerTestOneInput over every file of the given files and folders,
// with the normal compiler and no libFuzzer, so the corpus and the saved crash inputs are
// replayed as an ordinary test in every build. Exits non-zero when a folder is empty.
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    int files = 0;
    for (int i = 1; i < argc; ++i) {
        const QString path = QFile::decodeName(argv[i]);
        QStringList inputs;
        if (QFileInfo(path).isDir()) {
            QDirIterator it(path, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext())
                inputs << it.next();
        } else {
            inputs << path;
        }
        inputs.sort();
        for (const QString &input : inputs) {
            if (QFileInfo(input).fileName() == QLatin1String(".keep"))
                continue;
            QFile f(input);
            if (!f.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "cannot read %s\n", qPrintable(input));
                return 2;
            }
            const QByteArray bytes = f.readAll();
            std::printf("replay %s (%lld bytes)\n", qPrintable(input), qlonglong(bytes.size()));
            std::fflush(stdout);
            LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.constData()),
                                   size_t(bytes.size()));
            ++files;
        }
    }
    std::printf("%d inputs replayed without a failure\n", files);
    return files > 0 ? 0 : 1;
}
