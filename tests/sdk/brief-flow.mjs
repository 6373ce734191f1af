// The brief's flow driven by the official Daytona TypeScript SDK (only its public API) against
// whatever server DAYTONA_API_URL / DAYTONA_API_KEY name — in CI, a local agent-sandboxd.
// Proves issue 4: "any Daytona SDK pointed at agent-sandboxd can create a sandbox, upload files,
// run the brief's tests and delete it". Prints one line per step; exits 1 with the reason on
// the first failure.
//
// DAYTONA_SDK_PACKAGE picks which installed copy of the SDK to use (package.json pins the newest,
// `@daytonaio/sdk`, and the contract's reference version under the alias `daytona-sdk-0.190`).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const sdkPackage = process.env.DAYTONA_SDK_PACKAGE || '@daytonaio/sdk';
const { Daytona } = await import(sdkPackage);
const sdkVersion = JSON.parse(
    readFileSync(createRequire(import.meta.url).resolve(`${sdkPackage}/package.json`), 'utf8')).version;

const REVERSE = `def reverse_string(s):
    """Return s reversed."""
    return s[::-1]
`;

const TESTS = `import unittest

from reverse_string import reverse_string


class ReverseStringTest(unittest.TestCase):
    def test_word(self):
        self.assertEqual(reverse_string("hello"), "olleh")

    def test_empty(self):
        self.assertEqual(reverse_string(""), "")

    def test_palindrome(self):
        self.assertEqual(reverse_string("racecar"), "racecar")

    def test_unicode(self):
        self.assertEqual(reverse_string("ab\u00e9"), "\u00e9ba")


if __name__ == "__main__":
    unittest.main()
`;

const LABEL = `sdk-brief-${process.pid}`;
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

for (const name of ['DAYTONA_API_URL', 'DAYTONA_API_KEY']) {
    if (!process.env[name]) {
        console.error(`FAIL setup: ${name} is not set; start agent-sandboxd and export the values it prints`);
        process.exit(1);
    }
}

console.log(`Daytona TypeScript SDK ${sdkVersion} (${sdkPackage}) against ${process.env.DAYTONA_API_URL}`);
const daytona = new Daytona();
let sandbox = null;
try {
    begin('create a python sandbox');
    sandbox = await daytona.create({ language: 'python', labels: { suite: LABEL } }, { timeout: 120 });
    check(sandbox.id, 'the created sandbox has no id');
    check(sandbox.state === 'started', `the sandbox is "${sandbox.state}", expected "started"`);
    ok(`id ${sandbox.id}`);

    begin('the sandbox is listed and can be fetched by id');
    const listedIds = [];
    for await (const item of daytona.list({ labels: { suite: LABEL } })) listedIds.push(item.id);
    check(listedIds.includes(sandbox.id), `list({labels}) does not contain ${sandbox.id}: [${listedIds.join(', ')}]`);
    const fetched = await daytona.get(sandbox.id);
    check(fetched.id === sandbox.id && fetched.state === 'started',
          `get() returned ${fetched.id} in state "${fetched.state}"`);
    ok(`${listedIds.length} listed with label suite=${LABEL}`);

    begin('upload reverse_string.py and test_reverse_string.py');
    await sandbox.fs.uploadFiles([
        { source: Buffer.from(REVERSE), destination: 'reverse_string.py' },
        { source: Buffer.from(TESTS), destination: 'test_reverse_string.py' },
    ]);
    ok();

    begin('list files');
    const root = await sandbox.getWorkDir();
    const files = await sandbox.fs.listFiles(root);
    const names = files.map((f) => f.name);
    for (const wanted of ['reverse_string.py', 'test_reverse_string.py']) {
        check(names.includes(wanted), `${wanted} is not listed in ${root}: [${names.join(', ')}]`);
    }
    const listed = files.find((f) => f.name === 'reverse_string.py');
    check(!listed.isDir && listed.size === Buffer.byteLength(REVERSE),
          `reverse_string.py is listed with size ${listed.size}, expected ${Buffer.byteLength(REVERSE)}`);
    ok(`${root}: ${names.join(', ')}`);

    begin('download a file and compare');
    const downloaded = await sandbox.fs.downloadFile('test_reverse_string.py');
    check(Buffer.isBuffer(downloaded), 'downloadFile did not return a Buffer');
    check(downloaded.equals(Buffer.from(TESTS)),
          `the downloaded file differs from the upload (${downloaded.length} vs ${Buffer.byteLength(TESTS)} bytes)`);
    ok(`${downloaded.length} bytes`);

    begin('run python3 test_reverse_string.py');
    const run = await sandbox.process.executeCommand('python3 test_reverse_string.py', undefined, undefined, 60);
    const output = run.result ?? '';
    check(run.exitCode === 0, `exit code ${run.exitCode}, output:\n${output}`);
    check(output.includes('Ran 4 tests'), `no "Ran 4 tests" in the output:\n${output}`);
    check(/^OK\s*$/m.test(output), `no "OK" line in the output:\n${output}`);
    ok(JSON.stringify(output.trim().split('\n').slice(-3).join(' | ')));

    begin('a failing command reports its exit code');
    const failing = await sandbox.process.executeCommand('python3 -c "import sys; sys.exit(3)"');
    check(failing.exitCode === 3, `exit code ${failing.exitCode}, expected 3`);
    ok();

    begin('codeRun a python snippet');
    const code = await sandbox.process.codeRun('from reverse_string import reverse_string\nprint(reverse_string("sdk"))');
    check(code.exitCode === 0, `exit code ${code.exitCode}, output:\n${code.result}`);
    check((code.result ?? '').includes('kds'), `no "kds" in the output:\n${code.result}`);
    ok(JSON.stringify((code.result ?? '').trim()));

    begin('delete the sandbox');
    const id = sandbox.id;
    // wait=true: the SDK polls until the sandbox is destroyed (or no longer found).
    await sandbox.delete(60, true);
    sandbox = null;
    ok();

    begin('getting the deleted sandbox fails');
    let failure = null;
    try {
        const again = await daytona.get(id);
        failure = `get still returned the sandbox, in state "${again.state}"`;
    } catch (error) {
        ok(`${error.constructor?.name}: ${error.message}`);
    }
    check(failure === null, failure);

    console.log(`PASS the Daytona TypeScript SDK ${sdkVersion} ran the brief flow`);
    // No process.exit: agent-sandboxd answers the SDK's socket.io event stream, which the SDK
    // then unrefs, so node ends on its own; run-sdk-flow.sh checks that it does within 2 s.
    console.log(`LAST_CALL_AT=${Date.now()}`);
} catch (error) {
    console.error(`FAIL ${step}: ${error?.stack ?? error}`);
    if (sandbox) {
        try {
            await sandbox.delete(30);
        } catch (cleanupError) {
            console.error(`(cleanup: deleting ${sandbox.id} failed: ${cleanupError.message})`);
        }
    }
    process.exit(1);
}
