#include "DataCommands.h"

#include "agent/ThreadExport.h"
#include "root/AppContext.h"
#include "sandbox/SandboxBackend.h"
#include "sandbox/SandboxLister.h"
#include "services/CostService.h"
#include "services/SandboxService.h"
#include "services/ThreadService.h"

#include <QFile>
#include <QHash>
#include <QLocale>
#include <QSaveFile>

namespace {

void later(QObject *object, std::function<void()> work)
{
    QMetaObject::invokeMethod(object, std::move(work), Qt::QueuedConnection);
}

} // namespace

// --- threads -------------------------------------------------------------------------------

ThreadsCommand::ThreadsCommand(AppContext &context, QTextStream &out, QTextStream &err,
                               QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_out(out)
    , m_err(err)
{
}

QString ThreadsCommand::helpText()
{
    return tr(
        "Usage: agent-studio threads list [--all | --archived]\n"
        "       agent-studio threads show ID\n"
        "       agent-studio threads export ID [--format md|json] [--output FILE]\n"
        "       agent-studio threads rm ID\n"
        "       agent-studio threads budget ID [USD | none]\n"
        "\n"
        "list prints one thread a line: id, last change, model, cost, title. show prints the\n"
        "thread's cost, context use and budget, then the conversation as Markdown. export\n"
        "writes Markdown (default) or JSON with runs, steps and tool calls, to FILE or standard\n"
        "output. Keys are never exported. budget prints or sets the thread's budget in US\n"
        "dollars: a run stops once the thread has cost that much (none removes it).\n"
        "Costs are at the prices of Settings > Prices (list prices, or your own); \"no price\"\n"
        "means the model has none.\n");
}

void ThreadsCommand::start(const QStringList &arguments)
{
    const int code = run(arguments);
    m_out.flush();
    m_err.flush();
    later(this, [this, code] { emit finished(code); });
}

int ThreadsCommand::run(const QStringList &arguments)
{
    const auto fail = [this](const QString &message, int code = 1) {
        m_err << "agent-studio: " << message << '\n';
        return code;
    };
    const QString verb = arguments.value(0);
    if (verb.isEmpty() || verb == QLatin1String("--help") || verb == QLatin1String("-h")) {
        m_out << helpText();
        return verb.isEmpty() ? 2 : 0;
    }
    if (verb == QLatin1String("list")) {
        ThreadFilter filter = ThreadFilter::Active;
        if (arguments.contains(QLatin1String("--all")))
            filter = ThreadFilter::All;
        else if (arguments.contains(QLatin1String("--archived")))
            filter = ThreadFilter::Archived;
        const auto threads = m_context.threads().threads(filter);
        if (!threads)
            return fail(threads.error());
        for (const ThreadRecord &t : *threads)
            m_out << t.id << '\t'
                  << t.updatedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) << '\t'
                  << t.model << '\t' << costText(m_context.costs().threadCost(t.id)) << '\t'
                  << (t.pinned ? QStringLiteral("* ") : QString()) << t.title << '\n';
        return 0;
    }

    bool numeric = false;
    const qint64 id = arguments.value(1).toLongLong(&numeric);
    if (!numeric)
        return fail(QStringLiteral("threads %1 needs a thread id; see 'agent-studio threads list'")
                        .arg(verb),
                    2);
    ThreadExport::Data data;
    QString error;
    if (verb == QLatin1String("budget"))
        return budget(id, arguments.mid(2));
    if (verb == QLatin1String("rm")) {
        if (m_context.threads().thread(id).ok() == false)
            return fail(QStringLiteral("no thread %1; see 'agent-studio threads list'").arg(id));
        const StoreStatus removed = m_context.threads().remove(id);
        if (!removed)
            return fail(removed.error());
        m_out << "deleted thread " << id << '\n';
        return 0;
    }
    if (!ThreadExport::load(m_context.threads(), m_context.history(), id, &data, &error))
        return fail(QStringLiteral("no thread %1 (%2); see 'agent-studio threads list'")
                        .arg(id)
                        .arg(error));
    if (verb == QLatin1String("show")) {
        m_out << costSummary(id) << '\n' << ThreadExport::toMarkdown(data, m_context.redactor());
        return 0;
    }
    if (verb == QLatin1String("export")) {
        QString format = QStringLiteral("md");
        QString output;
        for (qsizetype i = 2; i < arguments.size(); ++i) {
            if (arguments.at(i) == QLatin1String("--format") && i + 1 < arguments.size())
                format = arguments.at(++i);
            else if (arguments.at(i) == QLatin1String("--output") && i + 1 < arguments.size())
                output = arguments.at(++i);
            else
                return fail(QStringLiteral("unknown argument %1; see 'agent-studio threads --help'")
                                .arg(arguments.at(i)),
                            2);
        }
        if (format != QLatin1String("md") && format != QLatin1String("json"))
            return fail(QStringLiteral("--format takes md or json"), 2);
        const QByteArray bytes = format == QLatin1String("json")
            ? ThreadExport::toJson(data, m_context.redactor())
            : ThreadExport::toMarkdown(data, m_context.redactor()).toUtf8();
        if (output.isEmpty()) {
            m_out << QString::fromUtf8(bytes);
            return 0;
        }
        QSaveFile file(output);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
            return fail(QStringLiteral("cannot write %1: %2").arg(output, file.errorString()));
        m_out << "exported thread " << id << " to " << output << '\n';
        return 0;
    }
    return fail(
        QStringLiteral("unknown threads command '%1'; see 'agent-studio threads --help'").arg(verb),
        2);
}

QString ThreadsCommand::costText(const ThreadCost &cost)
{
    if (cost.usage.isEmpty())
        return ModelPrices::formatUsd(0);
    if (!cost.priced && cost.usd == 0)
        return QStringLiteral("no price");
    // Some runs without a price: what is known, as a lower bound.
    return (cost.priced ? QString() : QStringLiteral(">=")) + ModelPrices::formatUsd(cost.usd);
}

QString ThreadsCommand::costSummary(RowId threadId) const
{
    const ThreadCost cost = m_context.costs().threadCost(threadId);
    const QLocale c = QLocale::c();
    QString text
        = QStringLiteral("Cost: %1 (%2 input tokens, %3 cached; %4 output tokens)\n")
              .arg(costText(cost), c.toString(cost.usage.inputTokens),
                   c.toString(cost.usage.cachedInputTokens), c.toString(cost.usage.outputTokens));
    if (cost.contextWindow > 0)
        text += QStringLiteral("Context: %1 of %2 tokens (%3%)\n")
                    .arg(c.toString(cost.contextTokens), c.toString(cost.contextWindow))
                    .arg(qRound(100.0 * double(cost.contextTokens) / double(cost.contextWindow)));
    else
        text += QStringLiteral("Context: %1 tokens (the model's context window is unknown)\n")
                    .arg(c.toString(cost.contextTokens));
    text += cost.budget ? QStringLiteral("Budget: %1\n").arg(ModelPrices::formatUsd(*cost.budget))
                        : QStringLiteral("Budget: none\n");
    return text;
}

int ThreadsCommand::budget(RowId threadId, const QStringList &arguments)
{
    if (!m_context.threads().thread(threadId)) {
        m_err << "agent-studio: no thread " << threadId << "; see 'agent-studio threads list'\n";
        return 1;
    }
    CostService &costs = m_context.costs();
    if (arguments.isEmpty()) {
        const auto current = costs.budget(threadId);
        m_out << (current ? ModelPrices::formatUsd(*current) : QStringLiteral("none")) << '\n';
        return 0;
    }
    QString text = arguments.first();
    if (text.startsWith(QLatin1Char('$')))
        text.remove(0, 1);
    bool ok = false;
    const double usd = text.toDouble(&ok);
    const bool none = arguments.first() == QLatin1String("none");
    if (!none && (!ok || usd <= 0)) {
        m_err << "agent-studio: the budget is an amount in US dollars such as 2.50, or none\n";
        return 2;
    }
    if (const StoreStatus set
        = costs.setBudget(threadId, none ? std::nullopt : std::optional<double>(usd));
        !set) {
        m_err << "agent-studio: " << set.error() << '\n';
        return 1;
    }
    m_out << (none ? QStringLiteral("thread %1 has no budget").arg(threadId)
                   : QStringLiteral("thread %1's budget is %2")
                         .arg(threadId)
                         .arg(ModelPrices::formatUsd(usd)))
          << '\n';
    return 0;
}

// --- sandboxes -----------------------------------------------------------------------------

SandboxesCommand::SandboxesCommand(AppContext &context, QTextStream &out, QTextStream &err,
                                   QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_out(out)
    , m_err(err)
{
}

QString SandboxesCommand::helpText()
{
    return tr(
        "Usage: agent-studio sandboxes list [--sandbox local|daytona]\n"
        "       agent-studio sandboxes rm ID... [--sandbox local|daytona]\n"
        "       agent-studio sandboxes rm --stopped [--sandbox local|daytona]\n"
        "\n"
        "list prints one sandbox a line: id, state, language, owning thread, name. rm deletes\n"
        "sandboxes with everything in them; --stopped deletes every stopped one.\n");
}

void SandboxesCommand::finish(int exitCode, const QString &error)
{
    if (!error.isEmpty())
        m_err << "agent-studio: " << error << '\n';
    m_out.flush();
    m_err.flush();
    later(this, [this, exitCode] { emit finished(exitCode); });
}

void SandboxesCommand::start(const QStringList &given)
{
    QStringList arguments = given;
    const qsizetype provider = arguments.indexOf(QLatin1String("--sandbox"));
    if (provider >= 0) {
        const QString name = arguments.value(provider + 1);
        if (name != QLatin1String("local") && name != QLatin1String("daytona")) {
            finish(2, QStringLiteral("--sandbox takes local or daytona"));
            return;
        }
        m_context.setSandboxProvider(name);
        arguments.remove(provider, 2);
    }
    const QString verb = arguments.value(0);
    if (verb.isEmpty() || verb == QLatin1String("--help") || verb == QLatin1String("-h")) {
        m_out << helpText();
        finish(verb.isEmpty() ? 2 : 0);
        return;
    }
    QString error;
    SandboxBackend *backend = m_context.sandboxBackend(&error);
    if (!backend) {
        finish(1, error);
        return;
    }
    m_provider = backend->defaultProvider();
    if (verb == QLatin1String("list")) {
        list();
    } else if (verb == QLatin1String("rm") && arguments.size() > 1) {
        remove(arguments.mid(1));
    } else {
        finish(2, QStringLiteral("unknown sandboxes command; see 'agent-studio sandboxes --help'"));
    }
}

void SandboxesCommand::listThen(std::function<void(const QList<SandboxEntry> &)> next)
{
    SandboxService &sandboxes = m_context.sandboxService();
    m_listed
        = connect(&sandboxes, &SandboxService::refreshed, this, [this, &sandboxes, next](bool ok) {
              disconnect(m_listed);
              if (!ok) {
                  finish(1, sandboxes.lastError());
                  return;
              }
              // The default provider's only: a terminal starts no other server.
              QList<SandboxEntry> entries;
              for (const SandboxEntry &entry : sandboxes.sandboxes()) {
                  if (entry.provider == m_provider)
                      entries.append(entry);
              }
              next(entries);
          });
    sandboxes.refresh();
}

void SandboxesCommand::list()
{
    listThen([this](const QList<SandboxEntry> &entries) {
        for (const SandboxEntry &entry : entries) {
            const Sandbox &sandbox = entry.sandbox;
            m_out << sandbox.id << '\t' << sandbox.state << '\t' << sandbox.language() << '\t'
                  << (entry.threadId ? QString::number(entry.threadId) : QStringLiteral("-"))
                  << '\t' << sandbox.name << '\n';
        }
        finish(0);
    });
}

void SandboxesCommand::remove(const QStringList &ids)
{
    if (ids == QStringList{QStringLiteral("--stopped")}) {
        listThen([this](const QList<SandboxEntry> &entries) {
            QStringList stopped;
            for (const SandboxEntry &entry : entries) {
                if (entry.sandbox.state == QLatin1String("stopped"))
                    stopped << entry.sandbox.id;
            }
            if (stopped.isEmpty()) {
                m_out << "no stopped sandboxes\n";
                finish(0);
                return;
            }
            removeEach(stopped);
        });
        return;
    }
    removeEach(ids);
}

void SandboxesCommand::removeEach(const QStringList &ids)
{
    // One at a time, through the service: a sandbox already gone (404) counts as deleted, and
    // the store forgets it either way.
    SandboxService &sandboxes = m_context.sandboxService();
    m_pending = ids;
    connect(&sandboxes, &SandboxService::operationFinished, this,
            [this](const QString &id, const QString &operation, const QString &error) {
                if (operation != QLatin1String("delete") || m_pending.value(0) != id)
                    return;
                m_pending.removeFirst();
                if (error.isEmpty()) {
                    m_out << "deleted sandbox " << id << '\n';
                } else {
                    m_err << "agent-studio: could not delete sandbox " << id << ": " << error
                          << '\n';
                    ++m_failures;
                }
                removeNext();
            });
    removeNext();
}

void SandboxesCommand::removeNext()
{
    if (m_pending.isEmpty()) {
        finish(m_failures ? 1 : 0);
        return;
    }
    m_context.sandboxService().deleteSandbox(m_pending.first(), m_provider);
}
