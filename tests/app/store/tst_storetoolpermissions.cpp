// "Always allow this tool in this thread" in the store (schema 3): per thread, revocable, kept
// across a reopen of the file, deleted with its thread, and a clear error for a thread that
// does not exist.
#include "store/Store.h"

#include <QTemporaryDir>
#include <QTest>

class TestStoreToolPermissions final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void allowListRevokePerThread();
    void survivesReopening();
    void goesWithItsThread();
    void unknownThreadIsAClearError();

private:
    QString path() const { return m_dir->filePath(QStringLiteral("studio.sqlite3")); }
    RowId newThread(const QString &title);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
};

void TestStoreToolPermissions::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<Store>();
    const StoreStatus opened = m_store->open(path());
    QVERIFY2(opened, qPrintable(opened.error()));
}

void TestStoreToolPermissions::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

RowId TestStoreToolPermissions::newThread(const QString &title)
{
    auto thread = m_store->createThread(title, QStringLiteral("openai/gpt-4o-mini"));
    return thread ? thread->id : 0;
}

void TestStoreToolPermissions::allowListRevokePerThread()
{
    const RowId alpha = newThread(QStringLiteral("Alpha"));
    const RowId beta = newThread(QStringLiteral("Beta"));
    QCOMPARE(m_store->alwaysAllowedTools(alpha).value(), QSet<QString>());

    QVERIFY(m_store->setToolAlwaysAllowed(alpha, QStringLiteral("runCommand"), true));
    QVERIFY(m_store->setToolAlwaysAllowed(alpha, QStringLiteral("deleteFile"), true));
    // Twice is the same as once.
    QVERIFY(m_store->setToolAlwaysAllowed(alpha, QStringLiteral("runCommand"), true));
    QCOMPARE(m_store->alwaysAllowedTools(alpha).value(),
             (QSet<QString>{QStringLiteral("runCommand"), QStringLiteral("deleteFile")}));
    // Only in that thread.
    QCOMPARE(m_store->alwaysAllowedTools(beta).value(), QSet<QString>());

    QVERIFY(m_store->setToolAlwaysAllowed(alpha, QStringLiteral("runCommand"), false));
    QCOMPARE(m_store->alwaysAllowedTools(alpha).value(),
             QSet<QString>{QStringLiteral("deleteFile")});
    // Revoking what was never allowed is fine.
    QVERIFY(m_store->setToolAlwaysAllowed(beta, QStringLiteral("runCommand"), false));

    const StoreStatus empty = m_store->setToolAlwaysAllowed(alpha, QStringLiteral(" "), true);
    QVERIFY(!empty);
    QVERIFY(empty.error().contains(QLatin1String("No tool name")));
}

void TestStoreToolPermissions::survivesReopening()
{
    const RowId thread = newThread(QStringLiteral("Kept"));
    QVERIFY(m_store->setToolAlwaysAllowed(thread, QStringLiteral("runCode"), true));
    m_store.reset();
    m_store = std::make_unique<Store>();
    QVERIFY(m_store->open(path()));
    QCOMPARE(m_store->alwaysAllowedTools(thread).value(), QSet<QString>{QStringLiteral("runCode")});
}

void TestStoreToolPermissions::goesWithItsThread()
{
    const RowId kept = newThread(QStringLiteral("Kept"));
    const RowId gone = newThread(QStringLiteral("Gone"));
    QVERIFY(m_store->setToolAlwaysAllowed(kept, QStringLiteral("runCommand"), true));
    QVERIFY(m_store->setToolAlwaysAllowed(gone, QStringLiteral("runCommand"), true));
    QVERIFY(m_store->deleteThread(gone));
    QCOMPARE(m_store->alwaysAllowedTools(gone).value(), QSet<QString>());
    QCOMPARE(m_store->alwaysAllowedTools(kept).value(),
             QSet<QString>{QStringLiteral("runCommand")});
    // The next thread may get the deleted thread's id (SQLite reuses the highest rowid); it
    // starts with nothing allowed.
    const RowId next = newThread(QStringLiteral("Next"));
    QCOMPARE(m_store->alwaysAllowedTools(next).value(), QSet<QString>());
}

void TestStoreToolPermissions::unknownThreadIsAClearError()
{
    const StoreStatus status
        = m_store->setToolAlwaysAllowed(4242, QStringLiteral("runCommand"), true);
    QVERIFY(!status);
    QVERIFY2(status.error().contains(QLatin1String("There is no thread 4242")),
             qPrintable(status.error()));
    QCOMPARE(m_store->alwaysAllowedTools(4242).value(), QSet<QString>());
}

QTEST_GUILESS_MAIN(TestStoreToolPermissions)
#include "tst_storetoolpermissions.moc"
