#include "RunCommand.h"

#include "agent/AgentEngine.h"
#include "agent/ApprovalPolicy.h"
#include "core/Settings.h"
#include "llm/ModelRef.h"
#include "log/StepLog.h"
#include "root/AppContext.h"
#include "secrets/KeyResolver.h"
#include "services/ApprovalRules.h"
#include "services/RunHistory.h"
#include "services/ThreadService.h"

#include <QJsonDocument>
#include <QScopedValueRollback>
#include <QSocketNotifier>
#include <QTimer>

#include <unistd.h>

namespace {

// Makes invisible and direction-changing characters visible, so a person approving a call
// sees exactly what will run (security.md §2: hidden prompt injection).
QString visible(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char32_t c = text.at(i).unicode();
        const bool bidi = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
        const bool zeroWidth = (c >= 0x200B && c <= 0x200F) || c == 0xFEFF;
        const bool tag = text.at(i).isHighSurrogate() && i + 1 < text.size()
            && QChar::surrogateToUcs4(text.at(i), text.at(i + 1)) >= 0xE0000
            && QChar::surrogateToUcs4(text.at(i), text.at(i + 1)) <= 0xE007F;
        if (bidi || zeroWidth) {
            out += QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
        } else if (tag) {
            out += QStringLiteral("\\U%1").arg(QChar::surrogateToUcs4(text.at(i), text.at(i + 1)),
                                               8, 16, QLatin1Char('0'));
            ++i;
        } else {
            out += text.at(i);
        }
    }
    return out;
}

} // namespace

RunCommand::RunCommand(AppContext &context, QTextStream &out, QTextStream &err, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_out(out)
    , m_err(err)
{
}

RunCommand::~RunCommand()
{
    if (m_context.hasEngine() && m_context.engine().approver() == this)
        m_context.engine().setApprover(nullptr);
}

QString RunCommand::helpText()
{
    return tr(
        "Usage: agent-studio run [OPTIONS] PROMPT\n"
        "\n"
        "Runs the coding agent without a window and prints the step log: one JSON object per\n"
        "step on standard output (or a short form with --log-format pretty).\n"
        "\n"
        "Options:\n"
        "  --model PROVIDER/MODEL   e.g. openai/gpt-4o-mini (default: MODEL, then the setting)\n"
        "  --sandbox local|daytona  where code runs (default: the setting; automatic: Daytona\n"
        "                           when a Daytona key is in the keychain or DAYTONA_API_KEY\n"
        "                           is set, else local bubblewrap sandboxes)\n"
        "  --approve auto|ask|deny  tool calls that need approval: run them (auto), ask on the\n"
        "                           terminal (ask, the default on a terminal), or refuse them\n"
        "                           (deny, the default without a terminal)\n"
        "  --mode plan|ask|auto-edit|full\n"
        "                           the thread's approval mode (kept for the thread): plan runs\n"
        "                           only tools that read and ends with a plan to approve; ask\n"
        "                           asks before changes; auto-edit runs file edits and asks\n"
        "                           before commands; full runs everything a rule does not deny\n"
        "                           (default: the thread's mode, else the settings' default)\n"
        "  --approve-plan MODE      with --thread: run the thread's waiting plan in MODE\n"
        "                           (auto-edit, ask or full)\n"
        "  --reject-plan REASON     with --thread: reject the thread's waiting plan\n"
        "  --max-steps N            stop after N model steps (default 20)\n"
        "  --thread ID              continue this thread instead of starting a new one\n"
        "  --continue               with --thread: go on where its last run stopped (no PROMPT)\n"
        "  --log-format json|pretty the step log's form (default json)\n"
        "\n"
        "Exit status: 0 when the run finished; 1 when it failed; 2 for wrong arguments;\n"
        "3 when it stopped at the step limit; 130 when cancelled (Ctrl+C).\n");
}

bool RunCommand::parse(const QStringList &arguments, Options *options, QString *error)
{
    const auto fail = [error](const QString &message) {
        *error = message;
        return false;
    };
    QStringList prompt;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString arg = arguments.at(i);
        const auto value = [&](QString *target) {
            if (i + 1 >= arguments.size())
                return false;
            *target = arguments.at(++i);
            return true;
        };
        if (arg == QLatin1String("--model")) {
            if (!value(&options->model))
                return fail(
                    QStringLiteral("--model needs a value, e.g. --model openai/gpt-4o-mini"));
        } else if (arg == QLatin1String("--sandbox")) {
            if (!value(&options->sandbox)
                || (options->sandbox != QLatin1String("local")
                    && options->sandbox != QLatin1String("daytona")))
                return fail(QStringLiteral("--sandbox takes local or daytona"));
        } else if (arg == QLatin1String("--approve")) {
            if (!value(&options->approve)
                || !QStringList{QStringLiteral("auto"), QStringLiteral("ask"),
                                QStringLiteral("deny")}
                        .contains(options->approve))
                return fail(QStringLiteral("--approve takes auto, ask or deny"));
        } else if (arg == QLatin1String("--mode")) {
            if (!value(&options->mode) || !ApprovalModes::fromString(options->mode))
                return fail(QStringLiteral("--mode takes plan, ask, auto-edit or full"));
            options->mode = ApprovalModes::toString(*ApprovalModes::fromString(options->mode));
        } else if (arg == QLatin1String("--approve-plan")) {
            const auto mode = value(&options->approvePlan)
                ? ApprovalModes::fromString(options->approvePlan)
                : std::nullopt;
            if (!mode || *mode == ApprovalMode::Plan)
                return fail(QStringLiteral("--approve-plan takes auto-edit, ask or full"));
            options->approvePlan = ApprovalModes::toString(*mode);
        } else if (arg == QLatin1String("--reject-plan")) {
            if (!value(&options->rejectPlan))
                return fail(QStringLiteral("--reject-plan needs a reason"));
        } else if (arg == QLatin1String("--max-steps")) {
            QString text;
            bool ok = false;
            if (value(&text))
                options->maxSteps = text.toInt(&ok);
            if (!ok || options->maxSteps < 1 || options->maxSteps > 1000)
                return fail(QStringLiteral("--max-steps takes a number from 1 to 1000"));
        } else if (arg == QLatin1String("--thread")) {
            if (!value(&options->thread))
                return fail(
                    QStringLiteral("--thread needs a thread id (see 'agent-studio threads list')"));
        } else if (arg == QLatin1String("--continue")) {
            options->continueRun = true;
        } else if (arg == QLatin1String("--log-format")) {
            QString format;
            if (!value(&format)
                || (format != QLatin1String("json") && format != QLatin1String("pretty")))
                return fail(QStringLiteral("--log-format takes json or pretty"));
            options->pretty = format == QLatin1String("pretty");
        } else if (arg == QLatin1String("--")) {
            prompt += arguments.mid(i + 1);
            break;
        } else if (arg.startsWith(QLatin1String("--"))) {
            return fail(QStringLiteral("unknown option %1 for run; see 'agent-studio run --help'")
                            .arg(arg));
        } else {
            prompt << arg;
        }
    }
    options->prompt = prompt.join(QLatin1Char(' ')).trimmed();
    if (options->continueRun && options->thread.isEmpty())
        return fail(QStringLiteral("--continue needs --thread ID"));
    const bool planAnswer = !options->approvePlan.isEmpty() || !options->rejectPlan.isEmpty();
    if (planAnswer && options->thread.isEmpty())
        return fail(QStringLiteral("--approve-plan and --reject-plan need --thread ID"));
    if (planAnswer && (options->continueRun || !options->prompt.isEmpty()))
        return fail(QStringLiteral("--approve-plan and --reject-plan take no prompt and no "
                                   "--continue"));
    if (!options->approvePlan.isEmpty() && !options->rejectPlan.isEmpty())
        return fail(QStringLiteral("choose --approve-plan or --reject-plan"));
    if (!options->continueRun && !planAnswer && options->prompt.isEmpty())
        return fail(QStringLiteral("run needs a prompt, e.g. agent-studio run \"write a function "
                                   "that reverses a string, with unit tests, and run them\""));
    return true;
}

void RunCommand::start(const Options &options)
{
    m_options = options;
    if (m_options.approve.isEmpty())
        m_options.approve = isatty(m_inputFd) ? QStringLiteral("ask") : QStringLiteral("deny");
    if (!m_options.sandbox.isEmpty())
        m_context.setSandboxProvider(m_options.sandbox);

    QString model = m_options.model;
    if (model.isEmpty())
        model = m_context.keys().variable(QStringLiteral("MODEL")).value;
    if (model.isEmpty())
        model = m_context.settings().defaultModel();
    QString modelError;
    if (!ModelRef::parse(model, &modelError)) {
        finish(2, modelError);
        return;
    }

    QString error;
    AgentEngine *engine = m_context.agentEngine(&error);
    if (!engine) {
        finish(1, error);
        return;
    }
    m_context.approvalPolicy().setPreset(m_options.approve == QLatin1String("auto")
                                             ? ApprovalPolicy::Preset::NeverAsk
                                             : ApprovalPolicy::Preset::Default);
    engine->setApprover(this);
    connect(engine, &AgentEngine::runEvent, this, &RunCommand::onEvent);

    ThreadService &threads = m_context.threads();
    if (!m_options.thread.isEmpty()) {
        bool numeric = false;
        const qint64 id = m_options.thread.toLongLong(&numeric);
        if (!numeric || !threads.thread(id)) {
            finish(2,
                   QStringLiteral("no thread %1; see 'agent-studio threads list'")
                       .arg(m_options.thread));
            return;
        }
        m_threadId = id;
    } else {
        auto thread = threads.create(QStringLiteral("New thread"), model);
        if (!thread) {
            finish(1, thread.error());
            return;
        }
        m_threadId = thread->id;
    }

    if (!m_options.mode.isEmpty()) {
        const ApprovalMode mode = *ApprovalModes::fromString(m_options.mode);
        if (StoreStatus status = m_context.approvalRules().setMode(m_threadId, mode); !status) {
            finish(1, status.error());
            return;
        }
        m_err << "agent-studio: thread " << m_threadId << " is in " << m_options.mode
              << " mode: " << ApprovalModes::description(mode) << '\n';
        m_err.flush();
    }

    if (!m_options.rejectPlan.isEmpty() || !m_options.approvePlan.isEmpty()) {
        const auto plan = engine->pendingPlan(m_threadId);
        if (!plan) {
            finish(2, QStringLiteral("thread %1 has no plan waiting for approval").arg(m_threadId));
            return;
        }
        if (!m_options.rejectPlan.isEmpty()) {
            if (!engine->rejectPlan(plan->id, m_options.rejectPlan, &error)) {
                finish(1, error);
                return;
            }
            m_err << "agent-studio: plan rejected; thread " << m_threadId << '\n';
            m_err.flush();
            finish(0);
            return;
        }
        if (!runPlan(plan->id, m_options.approvePlan, QString()))
            return;
        return;
    }

    RunOptions run;
    run.model = m_options.model.isEmpty() && !m_options.thread.isEmpty() ? QString() : model;
    run.maxSteps = m_options.maxSteps > 0 ? m_options.maxSteps : m_context.settings().maxSteps();
    const bool started = m_options.continueRun
        ? engine->continueRun(m_threadId, run, &error)
        : engine->send(m_threadId, m_options.prompt, run, &error);
    if (!started)
        finish(1, error);
}

void RunCommand::cancel()
{
    if (m_done)
        return;
    if (m_context.hasEngine() && m_context.engine().isRunning(m_threadId))
        m_context.engine().cancel(m_threadId);
    else
        finish(130, QStringLiteral("cancelled"));
}

void RunCommand::onEvent(const RunEvent &event)
{
    if (event.threadId != m_threadId || m_done)
        return;
    switch (event.type) {
    case RunEvent::Type::StepFinished:
        ++m_steps;
        if (m_options.pretty) {
            m_out << StepLog::prettyFromLine(event.stepLog, m_steps, event.durationMs);
            // The JSON line's fields are fixed (specs/agent-tools.md); the short form also
            // says which mode and rule decided each call.
            if (const auto calls = m_context.history().listToolCalls(event.runId); calls) {
                for (const ToolCallRecord &call : *calls) {
                    if (call.stepId != event.stepId || call.approvalMode.isEmpty())
                        continue;
                    m_out << "    " << call.name << " decided by mode " << call.approvalMode;
                    if (!call.approvalRule.isEmpty())
                        m_out << ", " << call.approvalRule;
                    m_out << '\n';
                }
            }
        } else
            m_out << QString::fromUtf8(event.stepLog);
        m_out.flush();
        break;
    case RunEvent::Type::RunFinished:
        if (event.stoppedAtBudget) {
            finish(3, event.text);
        } else if (event.stoppedAtLimit) {
            finish(3,
                   QStringLiteral("stopped at the step limit; go on with: agent-studio run "
                                  "--thread %1 --continue")
                       .arg(m_threadId));
        } else if (event.planId != 0) {
            m_err << "agent-studio: plan-mode run finished in " << m_steps
                  << " step(s) with a plan; thread " << m_threadId << '\n';
            m_err.flush();
            askAboutPlan(event.planId, event.text);
        } else {
            m_err << "agent-studio: run finished in " << m_steps << " step(s); thread "
                  << m_threadId << '\n';
            m_err.flush();
            m_runFinished = true;
            // The engine names a new thread right after its first run; wait for that (a
            // little), so the thread is found by its title afterwards.
            QMetaObject::invokeMethod(
                this,
                [this] {
                    if (m_context.engine().isNamingThread(m_threadId))
                        QTimer::singleShot(20000, this, [this] { finish(0); });
                    else
                        finish(0);
                },
                Qt::QueuedConnection);
        }
        break;
    case RunEvent::Type::SandboxNotice:
        m_err << "agent-studio: " << event.text << '\n';
        m_err.flush();
        break;
    case RunEvent::Type::ThreadTitleChanged:
        if (m_runFinished)
            finish(0);
        break;
    case RunEvent::Type::ApprovalResolved: {
        if (m_answering)
            break; // our own answer: onInputLine moves on
        // Decided elsewhere (a rule or mode change, the window): no longer asked here.
        const bool asking = !m_questions.isEmpty()
            && m_questions.first().toolCallRowId == event.toolCallRowId && m_prompt != Prompt::None;
        const auto before = m_questions.size();
        m_questions.removeIf(
            [&event](const ApprovalRequest &r) { return r.toolCallRowId == event.toolCallRowId; });
        if (before != m_questions.size() && event.decision == ApprovalDecision::Auto) {
            m_err << "\nagent-studio: " << event.toolName << " no longer waits: " << event.text
                  << '\n';
            m_err.flush();
        }
        if (asking) {
            m_prompt = Prompt::None;
            askNext();
        }
        break;
    }
    case RunEvent::Type::RunFailed:
        finish(1, event.error.section(QLatin1Char('\n'), 0, 0));
        break;
    case RunEvent::Type::RunCancelled:
        finish(130, QStringLiteral("cancelled"));
        break;
    default:
        break;
    }
}

void RunCommand::approvalRequested(const ApprovalRequest &request)
{
    if (request.threadId != m_threadId)
        return;
    if (m_options.approve != QLatin1String("ask")) {
        QString ignored;
        m_context.engine().resolveApproval(
            request.toolCallRowId,
            ApprovalAnswer::deny(
                QStringLiteral("refused without asking (agent-studio run --approve deny)")),
            &ignored);
        return;
    }
    m_questions.append(request);
    // Asked on the next turn, once every call of the step has been announced, so that the
    // prompt counts them all.
    if (m_prompt == Prompt::None && !m_askQueued) {
        m_askQueued = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_askQueued = false;
                if (m_prompt == Prompt::None && !m_done)
                    askNext();
            },
            Qt::QueuedConnection);
    }
}

void RunCommand::askNext()
{
    if (m_questions.isEmpty()) {
        m_prompt = Prompt::None;
        return;
    }
    const ApprovalRequest &request = m_questions.first();
    m_err << "\n" << describe(request);
    m_err << "Approve? [y]es, [n]o, [e]dit arguments, [r] yes and " << request.proposal.summary
          << " in this thread, [R] the same everywhere, [a]lways allow every " << request.toolName
          << " call in this thread";
    if (m_questions.size() > 1)
        m_err << ", [b] yes to all " << m_questions.size() << " waiting";
    m_err << " > ";
    m_err.flush();
    m_prompt = Prompt::Decision;
    if (!m_input) {
        m_input = new QSocketNotifier(m_inputFd, QSocketNotifier::Read, this);
        connect(m_input, &QSocketNotifier::activated, this, &RunCommand::readInput);
    }
    m_input->setEnabled(true);
}

QString RunCommand::describe(const ApprovalRequest &request) const
{
    const QString args
        = QString::fromUtf8(QJsonDocument(request.arguments).toJson(QJsonDocument::Indented));
    QString text = request.toolName + QStringLiteral(" wants to run");
    if (!request.sandboxId.isEmpty())
        text += QStringLiteral(" in sandbox ") + request.sandboxId;
    text += QStringLiteral(":\n");
    for (const QString &effect : request.effects)
        text += QStringLiteral("  it will %1\n").arg(visible(effect));
    if (!request.verdict.reason.isEmpty())
        text += QStringLiteral("  it asks because %1 (mode %2)\n")
                    .arg(visible(request.verdict.reason),
                         ApprovalModes::toString(request.verdict.mode));
    // Not redactText: "[REDACTED]" would hide what runs. Only the app's own keys are masked,
    // by a marker naming whose key it is.
    text += visible(m_context.redactor().namedSecrets(args));
    return text;
}

void RunCommand::readInput()
{
    char buffer[4096];
    const ssize_t n = ::read(m_inputFd, buffer, sizeof buffer);
    if (n <= 0) {
        // Standard input closed: nobody can answer, so every waiting call is refused (and a
        // plan waits for a later answer).
        m_input->setEnabled(false);
        if (m_prompt == Prompt::Plan || m_prompt == Prompt::PlanEdit
            || m_prompt == Prompt::PlanReject) {
            m_prompt = Prompt::None;
            finish(0, QStringLiteral("no answer (standard input closed); the plan waits"));
            return;
        }
        const QScopedValueRollback answering(m_answering, true);
        const QList<ApprovalRequest> waiting = m_questions;
        m_questions.clear();
        m_prompt = Prompt::None;
        QString ignored;
        for (const ApprovalRequest &request : waiting)
            m_context.engine().resolveApproval(
                request.toolCallRowId,
                ApprovalAnswer::deny(QStringLiteral("no answer (standard input closed)")),
                &ignored);
        return;
    }
    m_inputBuffer.append(buffer, n);
    qsizetype newline;
    while ((newline = m_inputBuffer.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_inputBuffer.left(newline)).trimmed();
        m_inputBuffer.remove(0, newline + 1);
        onInputLine(line);
    }
}

void RunCommand::onInputLine(const QString &line)
{
    if (m_prompt == Prompt::Plan || m_prompt == Prompt::PlanEdit
        || m_prompt == Prompt::PlanReject) {
        onPlanLine(line);
        return;
    }
    if (m_questions.isEmpty())
        return;
    const ApprovalRequest request = m_questions.first();
    QString error;
    const auto answer = [&](const ApprovalAnswer &a) {
        m_answering = true;
        const bool resolved = m_context.engine().resolveApproval(request.toolCallRowId, a, &error);
        m_answering = false;
        if (!resolved) {
            m_err << "agent-studio: " << error << "; try again > ";
            m_err.flush();
            return;
        }
        m_questions.removeFirst();
        if (a.applyToBatch)
            m_questions.clear();
        askNext();
    };
    switch (m_prompt) {
    case Prompt::Decision: {
        const QString choice = line.toLower();
        if (choice == QLatin1String("y") || choice == QLatin1String("yes")) {
            answer(ApprovalAnswer::approve());
        } else if (choice == QLatin1String("r")) {
            ApprovalAnswer a = ApprovalAnswer::approve();
            a.addRule = line == QLatin1String("R") ? request.proposal.everywhere()
                                                   : request.proposal.rule;
            answer(a);
        } else if (choice == QLatin1String("a")) {
            ApprovalAnswer a = ApprovalAnswer::approve();
            a.alwaysAllowInThread = true;
            answer(a);
        } else if (choice == QLatin1String("b")) {
            // Every call "yes to all" covers is shown before anything is approved.
            m_err << "\n\"Yes to all\" would approve these " << m_questions.size() << " calls:\n";
            for (qsizetype i = 0; i < m_questions.size(); ++i)
                m_err << "\n" << (i + 1) << ". " << describe(m_questions.at(i));
            m_err << "\nApprove all " << m_questions.size()
                  << " calls shown above? [y]es, [n]o (back to one at a time) > ";
            m_err.flush();
            m_prompt = Prompt::Batch;
        } else if (choice == QLatin1String("n") || choice == QLatin1String("no")) {
            m_prompt = Prompt::Reason;
            m_err << "Reason for the agent (optional) > ";
            m_err.flush();
        } else if (choice == QLatin1String("e")) {
            m_prompt = Prompt::Edit;
            m_err << "New arguments as one line of JSON > ";
            m_err.flush();
        } else {
            m_err << "Answer y, n, e, r, R, a or b > ";
            m_err.flush();
        }
        break;
    }
    case Prompt::Reason:
        answer(ApprovalAnswer::deny(line));
        break;
    case Prompt::Edit: {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            m_err << "That is not a JSON object (" << parseError.errorString() << "); try again > ";
            m_err.flush();
            return;
        }
        ApprovalAnswer a = ApprovalAnswer::approve();
        a.editedArguments = doc.object();
        answer(a);
        break;
    }
    case Prompt::Batch: {
        const QString choice = line.toLower();
        if (choice == QLatin1String("y") || choice == QLatin1String("yes")) {
            // Exactly the calls listed, each by its own row; none that was not shown.
            const QList<ApprovalRequest> shown = m_questions;
            m_questions.clear();
            m_prompt = Prompt::None;
            const QScopedValueRollback answering(m_answering, true);
            for (const ApprovalRequest &each : shown) {
                if (!m_context.engine().resolveApproval(each.toolCallRowId,
                                                        ApprovalAnswer::approve(), &error)) {
                    m_err << "agent-studio: " << each.toolName << ": " << error << '\n';
                    m_err.flush();
                }
            }
            askNext();
        } else if (choice == QLatin1String("n") || choice == QLatin1String("no")) {
            askNext();
        } else {
            m_err << "Answer y or n > ";
            m_err.flush();
        }
        break;
    }
    case Prompt::Plan:
    case Prompt::PlanEdit:
    case Prompt::PlanReject:
    case Prompt::None:
        break;
    }
}

bool RunCommand::runPlan(RowId planId, const QString &mode, const QString &text)
{
    RunOptions run;
    run.model = m_options.model;
    run.maxSteps = m_options.maxSteps > 0 ? m_options.maxSteps : m_context.settings().maxSteps();
    QString error;
    if (!m_context.engine().approvePlan(planId, *ApprovalModes::fromString(mode), text, run,
                                        &error)) {
        finish(1, error);
        return false;
    }
    m_err << "agent-studio: running the plan in " << mode << " mode; thread " << m_threadId << '\n';
    m_err.flush();
    m_steps = 0;
    return true;
}

void RunCommand::askAboutPlan(RowId planId, const QString &text)
{
    m_planId = planId;
    m_planText = text;
    if (m_options.approve != QLatin1String("ask")) {
        // Nobody to ask: the plan waits for the window or a later command.
        m_err << "agent-studio: the plan waits for approval; run it with: agent-studio run "
                 "--thread "
              << m_threadId << " --approve-plan auto-edit|ask|full\n";
        m_err.flush();
        finish(0);
        return;
    }
    m_err << "\nThe agent's plan:\n"
          << visible(text) << "\n\nRun this plan? [1] in Auto-edit, "
          << "[2] in Ask, [3] in Full, [e]dit it first, [r]eject it, [l]eave it waiting > ";
    m_err.flush();
    m_prompt = Prompt::Plan;
    if (!m_input) {
        m_input = new QSocketNotifier(m_inputFd, QSocketNotifier::Read, this);
        connect(m_input, &QSocketNotifier::activated, this, &RunCommand::readInput);
    }
    m_input->setEnabled(true);
}

void RunCommand::onPlanLine(const QString &line)
{
    const auto modeFor = [](const QString &choice) {
        if (choice == QLatin1String("1"))
            return QStringLiteral("auto-edit");
        if (choice == QLatin1String("2"))
            return QStringLiteral("ask");
        if (choice == QLatin1String("3"))
            return QStringLiteral("full");
        const auto mode = ApprovalModes::fromString(choice);
        return mode && *mode != ApprovalMode::Plan ? ApprovalModes::toString(*mode) : QString();
    };
    switch (m_prompt) {
    case Prompt::Plan: {
        const QString choice = line.trimmed().toLower();
        if (const QString mode = modeFor(choice); !mode.isEmpty()) {
            m_prompt = Prompt::None;
            runPlan(m_planId, mode, m_planText);
        } else if (choice == QLatin1String("e")) {
            m_planEdit.clear();
            m_prompt = Prompt::PlanEdit;
            m_err << "Type the plan; end with a line holding only a dot (.):\n";
            m_err.flush();
        } else if (choice == QLatin1String("r")) {
            m_prompt = Prompt::PlanReject;
            m_err << "Reason (optional) > ";
            m_err.flush();
        } else if (choice == QLatin1String("l")) {
            m_prompt = Prompt::None;
            finish(0,
                   QStringLiteral("the plan waits; run it later with --thread %1 "
                                  "--approve-plan MODE")
                       .arg(m_threadId));
        } else {
            m_err << "Answer 1, 2, 3, e, r or l > ";
            m_err.flush();
        }
        break;
    }
    case Prompt::PlanEdit:
        if (line.trimmed() == QLatin1String(".")) {
            m_planText = m_planEdit.join(QLatin1Char('\n'));
            m_prompt = Prompt::Plan;
            m_err << "Run the edited plan? [1] in Auto-edit, [2] in Ask, [3] in Full, [e]dit "
                     "again, [r]eject it, [l]eave it waiting > ";
            m_err.flush();
        } else {
            m_planEdit << line;
        }
        break;
    case Prompt::PlanReject: {
        m_prompt = Prompt::None;
        QString error;
        if (!m_context.engine().rejectPlan(m_planId, line, &error)) {
            finish(1, error);
            return;
        }
        finish(0, QStringLiteral("plan rejected"));
        break;
    }
    default:
        break;
    }
}

void RunCommand::finish(int exitCode, const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    if (m_input)
        m_input->setEnabled(false);
    if (!message.isEmpty()) {
        m_err << "agent-studio: " << message << '\n';
        m_err.flush();
    }
    m_out.flush();
    QMetaObject::invokeMethod(
        this, [this, exitCode] { emit finished(exitCode); }, Qt::QueuedConnection);
}
