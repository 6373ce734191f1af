<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Agent Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Agent Studio %1&lt;/h2&gt;&lt;p&gt;An LLM coding agent that plans, writes, runs and tests code in isolated sandboxes while you watch, inspect and approve every step.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;&lt;p&gt;Data: &lt;code&gt;%4&lt;/code&gt;&lt;br&gt;Settings: &lt;code&gt;%5&lt;/code&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApprovalArguments</name>
    <message>
        <source>Not valid JSON at line %1, column %2: %3. Fix it to approve, or deny the call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The arguments must be one JSON object ({ ... }). Fix it to approve, or deny the call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These arguments do not fit %1:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApprovalCenter</name>
    <message>
        <source>Thread %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <source>Approve a tool call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thread:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Arguments (exactly what will run; edit to change):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why not? The agent reads this (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter denies the call with this reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deny &amp;reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Deny</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decide &amp;Later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close this dialog; the call keeps waiting (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run this call (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A tool the app does not know.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none yet (this call does not name one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ The arguments contain invisible or direction-changing characters (%1). They are shown as \u escapes below; read them before approving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always allow %1 in this thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, call %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve A&amp;ll %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run every call of this step that is waiting (the edits here apply to this call)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n more waiting (%1)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>⚠ The call could not be answered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited: the changed arguments will run.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApprovalStatusButton</name>
    <message>
        <source>1 approval waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 approvals waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for your decision:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatPane</name>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the message (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent cannot start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the agent&apos;s run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the provider for its models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daytona cloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the agent creates its sandboxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;andbox:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the provider&apos;s models: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider listed no models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the thread: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent is still working on this thread; stop it or wait for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model is not valid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create a thread: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the thread&apos;s model: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Ask the agent to write, run and test code (Enter sends, Shift+Enter starts a new line)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationDelegate</name>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationModel</name>
    <message>
        <source>Stopped at the step limit; continue to let the agent go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run was interrupted when the app stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>preparing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeleteThreadDialog</name>
    <message>
        <source>Delete thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete thread “%1”?
Its messages, runs and tool calls are removed. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also delete its sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also delete its %1 sandboxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Otherwise they stay at their provider, without an owner, until you delete them from the sandbox list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>%1 in the .env file %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in the environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to Agent Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent needs a language model. Choose how to reach one; you can change this later in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste an API key (stored in the OS keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import keys from the environment or a .env file (none found)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import keys from the environment or a .env file (found: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a &amp;local server: Ollama or LM Studio on this computer (no key needed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste an API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key goes to the OS keychain, never to a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default &amp;model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These keys were found by name; their values are copied to the OS keychain and never shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a local server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Ollama or LM Studio with its OpenAI-compatible server, press Test and pick a model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ollama</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LM Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listing models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answers but offers no model. Download one first (for Ollama: ollama pull qwen2.5-coder), then press Test again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 model available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 models available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for keys…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No OS keychain is available, so nothing can be imported; these keys are read from where they are at every start.
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every key found is already in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the key first (from the provider&apos;s website).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storing the key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key was not stored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some keys were not imported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a model: press Test to list the models the server offers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InspectorPanel</name>
    <message>
        <source>Show Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the selected value in full (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as &amp;JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;Step-Log Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That tool call cannot be shown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the value of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1 as JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the step-log line of %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Agent Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Data Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search Threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Focus &amp;Composer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Agent Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandboxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Agent Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Thread…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Right Panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool-Call &amp;Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sandboxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry / Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next Thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous Thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;name Thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pin / Unpin Thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Thread…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh Sandboxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review Pending &amp;Approvals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the &amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>The model for this thread, as provider/model (e.g. openai/gpt-4o-mini)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown provider &quot;%1&quot;; pick one from the list.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProvidersPage</name>
    <message>
        <source>Paste a new key to store it in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: most local servers need no key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the key you are typing (a stored key is never shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this provider&apos;s key from the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required, e.g. http://localhost:8000/v1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the models this server offers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the models this key can use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the OS keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys you enter here are stored in the OS keychain (service &quot;%1&quot;), never in a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No OS keychain is available, so keys you enter are kept in memory for this session only and must be entered again after a restart (keys in the environment or a .env file still work).
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in the OS keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept in memory for this session only (no OS keychain).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the environment variable %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the .env file %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete the key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storing the key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key was not stored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listing models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 model available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 models available.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Agent Studio cannot start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunStatusBar</name>
    <message>
        <source>Tokens used by this thread&apos;s runs (input / output)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandboxes: local or Daytona</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandboxes: local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No thread selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run was stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run was interrupted; Continue picks it up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens: %1 in · %2 out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running with %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1: thinking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for your approval of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped at the step limit; Continue goes on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunTreeModel</name>
    <message>
        <source>first token after %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a step (or something in it) to copy its step-log line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This step is still running; its step-log line is written when it ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 · %2 · started %3
%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First token after %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 characters; press Enter to see the whole value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in · %2 out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input %1 (cached %2) · output %3 (reasoning %4) · total %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{1 field}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{%1 fields}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[1 item]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[%1 items]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… (%1 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proposed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outcome unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · auto-approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>completed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for your answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>approved automatically</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SandboxFileBrowser</name>
    <message>
        <source>Files of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder inside the sandbox, e.g. /home/daytona</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a file to see its content.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Download…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not find the sandbox&apos;s home folder (%1); showing /.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2; files above %3 are not shown here. Use Download to save it to this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too large to show here. Use Download to save it to this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a binary file (%2) and is not shown. Use Download to save it to this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save File From Sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not download %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save %1: %2. Choose another folder and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SandboxListModel</name>
    <message>
        <source>error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thread #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another operation on this sandbox is still running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleting…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SandboxManagerPanel</name>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the sandbox server for the list now (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clean &amp;Up Stopped…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete every stopped sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go to Thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Preview URL…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse Files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More actions for the selected sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the sandboxes: %1
Trying again in %2 s; press F5 to try now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading sandboxes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sandboxes yet — the agent creates one when it needs it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandboxes: %1 on the local sandbox server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandboxes: %1 on Daytona</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start sandbox %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not stop sandbox %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete sandbox %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Sandboxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their files are lost. A thread that used one creates a new one when it needs it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete sandbox %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete these %1 sandboxes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No stopped sandboxes to clean up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the stopped sandbox %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete all %1 stopped sandboxes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the sandbox ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1 sandbox IDs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This sandbox belongs to no thread of this app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Preview URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port of the server inside the sandbox:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking for the preview URL of port %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preview URL for port %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox server sent no usable preview URL for port %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1 in the browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No browser could open %1; copy it from here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appro&amp;vals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sandboxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Default model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written as provider/model, e.g. openai/gpt-4o-mini. Test a provider on the Providers page to add its models to this list. New threads start with this model; each thread can switch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps per &amp;run:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many model steps one run may take before it stops and offers to continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask before risky actions (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask before every action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tool calls:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading and writing files in the sandbox and creating sandboxes run at once. Running commands or code, deleting, and opening preview links wait for your approval. You can always allow a tool for one thread from the approval card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every tool call waits for your approval, even reading a file. Safest, and the slowest to work with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every tool call runs at once. The sandbox is then the only boundary: the agent can run any command in it and, if its network is on, reach the internet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (Daytona when DAYTONA_API_KEY is set, else local)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local (bubblewrap on this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daytona (cloud)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New sandboxes &amp;run on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local sandboxes may use the &amp;network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: commands in local sandboxes cannot reach the network (no package downloads, no web)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete a thread&apos;s sandboxes when the thread is deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop idle sandboxes &amp;after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox changes apply to sandboxes created from now on; the provider choice takes effect at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data &amp;folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads, messages and sandboxes&apos; state live here. To use another folder, start Agent Studio with --data-dir FOLDER. Settings are in %1; keys are never stored in either.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the panes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the message (composer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New line in the message (composer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift+Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename the selected thread (sidebar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected thread (sidebar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Del</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve (approval dialog)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the call pending (approval dialog)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThreadListModel</name>
    <message>
        <source>New thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Older</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Updated %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThreadSidebar</name>
    <message>
        <source>Search threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searches thread titles and message text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new thread could not be created: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The thread could not be deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The thread is deleted, but its sandboxes could not be: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox %1 is at provider “%2”, which this session does not use; delete it from the sandbox list once that provider is set up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox %1 could not be deleted: %2 It is still in the sandbox list; try again from there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON, everything (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The thread could not be exported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2. Choose another folder or file name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No threads match “%1”.
Search looks at titles and message text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No threads yet.
Start one with New.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ValueViewer</name>
    <message>
        <source>Find in value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the viewer (Escape)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No match</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
