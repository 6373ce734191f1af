<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
    <name>ApprovalCallView</name>
    <message>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>En&amp;vironment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working directory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes to the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New content of the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hanges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New co&amp;ntent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Command:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source># arguments: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (the default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your command timeout (Settings &gt; Sandboxes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (runs until it ends)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sandbox cannot be asked from here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading what is in the sandbox now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is larger than 1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is a binary file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a new file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exists and stays the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exists: the call replaces it (changes below).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: what is there now could not be read (%2); read the new content before approving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
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
        <translation>
            <numerusform>%n more waiting (%1)</numerusform>
            <numerusform>%n more waiting (%1)</numerusform>
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
    <message>
        <source>What the agent said before this call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit Arguments (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the call&apos;s arguments as JSON, exactly as they will run, to read or change them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this call asks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also add a &amp;rule: always allow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the rule allows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>* stands for any text (commands) or any name within a folder (paths); ** for any folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the rule applies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in this thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>everywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for denying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asks because of the mode %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asks because %1 (mode: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also add a &amp;rule: always allow %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This call will:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent said before this call:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve All also runs, exactly as shown:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rule cannot be added: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApprovalInbox</name>
    <message>
        <source>Waiting for your approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting tool calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter approves the selected calls, D denies them, Ctrl+A selects every call of a thread, Space opens one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why not? The agent reads this (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for denying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deny &amp;reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Deny Selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the call with everything it does (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Approve Selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The calls keep waiting (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing waits for your approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Approve %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Deny %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Deny</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be answered: %2 They no longer wait.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) waiting</source>
        <translation>
            <numerusform>%n call waiting</numerusform>
            <numerusform>%n calls waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 in %n thread(s)</source>
        <translation>
            <numerusform>%1 in %n thread</numerusform>
            <numerusform>%1 in %n threads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Approved %n call(s).</source>
        <translation>
            <numerusform>Approved %n call.</numerusform>
            <numerusform>Approved %n calls.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Denied %n call(s).</source>
        <translation>
            <numerusform>Denied %n call.</numerusform>
            <numerusform>Denied %n calls.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ApprovalInboxModel</name>
    <message>
        <source>%1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent said: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What it does</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApprovalModePicker</name>
    <message>
        <source>Approval mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What runs without asking in this thread (Ctrl+Shift+M switches)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not switch the mode: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApprovalModes</name>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only tools that read run (list, read, search, info); the agent proposes a plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>calls that change something ask first, unless a rule allows them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file edits run; commands ask unless a rule allows them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>everything runs inside the sandbox except what a rule denies</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApprovalNotifications</name>
    <message>
        <source>Show &amp;Waiting Approvals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Agent &amp;Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent Studio: nothing waits for your approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approval needed in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deny</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent stopped with an error in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent finished in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It reached the step limit; continue the thread to let it go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its run ended; open the thread to read the answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Agent Studio: %n approval(s) waiting</source>
        <translation>
            <numerusform>Agent Studio: %n approval waiting</numerusform>
            <numerusform>Agent Studio: %n approvals waiting</numerusform>
        </translation>
    </message>
    <message>
        <source>It reached the thread&apos;s budget; raise it, then continue the thread.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApprovalRules</name>
    <message>
        <source>The approval rules could not be read again: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>always allow `%1`</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>always allow %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>always allow %1 on `%2`</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApprovalRulesModel</name>
    <message>
        <source>everywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>thread %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(sandbox %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(disabled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>allow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deny</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exactly %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last matched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hits</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApprovalRulesPage</name>
    <message>
        <source>Default &amp;mode of new threads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approval rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rules (deny wins over allow; otherwise the most specific rule decides; what no rule covers follows the thread&apos;s mode):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;dd…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;isable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ena&amp;ble</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rule was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rule was not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rule was not deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApprovalStatusButton</name>
    <message>
        <source>%1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for your decision (click to see them all):
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n approval(s) waiting</source>
        <translation>
            <numerusform>%n approval waiting</numerusform>
            <numerusform>%n approvals waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AttachmentService</name>
    <message numerus="yes">
        <source>Not all files were attached: at most %n files go with one message. Attach a smaller folder, or pack it into an archive.</source>
        <translation>
            <numerusform>Not all files were attached: at most %n file goes with one message. Attach a smaller folder, or pack it into an archive.</numerusform>
            <numerusform>Not all files were attached: at most %n files go with one message. Attach a smaller folder, or pack it into an archive.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is an image, and the picked model does not take images. Pick a model that does (such as gpt-4o or Claude), or leave the image out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too large to attach (%2; at most %3 per file). Attach a smaller file, or pack it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not attached: the attachments would take more than %2 in all. Send them with separate messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read (no permission). Check its permissions and attach it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a link to nothing; it was not attached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not exist (any more); it was not attached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is neither a file nor a folder; it was not attached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 is empty; nothing was attached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n link(s) in %1 were not followed (they could lead outside the folder); copy what they point to into it if the agent needs it.</source>
        <translation>
            <numerusform>%n link in %1 was not followed (it could lead outside the folder); copy what it points to into it if the agent needs it.</numerusform>
            <numerusform>%n links in %1 were not followed (they could lead outside the folder); copy what they point to into it if the agent needs it.</numerusform>
        </translation>
    </message>
    <message>
        <source>the approval rules could not be read (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The thread&apos;s sandbox %1 could not be reached: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The thread&apos;s sandbox %1 could not be started again: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sandbox for the attachments could not be created: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attachments could not be uploaded into sandbox %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be read: %2. Attach it again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentTray</name>
    <message>
        <source>Attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attached:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1/ · %n file(s), %2</source>
        <translation>
            <numerusform>%1/ · %n file, %2</numerusform>
            <numerusform>%1/ · %n files, %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 from the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachment %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press to remove it from the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading… %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the sandbox…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BudgetDialog</name>
    <message>
        <source>Thread Budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the thread has cost this much, its run stops after the current step. Raise the budget and Continue to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Limit this thread&apos;s cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit this thread&apos;s cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budget in US dollars</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Budget:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This thread has cost %1 so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This thread has cost at least %1 so far (some of its models have no price).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The budget was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangedFilesModel</name>
    <message>
        <source>%1, %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangesCommand</name>
    <message>
        <source>Usage: agent-studio changes THREAD [--from STEP] [--to STEP] [--format stat|patch|json]
       agent-studio changes THREAD --last-run | --run RUN | --call TOOLCALL
       agent-studio changes THREAD --steps

What the agent changed in the thread&apos;s sandbox, from its checkpoints. Steps are
numbered across the thread&apos;s runs (1, 2, ...; 0 is the thread&apos;s beginning): --from
and --to pick the files as they were when those steps finished (default: from the
beginning to now). --steps lists the steps with the files each one changed.

  --format stat   one line per file: A/M/D/T, +lines -lines, path (default)
  --format patch  a patch that `git apply` accepts
  --format json   the files, their kinds and counts, as JSON

Works after the sandbox was deleted, as long as the storage cap kept its checkpoints
(otherwise the list of changed files is printed without a patch).
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangesPanel</name>
    <message>
        <source>Changes are not available: the agent cannot run here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Range of changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which change to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a file to see its diff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side &amp;by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the old and the new file next to each other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Hunk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the hunk at the cursor as a patch fragment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;vert File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revert this file to before the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the net change as a patch or the changed files as an archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rewind…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back to an earlier point: files, conversation or both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo Rewind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bring back the files as they were before the last rewind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next Hunk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous Hunk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;Hunk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as &amp;Patch…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Changed Files as &amp;Archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the run to end before reverting a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox was deleted: files cannot be reverted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No files changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the diff of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied hunk %1 of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a thread to see what its agent changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since the thread began</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Between two steps…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The thread&apos;s beginning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One tool call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the changes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox was deleted: these changes can be read and exported, not rewound.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The storage cap removed these checkpoints&apos; contents: files and counts only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no run to revert this file to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reverting %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undoing the rewind…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: %1 restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left as they are: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the Changes as a Patch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patches (*.patch *.diff)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the Changed Files as an Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tar archives (*.tar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1 to %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left out (too big): %1.</source>
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
    <message>
        <source>M&amp;ode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan could not be run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan could not be rejected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not set the thread&apos;s mode: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>📎 Attach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach files to the message; they are uploaded into the thread&apos;s sandbox when it is sent (Ctrl+U). Files and folders can also be dropped on the message box.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files cannot be attached here: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attachments are being uploaded; add more to the next message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is an image, and %2 does not take images. Pick a model that does, or remove the image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attachments were not uploaded: %1. Change the rule or the mode, or remove the attachments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload the Attachments?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) will be written into the thread&apos;s sandbox, under %1.</source>
        <translation>
            <numerusform>%n file will be written into the thread&apos;s sandbox, under %1.</numerusform>
            <numerusform>%n files will be written into the thread&apos;s sandbox, under %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Asked because %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Upload and Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>- … and %n more under `%1`</source>
        <translation>
            <numerusform>- … and %n more under `%1`</numerusform>
            <numerusform>- … and %n more under `%1`</numerusform>
        </translation>
    </message>
    <message>
        <source>Attached files (uploaded into sandbox `%1`):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the edited message (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message you edited is no longer the thread&apos;s last one; the edit was not sent. Edit the last message again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The thread could not be cut back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (edited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The thread could not be forked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer could not be removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the chosen model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckpointService</name>
    <message>
        <source>Message %1 is not a message you wrote in this thread.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This thread has no steps yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no step %1: this thread has steps 1 to %2 (0 is its beginning).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run is in progress in this thread; stop it (or wait for it to finish), then rewind.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The files of step %1 are no longer stored (the storage cap removed them), so they cannot be brought back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rewound to the thread&apos;s beginning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rewound to step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run is in progress in this thread; stop it (or wait for it to finish), then undo the rewind.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no rewind to undo: the files changed since the last rewind.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The files from before the rewind are no longer stored (the storage cap removed them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>undid the rewind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run is in progress in this thread; stop it (or wait for it to finish), then revert the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The files from before that run are no longer stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox %1 was deleted, so its files cannot be reverted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file inside the sandbox home to revert.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reverted %1 to before the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox %1 was deleted, so its files cannot be rewound. Its changes can still be viewed and exported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach sandbox %1 (%2). Start it from the sandbox list and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the current files before rewinding (%1); nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the files before: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rewind stopped halfway (%1). It is finished the next time Agent Studio starts; or try again now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file was restored, but its checkpoint could not be taken (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (rewound)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>forked from thread %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox %1 was deleted before its rewind could be finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A rewind of sandbox %1 could not be finished (%2); it is tried again at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sandbox server is set up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This thread has no checkpoints yet: the agent has not changed any files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool call %1 has no checkpoint: it changed no files, or its checkpoint could not be taken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 changed no files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No run of this thread changed files yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no checkpoint for that point of the thread.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The storage cap removed these checkpoints&apos; files; only the list of changed files is left, so no patch can be made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2. Choose another place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The storage cap removed these checkpoints&apos; files; only the list of changed files is left, so no archive can be made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox %1 no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the same files as checkpoint %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No checkpoint: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Checkpoints</name>
    <message>
        <source>named pipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>socket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>device file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>huge (%1), recorded by size only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed while the checkpoint was taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not be read</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Run the agent without a window on PROMPT and print the step log; see
                   &apos;run --help&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List, show, export (md/json) or delete threads; see &apos;threads --help&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List or delete sandboxes (rm ID..., rm --stopped); see &apos;sandboxes --help&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the agent changed in a thread&apos;s sandbox (stat, patch or json), between
                   any two steps; see &apos;changes --help&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewind a thread&apos;s files and/or conversation to a step, or undo a rewind;
                   see &apos;rewind --help&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the data, config, cache and log folders in use, then exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API keys in the OS keychain: keys list | set PROVIDER (key on stdin) |
                   delete PROVIDER | import [PROVIDER]. See &apos;keys --help&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: agent-studio [OPTIONS] [COMMAND [ARGS...]]

Agent Studio: an LLM coding agent that plans, writes, runs and tests code in isolated
sandboxes while you watch, inspect and approve every step. Without a command it opens
the desktop window.

Options (before the command):
  --data-dir DIR   Keep the database, settings, cache and logs under DIR instead of
                   the standard folders (for tests and portable use).
  --env-file PATH  Read API keys and settings from this .env file (default: .env in
                   the working directory, if there is one).
  --log            Also print the window&apos;s log to standard error (it always goes to
                   the log file in the data folder).
  -h, --help       Show this help and exit.
  -v, --version    Show the version and exit.

Commands:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Environment:
  OPENAI_API_KEY, ANTHROPIC_API_KEY, ...  API keys (the OS keychain is read first).
  MODEL                                   Default model, e.g. openai/gpt-4o-mini.
  DAYTONA_API_KEY, DAYTONA_API_URL        Use Daytona sandboxes instead of local ones.
  QT_LOGGING_RULES                        e.g. &quot;studio.*.debug=true&quot; for debug logs.
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Ask the agent to write, run and test code (Enter sends, Shift+Enter starts a new line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message to the agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line</source>
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
    <message>
        <source>Review changes ›</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open preview ↗</source>
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
    <message numerus="yes">
        <source>%n file(s) changed, +%1 −%2</source>
        <translation>
            <numerusform>%n file changed, +%1 −%2</numerusform>
            <numerusform>%n files changed, +%1 −%2</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped at the thread&apos;s budget; raise it (click the cost in the status bar), then continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assistant: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasoning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasoning, collapsed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool %1: %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, expanded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, collapsed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter or Space opens or closes the card, A shows all output, O opens a written file, I shows the call in the inspector.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter or Space shows or hides the reasoning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter reviews the changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter retries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter lets the agent continue.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <source>&amp;Rewind to Here…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back to before this message: files, conversation or both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrows move between messages and tool cards; Enter or Space opens a card, A shows all its output, O opens a file it wrote, I shows the call in the inspector.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files the call wrote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit and Resend…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change this message and send it again, in a fork of the thread or in place of it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry &amp;With</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this answer and ask another model the same</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy as Markdown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CostMeter</name>
    <message>
        <source>Thread cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What this thread&apos;s runs cost at the prices of Settings &gt; Prices: %1 input tokens (%2 from the cache) and %3 output tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some runs used a model without a price; set one in Settings &gt; Prices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budget: %1; click to change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No budget; click to set one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context: %1% of %2 – near the limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context: %1% of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last step used %1 of the %2 tokens of %3&apos;s context window (%4%).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Near the limit: the model may soon refuse the conversation. Start a new thread for the next task.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context: %1 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last step used %1 tokens; the context window of %2 is unknown (set it in Settings &gt; Prices).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CostService</name>
    <message>
        <source>no price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This thread reached its budget of %1 (it has cost %2). Raise or remove the budget (click the cost in the status bar, or run agent-studio threads budget %3 AMOUNT), then Continue.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DaytonaAccountCheck</name>
    <message numerus="yes">
        <source>Connected to %1: the key works (%n sandbox(es) in this account).</source>
        <translation>
            <numerusform>Connected to %1: the key works (%n sandbox in this account).</numerusform>
            <numerusform>Connected to %1: the key works (%n sandboxes in this account).</numerusform>
        </translation>
    </message>
    <message>
        <source>Connected to %1: the key works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daytona at %1 accepted the key but refused to list sandboxes (HTTP 403): give the key the sandbox permissions in the Daytona dashboard (Keys), or create a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daytona at %1 refused this API key (HTTP 401): copy the whole key again from the Daytona dashboard (Keys), or create a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not answer like the Daytona API (HTTP %2): check the API URL; Daytona&apos;s is https://app.daytona.io/api.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DaytonaAccountForm</name>
    <message>
        <source>Paste a key from the Daytona dashboard (Keys)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daytona API key</source>
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
        <source>&amp;Forget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the Daytona key from the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the key found in the environment or the .env file into the keychain, and its API URL and target into the settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: DAYTONA_API_URL from the environment or .env, else Daytona&apos;s own API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: the region, e.g. us or eu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ta&amp;rget:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask Daytona for one sandbox with this key and URL; nothing is saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key set: Daytona sandboxes cannot be used until you add one.</source>
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
        <source>From the environment variable %1 (not in the keychain).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the .env file %1 (%2; not in the keychain).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the API URL field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the .env file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking Daytona…</source>
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
        <source>Could not delete the key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key was not imported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported the key from %1 into the keychain.</source>
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
    <name>DiffRender</name>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an executable file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a symbolic link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a huge file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>modified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>binary, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>huge, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(type)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Was %1, now %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symbolic link: %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symbolic link to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symbolic link to %1 (removed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Huge file (not diffed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 added, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 deleted, was %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 → %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty file added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty file deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No line changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) changed, +%1 −%2</source>
        <translation>
            <numerusform>%n file changed, +%1 −%2</numerusform>
            <numerusform>%n files changed, +%1 −%2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiffView</name>
    <message>
        <source>Diff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Show %n more line(s)</source>
        <translation>
            <numerusform>Show %n more line</numerusform>
            <numerusform>Show %n more lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EmptyThreadView</name>
    <message>
        <source>New thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the agent can do, example prompts and what is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What should the agent build?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Describe a task and the agent works on it in a sandbox, step by step:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;writes and edits files, and runs commands, tests and scripts&lt;/li&gt;&lt;li&gt;starts servers you can open in a preview&lt;/li&gt;&lt;li&gt;asks before it runs anything your approval mode does not allow&lt;/li&gt;&lt;li&gt;shows every step in the Inspector and every changed file in Changes, and can rewind them&lt;/li&gt;&lt;/ul&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the agent can do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try an example:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send this example to the agent (Alt+%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example prompt %1 of %2: sends it to the agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before you start:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set Up a &amp;Key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an API key for a model provider, or use a local model server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set Up &amp;Daytona…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a Daytona API key for cloud sandboxes (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a function that reverses a string, with unit tests, and run them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a small Python web server with one page and start it so I can preview it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a script that counts the words in a text file and test it on a sample file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for the model&apos;s API key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: an API key for %1 is set (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: %1 needs no API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: no API key for %1, so the agent cannot answer. Set one up, or choose a local model server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local sandboxes: checking bubblewrap…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local sandboxes: bubblewrap works here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local sandboxes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daytona cloud sandboxes: configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daytona cloud sandboxes: not configured (optional; local sandboxes need none).</source>
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
    <message>
        <source>Sandboxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent runs code in sandboxes: on this computer, or in Daytona&apos;s cloud. You can change this later in Settings &gt; Daytona.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Local sandboxes on this computer (bubblewrap; no account needed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Daytona cloud sandboxes (needs a Daytona API key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste your Daytona API key (from the Daytona dashboard, Keys), or choose local sandboxes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storing the Daytona key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Daytona key was not stored; see above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) available.</source>
        <translation>
            <numerusform>%n model available.</numerusform>
            <numerusform>%n models available.</numerusform>
        </translation>
    </message>
    <message>
        <source>Keys found to import</source>
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
    <message>
        <source>&amp;Rewind to After This Step…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs, steps and tool calls</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeysCommand</name>
    <message>
        <source>Usage: agent-studio keys COMMAND

API keys live in the OS keychain (service &quot;agent-studio&quot;, one entry per provider).
The environment and the .env file (--env-file) are read after the keychain.

  list               Show each provider and where its key comes from (never the key).
  set PROVIDER       Read the key from stdin and store it in the keychain.
  delete PROVIDER    Delete the provider&apos;s key from the keychain.
  import [PROVIDER]  Copy keys found in the environment or .env file into the
                     keychain (all that are not there yet, or just PROVIDER).

Providers: %1
</source>
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
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;wind…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo Rewind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch Approval &amp;Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewound the conversation into a new thread; the original stays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewound: %1 restored. Undo Rewind in the Changes tab brings them back.</source>
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
    <name>PlanCard</name>
    <message>
        <source>The agent&apos;s plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;The agent&apos;s plan&lt;/b&gt; (Plan mode: nothing was changed). Run it, edit it first, or reject it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run in A&amp;uto-edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run in As&amp;k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run in F&amp;ull</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for rejecting the plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why not? The agent reads this (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewConnection</name>
    <message>
        <source>Request timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The browser sent no complete request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request&apos;s headers are too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is not valid HTTP/1.x.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview token required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This preview of a sandbox&apos;s port needs its token. Open the link Agent Studio gave (it carries ?%1=...), or send the header X-Daytona-Preview-Token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview token not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is wrong or has expired. Ask Agent Studio for a new preview link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox %1 is not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox %1 is stopped: start it (and the server in it), then reload this page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing listens on port %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing listens on port %1 in sandbox %2: start the server first (for example python3 -m http.server %1 in the sandbox), then reload this page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach port %1 in sandbox %2 (%3). Reload the page; if this persists, restart the sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PricesPage</name>
    <message>
        <source>Prices in US dollars per million tokens, and each model&apos;s context window. The list prices were taken on %1; set your own for custom and local models, or where a price changed. Servers on this computer (Ollama, LM Studio) cost nothing unless you set a price. A model without a price shows &quot;no price&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model prices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cached input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model to price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>M&amp;odel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input price per million tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Input per 1M tokens:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cached input price per million tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cached input per 1M tokens:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output price per million tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;utput per 1M tokens:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context window in tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context &amp;window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use &amp;This Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove My &amp;Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove my price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local: free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no price</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProcessOutputView</name>
    <message>
        <source>Background process output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Process state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the process and everything it started (Ctrl+Shift+X)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+X</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopping…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProcessService</name>
    <message>
        <source>Its session or sandbox is gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its output could no longer be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no background process %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not stop it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its sandbox was stopped or deleted.</source>
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
    <message numerus="yes">
        <source>%n model(s) available.</source>
        <translation>
            <numerusform>%n model available.</numerusform>
            <numerusform>%n models available.</numerusform>
        </translation>
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
    <name>ResendBar</name>
    <message>
        <source>Editing the last message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing your last message. When it is sent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep the original in its thread (fork)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the edited message in a new thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new thread with the conversation before this message gets the edited message; this thread stays as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Replace it here (truncate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the message and what followed in this thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message, the answer to it and everything after it are removed from this thread, and the edited message takes its place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop editing; the conversation stays as it is (Escape)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RewindCommand</name>
    <message>
        <source>Usage: agent-studio rewind THREAD --to STEP [--files | --conversation | --both]
                           [--dry-run]
       agent-studio rewind THREAD --undo

Takes the thread back to the point where step STEP finished (0: its beginning; see
&apos;agent-studio changes THREAD --steps&apos;):
  --files         the sandbox&apos;s files go back; the conversation stays (default)
  --conversation  a new thread is forked at that point (the original stays) and
                  gets the sandbox; the files stay as they are
  --both          both
  --dry-run       print what would change, change nothing
  --undo          undo the thread&apos;s last rewind (files)

The files as they were before a rewind are kept as a checkpoint, so a rewind can be
undone. Refused while a run is in progress in the thread, or when its sandbox was
deleted.
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RewindDialog</name>
    <message>
        <source>remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bring back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before your message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before your message “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The thread&apos;s beginning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, +%2 −%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Files only (the conversation stays)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Conversation only (a new thread from there; files stay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Both (a new thread, and the files go back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the rewind changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A rewind is itself a checkpoint: “Undo Rewind” in the Changes tab brings the files back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rewind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go back to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working out what would change…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The files are already as they were then: nothing to restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to how they were when the thread began (%1):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to how they were after step %1 (%2):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewinding…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>A new thread starts with the first %n message(s);</source>
        <translation>
            <numerusform>A new thread starts with the first message;</numerusform>
            <numerusform>A new thread starts with the first %n messages;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n later message(s) left out. The original thread stays as it is.</source>
        <translation>
            <numerusform>%n later message is left out. The original thread stays as it is.</numerusform>
            <numerusform>%n later messages are left out. The original thread stays as it is.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RuleEditDialog</name>
    <message>
        <source>Add an Approval Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit an Approval Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow (runs without asking)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deny (never runs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any call of the tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exactly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern (* and **)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>python3 -m pytest *   or   src/**/*.py</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only in the thread it was made in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tool:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Matches:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Command or path:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sand&amp;box:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;cope:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunCommand</name>
    <message>
        <source>Usage: agent-studio run [OPTIONS] PROMPT

Runs the coding agent without a window and prints the step log: one JSON object per
step on standard output (or a short form with --log-format pretty).

Options:
  --model PROVIDER/MODEL   e.g. openai/gpt-4o-mini (default: MODEL, then the setting)
  --sandbox local|daytona  where code runs (default: the setting; automatic: Daytona
                           when a Daytona key is in the keychain or DAYTONA_API_KEY
                           is set, else local bubblewrap sandboxes)
  --approve auto|ask|deny  tool calls that need approval: run them (auto), ask on the
                           terminal (ask, the default on a terminal), or refuse them
                           (deny, the default without a terminal)
  --mode plan|ask|auto-edit|full
                           the thread&apos;s approval mode (kept for the thread): plan runs
                           only tools that read and ends with a plan to approve; ask
                           asks before changes; auto-edit runs file edits and asks
                           before commands; full runs everything a rule does not deny
                           (default: the thread&apos;s mode, else the settings&apos; default)
  --approve-plan MODE      with --thread: run the thread&apos;s waiting plan in MODE
                           (auto-edit, ask or full)
  --reject-plan REASON     with --thread: reject the thread&apos;s waiting plan
  --max-steps N            stop after N model steps (default 20)
  --thread ID              continue this thread instead of starting a new one
  --continue               with --thread: go on where its last run stopped (no PROMPT)
  --log-format json|pretty the step log&apos;s form (default json)

Exit status: 0 when the run finished; 1 when it failed; 2 for wrong arguments;
3 when it stopped at the step limit; 130 when cancelled (Ctrl+C).
</source>
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
    <message>
        <source>Stopped at the thread&apos;s budget</source>
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
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (exit code %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mode %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rule: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n process(es)</source>
        <translation>
            <numerusform>%n process</numerusform>
            <numerusform>%n processes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{%n field(s)}</source>
        <translation>
            <numerusform>{%n field}</numerusform>
            <numerusform>{%n fields}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n item]</numerusform>
            <numerusform>[%n items]</numerusform>
        </translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SandboxDetailsPane</name>
    <message>
        <source>Sandbox details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a sandbox to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thread:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last active:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resources:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none of this app&apos;s threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (last change)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auto-stop: %1; auto-delete: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no variables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (values hidden)</source>
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
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File content</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SandboxHostCheck</name>
    <message>
        <source>Or use Daytona&apos;s cloud sandboxes instead (Settings &gt; Daytona, or DAYTONA_API_KEY).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bubblewrap (bwrap) is not installed, so the agent cannot create local sandboxes. Install it: sudo apt install bubblewrap (Fedora: sudo dnf install bubblewrap), then start Agent Studio again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bubblewrap cannot create sandboxes: unprivileged user namespaces are switched off (kernel.unprivileged_userns_clone = 0). Switch them on: sudo sysctl -w kernel.unprivileged_userns_clone=1, and keep it after a restart: echo kernel.unprivileged_userns_clone=1 | sudo tee /etc/sysctl.d/90-agent-studio.conf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bubblewrap cannot create sandboxes: user namespaces are switched off (user.max_user_namespaces = 0). Allow them: sudo sysctl -w user.max_user_namespaces=15000, and keep it after a restart: echo user.max_user_namespaces=15000 | sudo tee /etc/sysctl.d/90-agent-studio.conf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bubblewrap cannot create sandboxes: AppArmor restricts unprivileged user namespaces here (kernel.apparmor_restrict_unprivileged_userns = 1) and Agent Studio&apos;s AppArmor profile is not loaded. Load it: sudo apparmor_parser -r %1, then start Agent Studio again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bubblewrap cannot create sandboxes: AppArmor restricts unprivileged user namespaces here (kernel.apparmor_restrict_unprivileged_userns = 1). Install Agent Studio from its .deb package, which adds the AppArmor profile %1 that allows them for its sandboxes; built from source, copy build/packaging/apparmor/agent-studio there and load it: sudo apparmor_parser -r %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bubblewrap could not create a sandboxed process here (%1). Check that user namespaces are allowed for your user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SandboxLifecycleDialog</name>
    <message>
        <source>Lifecycle of %1</source>
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
        <source>Stop after idle minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete days after it stops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop when idle for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete when stopped for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle: no command, file access or agent run; a live background process keeps it awake. 0 days deletes it as soon as it stops.</source>
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
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 / %2 CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after %1 idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stops now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stops in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>when stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 after it stops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowlist: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the sandbox uses now (measured for local sandboxes, as the API reports for Daytona) against what it may use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No network: fixed when the sandbox was created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network open; a local sandbox never reaches this computer&apos;s own addresses or services. Fixed when the sandbox was created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only these networks: %1. Fixed when the sandbox was created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n process(es)</source>
        <translation>
            <numerusform>%1 · %n process</numerusform>
            <numerusform>%1 · %n processes</numerusform>
        </translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-delete</source>
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
        <source>Asking for the preview URL of port %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preview URL for port %1: %2</source>
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
    <message>
        <source>&amp;Attach to Current Thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let the agent in the thread shown use this sandbox (it reaches no sandbox it did not create otherwise)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lifecycle…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When this sandbox stops after idle time and when it is deleted after it stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on the local sandbox server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on Daytona</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandboxes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not change the lifecycle timers of sandbox %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox %1 is attached to the current thread; its agent may use it now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port of the server inside the sandbox (recent ones first):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a port: give a number from 1 to 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Process &amp;Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The live output of the newest background process in this sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop Pro&amp;cess</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the newest running background process in this sandbox and everything it started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandboxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every sandbox with its state; Enter shows its details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SandboxService</name>
    <message>
        <source>This build has no sandbox servers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This sandbox is no longer in the list; refresh it (F5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another operation on this sandbox is still running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It no longer exists on its server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is gone from its server, but the app&apos;s records could not forget it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sandbox server sent no usable preview URL</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SandboxesCommand</name>
    <message>
        <source>Usage: agent-studio sandboxes list [--sandbox local|daytona]
       agent-studio sandboxes rm ID... [--sandbox local|daytona]
       agent-studio sandboxes rm --stopped [--sandbox local|daytona]

list prints one sandbox a line: id, state, language, owning thread, name. rm deletes
sandboxes with everything in them; --stopped deletes every stopped one.
</source>
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
        <source>Local (bubblewrap on this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daytona (cloud)</source>
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
    <message>
        <source>Da&amp;ytona</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a desktop &amp;notification when a call waits or a run ends while the window is in the background (with Approve and Deny where the desktop offers buttons)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a &amp;tray icon that counts the calls waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New local sandboxes may use the &amp;network (never this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applies to local sandboxes created from now on; a sandbox keeps the network it was created with (the Sandboxes list shows it). On: the internet, never this computer&apos;s own addresses or services. Off: no network (no package downloads, no web).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: the whole internet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated networks (10.0.0.0/8) and host names (pypi.org); names are looked up on this computer when a command starts, and there is no other DNS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only these net&amp;works:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sandbox nobody used for this long is stopped (its files stay); the time the agent runs or a background process lives does not count. It starts again when its thread continues.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A stopped sandbox is deleted, with its files, after this many days; 0: as soon as it stops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete stopped sandboxes a&amp;fter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A command or code run the agent starts without its own timeout is stopped after this long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop agent &amp;commands after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox changes apply to sandboxes created from now on. Where new sandboxes run (local or Daytona) is chosen on the Daytona page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (Daytona when a Daytona key is set, else local)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New threads&apos; sandboxes &amp;run on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is stored in the OS keychain, never in a file. Where both exist, the keychain&apos;s key is used before DAYTONA_API_KEY in the environment or .env, and the URL and target here before DAYTONA_API_URL and DAYTONA_TARGET. Changes apply to the next sandbox call, without a restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoint storage cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Checkpoints may use:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used now:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoints are the snapshots the Changes tab and Rewind use. Over the cap, those of deleted sandboxes go first, then the oldest; their lists of changed files stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not known (the agent cannot run here).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of checkpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in one sandbox&apos;s checkpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2 sandboxes&apos; checkpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;rices</source>
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
    <message>
        <source>Open the preview link of the selected card (conversation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a preview URL of the selected sandbox (Sandboxes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next / previous changed file (Changes tab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alt+Down / Alt+Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next / previous hunk (Changes tab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F8 / Shift+F8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the hunk at the cursor (Changes tab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+H</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve the selected calls (approval inbox)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deny the selected calls (approval inbox)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select every call of this thread (approval inbox)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the call in the dialog (approval inbox)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit / disable / delete a rule (Settings &gt; Approvals)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter / Space / Del</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send example prompt 1, 2 or 3 (new thread)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alt+1 / Alt+2 / Alt+3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach files to the message (composer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+U</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the last message and send it again (conversation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected message as Markdown (conversation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open / close the selected tool card (conversation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter / Space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all output of the selected tool card (conversation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a file the selected tool card wrote (conversation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the selected tool card in the inspector (conversation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the thread&apos;s budget (status bar cost)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the oldest / newest message of the thread (conversation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home / End</source>
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
    <name>ThreadService</name>
    <message>
        <source>Changes another Agent Studio process made could not be read: %1</source>
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
        <source>No threads yet.
Start one with New.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searches thread titles, message text and tool calls (commands, files, output)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No threads match “%1”.
Search looks at titles, messages and tool calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThreadsCommand</name>
    <message>
        <source>Usage: agent-studio threads list [--all | --archived]
       agent-studio threads show ID
       agent-studio threads export ID [--format md|json] [--output FILE]
       agent-studio threads rm ID
       agent-studio threads budget ID [USD | none]

list prints one thread a line: id, last change, model, cost, title. show prints the
thread&apos;s cost, context use and budget, then the conversation as Markdown. export
writes Markdown (default) or JSON with runs, steps and tool calls, to FILE or standard
output. Keys are never exported. budget prints or sets the thread&apos;s budget in US
dollars: a run stops once the thread has cost that much (none removes it).
Costs are at the prices of Settings &gt; Prices (list prices, or your own); &quot;no price&quot;
means the model has none.
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ToolCardContent</name>
    <message>
        <source>The call did not run: it was denied, or the run ended first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit code %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No output.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ToolCardLayout</name>
    <message>
        <source>Show less</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details in the inspector ›</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output of background process %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no output)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stderr:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Show all (%n more line(s))</source>
        <translation>
            <numerusform>Show all (%n more line)</numerusform>
            <numerusform>Show all (%n more lines)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… %n earlier line(s) of code</source>
        <translation>
            <numerusform>… %n earlier line of code</numerusform>
            <numerusform>… %n earlier lines of code</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… %n earlier line(s) are in the inspector</source>
        <translation>
            <numerusform>… %n earlier line is in the inspector</numerusform>
            <numerusform>… %n earlier lines are in the inspector</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… %n earlier line(s)</source>
        <translation>
            <numerusform>… %n earlier line</numerusform>
            <numerusform>… %n earlier lines</numerusform>
        </translation>
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
