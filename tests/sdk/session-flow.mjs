// Sessions driven by the official Daytona TypeScript SDK (only its public API) against
// agent-sandboxd (issue 17): createSession, executeSessionCommand sync and async,
// getSessionCommand, getSessionCommandLogs whole and with callbacks (the WebSocket follow),
// sendSessionCommandInput, deleteSession killing a `sleep 1000`, and a page served by
// `python3 -m http.server` in a session fetched through getPreviewLink (and getSignedPreviewUrl
// where the SDK has it). Never calls process.exit on success: the script must end on its own (the SDK's event socket is
// answered and unref'd); it prints LAST_CALL_AT=<ms> after its last SDK call so that
// run-sdk-flow.sh can measure how long node lingers.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const sdkPackage = process.env.DAYTONA_SDK_PACKAGE || '@daytonaio/sdk';
const { Daytona } = await import(sdkPackage);
const sdkVersion = JSON.parse(
    readFileSync(createRequire(import.meta.url).resolve(`${sdkPackage}/package.json`), 'utf8')).version;

let step = '';
function begin(name) {
    step = name;
}
function ok(detail) {
    console.log(`ok   ${step}${detail ? ` (${detail})` : ''}`);
}
function check(condition, message) {
    if (!condition) throw new Error(message);
}
// Host processes whose command line is exactly these arguments (the sandboxes run on this host).
function hostProcesses(args) {
    const wanted = args.join('\0') + '\0';
    let n = 0;
    for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        try {
            if (readFileSync(`/proc/${entry}/cmdline`, 'latin1') === wanted) n++;
        } catch {
            // gone meanwhile
        }
    }
    return n;
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(what, probe, timeoutMs = 20000) {
    const start = Date.now();
    for (;;) {
        const value = await probe();
        if (value) return value;
        if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
        await sleep(50);
    }
}

console.log(`Daytona TypeScript SDK ${sdkVersion} (${sdkPackage}) sessions against ${process.env.DAYTONA_API_URL}`);
const daytona = new Daytona();
let sandbox = null;
let failed = false;
try {
    begin('create a sandbox');
    sandbox = await daytona.create({ language: 'python' }, { timeout: 120 });
    ok(sandbox.id);
    const proc = sandbox.process;

    begin('createSession; state persists between commands');
    await proc.createSession('dev');
    await proc.executeSessionCommand('dev', { command: 'mkdir -p app && cd app && export GREETING=hi' });
    const where = await proc.executeSessionCommand('dev', { command: 'pwd; echo $GREETING; echo warn >&2' });
    check(where.exitCode === 0, `exit code ${where.exitCode}`);
    check(where.stdout === '/home/daytona/app\nhi\n', `stdout ${JSON.stringify(where.stdout)}`);
    check(where.stderr === 'warn\n', `stderr ${JSON.stringify(where.stderr)}`);
    check(where.cmdId, 'no cmdId');
    ok(JSON.stringify(where.stdout));

    begin('a duplicate session is a conflict');
    let conflict = null;
    try {
        await proc.createSession('dev');
    } catch (e) {
        conflict = e;
    }
    check(conflict && conflict.statusCode === 409, `expected 409, got ${conflict && conflict.statusCode}`);
    ok();

    begin('executeSessionCommand runAsync + getSessionCommand');
    const started = await proc.executeSessionCommand('dev', {
        command: 'echo ready; read name; echo hello $name; echo bye >&2; sh -c "exit 4"',
        runAsync: true,
    });
    check(started.cmdId, 'async exec gave no cmdId');
    const running = await proc.getSessionCommand('dev', started.cmdId);
    check(running.exitCode === undefined || running.exitCode === null,
          `the command has an exit code while waiting for input: ${running.exitCode}`);
    ok(started.cmdId);

    begin('getSessionCommandLogs with callbacks (WebSocket follow) + sendSessionCommandInput');
    let out = '';
    let err = '';
    let inputSent = false;
    const followed = proc.getSessionCommandLogs('dev', started.cmdId,
        (chunk) => { out += chunk; },
        (chunk) => { err += chunk; });
    await until('"ready" on the followed stdout', () => out.includes('ready'));
    check(typeof proc.sendSessionCommandInput === 'function', 'this SDK has no sendSessionCommandInput');
    await proc.sendSessionCommandInput('dev', started.cmdId, 'sdk\n');
    inputSent = true;
    await followed; // resolves when the server closes the socket after the command ends
    check(inputSent && out === 'ready\nhello sdk\n', `followed stdout ${JSON.stringify(out)}`);
    check(err === 'bye\n', `followed stderr ${JSON.stringify(err)}`);
    ok(JSON.stringify(out));

    begin('status and whole logs after the end');
    const done = await until('the exit code', async () => {
        const c = await proc.getSessionCommand('dev', started.cmdId);
        return c.exitCode !== undefined && c.exitCode !== null ? c : null;
    });
    check(done.exitCode === 4, `exit code ${done.exitCode}`);
    const logs = await proc.getSessionCommandLogs('dev', started.cmdId);
    check(logs.stdout === 'ready\nhello sdk\n', `logs.stdout ${JSON.stringify(logs.stdout)}`);
    check(logs.stderr === 'bye\n', `logs.stderr ${JSON.stringify(logs.stderr)}`);
    const session = await proc.getSession('dev');
    check(session.commands.length === 3, `${session.commands.length} commands listed`);
    const sessions = await proc.listSessions();
    check(sessions.some((s) => s.sessionId === 'dev'), 'listSessions does not list dev');
    ok(`exit ${done.exitCode}`);

    begin('deleteSession kills a running sleep 1000');
    await proc.createSession('bg');
    const duration = `1000.${process.pid}`; // unique to this run: parallel tests also sleep
    await proc.executeSessionCommand('bg', { command: `sleep ${duration} & sleep ${duration}`, runAsync: true });
    await until('two sleeps to run on the host', () => hostProcesses(['sleep', duration]) === 2);
    const check1 = await proc.executeSessionCommand('dev', { command: 'true' });
    check(check1.exitCode === 0, 'the other session still works');
    await proc.deleteSession('bg');
    let gone = null;
    try {
        await proc.getSession('bg');
    } catch (e) {
        gone = e;
    }
    check(gone && gone.statusCode === 404, `the deleted session answers ${gone && gone.statusCode}`);
    await until('the sleeps to be killed', () => hostProcesses(['sleep', duration]) === 0);
    ok('no sleep left on the host');

    begin('a server started in a session is fetched through getPreviewLink (and a signed URL)');
    await proc.executeSessionCommand('dev', { command: 'mkdir -p "$HOME/site" && echo "preview via sdk" > "$HOME/site/index.html"' });
    await proc.createSession('web');
    const server = await proc.executeSessionCommand('web', {
        command: 'cd "$HOME/site" && python3 -u -m http.server 8000', runAsync: true });
    let serverLog = null;
    try {
        await until('the server to listen', async () => {
            serverLog = await proc.getSessionCommandLogs('web', server.cmdId);
            return /Serving HTTP/.test(serverLog.stdout || serverLog.output || '');
        });
    } catch (e) {
        throw new Error(`${e.message}; its log: ${JSON.stringify(serverLog)}; its status: ${
            JSON.stringify(await proc.getSessionCommand('web', server.cmdId))}`);
    }
    const link = await sandbox.getPreviewLink(8000);
    check(typeof link.url === 'string' && /^https?:\/\//.test(link.url), `url ${link.url}`);
    check(typeof link.token === 'string' && link.token.length > 0, 'no token');
    const refused = await fetch(link.url);
    check(refused.status === 401, `without the token: HTTP ${refused.status}`);
    const page = await fetch(link.url, { headers: { 'X-Daytona-Preview-Token': link.token } });
    const body = await page.text();
    check(page.status === 200 && body.includes('preview via sdk'), `with the token: HTTP ${page.status} ${body.slice(0, 80)}`);
    let signedDetail = 'no getSignedPreviewUrl in this SDK';
    if (typeof sandbox.getSignedPreviewUrl === 'function') {
        const signed = await sandbox.getSignedPreviewUrl(8000, 60);
        const signedPage = await fetch(signed.url);
        const signedBody = await signedPage.text();
        check(signedPage.status === 200 && signedBody.includes('preview via sdk'),
            `signed URL: HTTP ${signedPage.status}`);
        signedDetail = 'signed URL 200';
    }
    await proc.deleteSession('web');
    ok(`${link.url}: 401 without the token, 200 with it; ${signedDetail}`);

    begin('delete the sandbox');
    await sandbox.delete(60);
    sandbox = null;
    ok();
} catch (e) {
    failed = true;
    console.error(`FAIL ${step}: ${e && e.stack ? e.stack : e}`);
    if (sandbox) {
        try {
            await sandbox.delete(30);
        } catch {
            // the failure above is what matters
        }
    }
}
console.log(`LAST_CALL_AT=${Date.now()}`);
if (failed) process.exitCode = 1;
