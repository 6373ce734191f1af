// Accessibility and scale (issue 18): walks every interactive widget of the main window and of
// every dialog (settings pages, approval, rewind, sandbox lifecycle, delete thread, rule editor,
// about, shortcuts, the first-run wizard's pages) and fails naming each one a screen reader
// would announce without a name (QAccessible's Name, as Orca reads it; a button's text counts,
// a combo box or line edit may be named by its buddy label). List items are checked for text
// too. layoutFits checks that no visible button is squeezed below its size hint or overlaps a
// sibling; ctest also runs it with QT_SCALE_FACTOR=2 (200% scale).
#include "WindowTestSupport.h"
#include "agent/ToolCatalog.h"
#include "approval/ApprovalCenter.h"
#include "approval/ApprovalDialog.h"
#include "approval/ApprovalInbox.h"
#include "changes/RewindDialog.h"
#include "chat/EmptyThreadView.h"
#include "main/AboutDialog.h"
#include "main/ShortcutsDialog.h"
#include "sandboxes/SandboxFileBrowser.h"
#include "sandboxes/SandboxLifecycleDialog.h"
#include "services/CheckpointService.h"
#include "services/ThreadService.h"
#include "settings/FirstRunWizard.h"
#include "settings/RuleEditDialog.h"
#include "settings/SettingsDialog.h"
#include "threads/DeleteThreadDialog.h"

#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QAccessibleInterface>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QStackedLayout>
#include <QTabBar>
#include <QTabWidget>
#include <QTextEdit>
#include <QToolBar>
#include <QToolButton>

namespace {

QString describe(const QWidget *w)
{
    QStringList path;
    for (const QWidget *p = w; p; p = p->parentWidget()) {
        if (!p->objectName().isEmpty())
            path.prepend(p->objectName());
        if (p->isWindow())
            break;
    }
    return QStringLiteral("%1 \"%2\" (%3)")
        .arg(QString::fromLatin1(w->metaObject()->className()),
             w->objectName().isEmpty() ? QStringLiteral("<no objectName>") : w->objectName(),
             path.join(QLatin1Char('/')));
}

// Shown, or on a page of a stack (a settings page, a tab) that the user can switch to.
bool reachable(const QWidget *w, const QWidget *top)
{
    for (const QWidget *p = w; p && p != top; p = p->parentWidget()) {
        if (!p->isHidden())
            continue;
        const QWidget *parent = p->parentWidget();
        if (!parent || !qobject_cast<QStackedLayout *>(parent->layout()))
            return false;
    }
    return true;
}

// Qt's own parts of a composite widget (a combo box's line edit, a spin box's, a tab bar's
// scroll buttons) are named through their owner.
bool isInternalPart(const QWidget *w)
{
    const QWidget *parent = w->parentWidget();
    // (A view's header and corner button: its columns are announced as column headers.)
    return qobject_cast<const QComboBox *>(parent) || qobject_cast<const QAbstractSpinBox *>(parent)
        || qobject_cast<const QAbstractItemView *>(parent) || w->inherits("QTableCornerButton")
        || qobject_cast<const QTabBar *>(parent) || qobject_cast<const QScrollBar *>(w)
        || w->inherits("QToolBarExtension") || w->inherits("QDockWidgetTitleButton")
        || w->inherits("QLineEditIconButton") || w->inherits("QWizardHeader");
}

bool isInteractive(const QWidget *w)
{
    if (const auto *edit = qobject_cast<const QTextEdit *>(w))
        return !edit->isReadOnly() || edit->textInteractionFlags() & Qt::TextSelectableByKeyboard;
    return qobject_cast<const QAbstractButton *>(w) || qobject_cast<const QLineEdit *>(w)
        || qobject_cast<const QComboBox *>(w) || qobject_cast<const QAbstractItemView *>(w)
        || qobject_cast<const QAbstractSpinBox *>(w) || qobject_cast<const QPlainTextEdit *>(w)
        || qobject_cast<const QTabBar *>(w);
}

QString accessibleName(QWidget *w)
{
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
    if (!iface)
        return QString();
    // On Linux a combo box's Name is its current text (a value, not a name): only an explicit
    // name or a label (buddy) names it.
    const bool valueAsName = qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w);
    QString name = valueAsName ? w->accessibleName() : iface->text(QAccessible::Name);
    if (name.trimmed().isEmpty()) {
        const auto labels = iface->relations(QAccessible::Label);
        for (const auto &relation : labels) {
            if (relation.first && !relation.first->text(QAccessible::Name).isEmpty())
                return relation.first->text(QAccessible::Name);
        }
    }
    return name.trimmed();
}

// Every interactive widget under top without a name, and every tab and list item without text.
QStringList unnamed(QWidget *top)
{
    QStringList problems;
    QList<QWidget *> widgets = top->findChildren<QWidget *>();
    widgets.prepend(top);
    int checked = 0;
    for (QWidget *w : std::as_const(widgets)) {
        if (!isInteractive(w) || isInternalPart(w) || !reachable(w, top))
            continue;
        ++checked;
        if (accessibleName(w).isEmpty())
            problems << describe(w);
        if (auto *tabs = qobject_cast<QTabBar *>(w)) {
            for (int i = 0; i < tabs->count(); ++i) {
                if (tabs->tabText(i).isEmpty() && tabs->accessibleTabName(i).isEmpty())
                    problems << QStringLiteral("tab %1 of %2").arg(i).arg(describe(w));
            }
        }
        if (auto *view = qobject_cast<QAbstractItemView *>(w); view && view->model()) {
            QAbstractItemModel *model = view->model();
            for (int row = 0; row < qMin(model->rowCount(view->rootIndex()), 50); ++row) {
                const QModelIndex index = model->index(row, 0, view->rootIndex());
                if (index.data(Qt::AccessibleTextRole).toString().isEmpty()
                    && index.data(Qt::DisplayRole).toString().isEmpty())
                    problems << QStringLiteral("item %1 of %2").arg(row).arg(describe(w));
            }
        }
    }
    // Menu and toolbar actions are read by their text.
    const QList<QAction *> actions = top->findChildren<QAction *>();
    for (QAction *action : actions) {
        if (action->isSeparator() || !action->isVisible())
            continue;
        const QList<QObject *> holders = action->associatedObjects();
        const bool shown = std::any_of(holders.cbegin(), holders.cend(), [](QObject *o) {
            return qobject_cast<QMenu *>(o) || qobject_cast<QToolBar *>(o);
        });
        if (!shown)
            continue;
        ++checked;
        if (action->text().remove(QLatin1Char('&')).trimmed().isEmpty())
            problems
                << QStringLiteral("QAction \"%1\" (%2)").arg(action->objectName(), describe(top));
    }
    qInfo().noquote() << "tried:" << checked << "interactive widgets of" << describe(top)
                      << "result:" << problems.size() << "without a name";
    return problems;
}

// Visible buttons squeezed below their size hint, or overlapping a sibling button.
QStringList clipped(QWidget *top)
{
    QStringList problems;
    QList<QAbstractButton *> buttons;
    const QList<QAbstractButton *> all = top->findChildren<QAbstractButton *>();
    for (QAbstractButton *b : all) {
        if (b->isVisibleTo(top) && !isInternalPart(b) && b->isVisible())
            buttons << b;
    }
    for (QAbstractButton *b : std::as_const(buttons)) {
        const QSize hint = b->sizeHint();
        if (b->width() < hint.width() || b->height() < hint.height())
            problems << QStringLiteral("%1 is %2x%3, needs %4x%5")
                            .arg(describe(b))
                            .arg(b->width())
                            .arg(b->height())
                            .arg(hint.width())
                            .arg(hint.height());
    }
    for (int i = 0; i < buttons.size(); ++i) {
        for (int j = i + 1; j < buttons.size(); ++j) {
            if (buttons[i]->parentWidget() != buttons[j]->parentWidget())
                continue;
            if (buttons[i]->geometry().intersects(buttons[j]->geometry()))
                problems << QStringLiteral("%1 overlaps %2")
                                .arg(describe(buttons[i]), describe(buttons[j]));
        }
    }
    qInfo().noquote() << "tried:" << buttons.size() << "visible buttons of" << describe(top)
                      << "at scale" << top->devicePixelRatioF() << "result:" << problems.size()
                      << "clipped or overlapping";
    return problems;
}

} // namespace

class TestAccessibility final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void namesOnEveryInteractiveWidget();
    void layoutFits();

private:
    // The window and each dialog, opened as the app opens them; `check` runs on each.
    void forEachWindow(const std::function<void(QWidget *)> &check);
    std::unique_ptr<WindowFixture> m_f;
};

void TestAccessibility::initTestCase()
{
    QAccessible::setActive(true);
    m_f = std::make_unique<WindowFixture>();
    QVERIFY(m_f->open(QStringLiteral("default")));
    m_f->window->resize(1280, 800);
    // A thread in the sidebar (its list items are checked).
    QVERIFY(m_f->context->threads().create(QStringLiteral("Reverse a string"),
                                           QStringLiteral("openai/gpt-4o-mini")));
}

void TestAccessibility::cleanupTestCase()
{
    m_f.reset();
}

void TestAccessibility::forEachWindow(const std::function<void(QWidget *)> &check)
{
    MainWindow *window = m_f->window.get();
    check(window);
    for (int tab = 0; tab < window->rightPanel()->count(); ++tab) {
        window->rightPanel()->setCurrentIndex(tab);
        check(window->rightPanel()->currentWidget());
    }

    const auto openDialog = [&check](QDialog *dialog) {
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        check(dialog);
        dialog->close();
    };
    window->showSettings();
    auto *settings = window->findChild<SettingsDialog *>();
    QVERIFY(settings);
    QVERIFY(QTest::qWaitForWindowExposed(settings));
    check(settings);
    // Each settings page in turn, as shown (the layout check sees only what is shown).
    for (QTabWidget *tabs : settings->findChildren<QTabWidget *>()) {
        for (int tab = 0; tab < tabs->count(); ++tab) {
            tabs->setCurrentIndex(tab);
            check(tabs->currentWidget());
        }
    }
    settings->close();

    window->showKeySetup();
    auto *wizard = window->findChild<FirstRunWizard *>();
    QVERIFY(wizard);
    QVERIFY(QTest::qWaitForWindowExposed(wizard));
    check(wizard);
    const QList<int> pages = wizard->pageIds();
    for (const int id : pages)
        check(wizard->page(id));
    wizard->close();

    openDialog(new AboutDialog(m_f->context->paths(), window));
    openDialog(new ShortcutsDialog(window));
    auto *approval = new ApprovalDialog(m_f->context->tools(), window);
    ApprovalRequest request;
    request.toolName = QStringLiteral("runCommand");
    request.toolCallId = QStringLiteral("call_1");
    request.sandboxId = QStringLiteral("0b3c5a3e-0000-4000-8000-000000000001");
    request.arguments
        = QJsonObject{{QStringLiteral("sandboxId"), request.sandboxId},
                      {QStringLiteral("command"), QStringLiteral("python3 -m pytest")}};
    approval->showRequest(request, QStringLiteral("Reverse a string"));
    openDialog(approval);
    openDialog(new RewindDialog(m_f->context->checkpoints(), 1, RewindTarget::toStep(0), window));
    Sandbox sandbox;
    sandbox.id = QStringLiteral("0b3c5a3e-0000-4000-8000-000000000001");
    sandbox.name = QStringLiteral("reverse-string");
    openDialog(new SandboxLifecycleDialog(m_f->context->sandboxService(), sandbox, window));
    openDialog(new SandboxFileBrowser(m_f->context->sandboxService(), sandbox, window));
    if (ApprovalCenter *center = window->approvals()) {
        center->showInbox();
        QVERIFY(center->inbox());
        QVERIFY(QTest::qWaitForWindowExposed(center->inbox()));
        check(center->inbox());
        center->inbox()->close();
    }
    openDialog(new DeleteThreadDialog(QStringLiteral("Reverse a string"), 1, window));
    QStringList toolNames;
    for (const ToolDefinition &tool : m_f->context->tools().tools())
        toolNames << tool.name;
    openDialog(new RuleEditDialog(ApprovalRule(), toolNames, window));
}

void TestAccessibility::namesOnEveryInteractiveWidget()
{
    QStringList problems;
    forEachWindow([&problems](QWidget *top) { problems += unnamed(top); });
    problems.removeDuplicates();
    for (const QString &problem : std::as_const(problems))
        qWarning().noquote() << "no accessible name:" << problem;
    QVERIFY2(problems.isEmpty(),
             qPrintable(QStringLiteral("%1 interactive widgets have no accessible name:\n  %2")
                            .arg(problems.size())
                            .arg(problems.join(QStringLiteral("\n  ")))));
}

void TestAccessibility::layoutFits()
{
    QStringList problems;
    forEachWindow([&problems](QWidget *top) { problems += clipped(top); });
    problems.removeDuplicates();
    QVERIFY2(problems.isEmpty(),
             qPrintable(QStringLiteral("at scale factor %1:\n  %2")
                            .arg(QString::fromLatin1(qgetenv("QT_SCALE_FACTOR")))
                            .arg(problems.join(QStringLiteral("\n  ")))));
}

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
