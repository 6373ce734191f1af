<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Agent Studio</source>
        <translation>Über Agent Studio</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Agent Studio %1&lt;/h2&gt;&lt;p&gt;An LLM coding agent that plans, writes, runs and tests code in isolated sandboxes while you watch, inspect and approve every step.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;&lt;p&gt;Data: &lt;code&gt;%4&lt;/code&gt;&lt;br&gt;Settings: &lt;code&gt;%5&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Agent Studio %1&lt;/h2&gt;&lt;p&gt;Ein LLM-Programmieragent, der Code in isolierten Sandboxen plant, schreibt, ausführt und testet, während Sie jeden Schritt verfolgen, prüfen und freigeben.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2, läuft mit Qt %3.&lt;/p&gt;&lt;p&gt;Daten: &lt;code&gt;%4&lt;/code&gt;&lt;br&gt;Einstellungen: &lt;code&gt;%5&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ApprovalArguments</name>
    <message>
        <source>Not valid JSON at line %1, column %2: %3. Fix it to approve, or deny the call.</source>
        <translation>Kein gültiges JSON in Zeile %1, Spalte %2: %3. Korrigieren Sie es, um den Aufruf freizugeben, oder lehnen Sie ihn ab.</translation>
    </message>
    <message>
        <source>The arguments must be one JSON object ({ ... }). Fix it to approve, or deny the call.</source>
        <translation>Die Argumente müssen ein einziges JSON-Objekt sein ({ ... }). Korrigieren Sie sie, um den Aufruf freizugeben, oder lehnen Sie ihn ab.</translation>
    </message>
    <message>
        <source>These arguments do not fit %1:</source>
        <translation>Diese Argumente passen nicht zu %1:</translation>
    </message>
</context>
<context>
    <name>ApprovalCallView</name>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation>Umgebungsvariablen</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>En&amp;vironment:</source>
        <translation>&amp;Umgebung:</translation>
    </message>
    <message>
        <source>Working directory:</source>
        <translation>Arbeitsverzeichnis:</translation>
    </message>
    <message>
        <source>Timeout:</source>
        <translation>Zeitlimit:</translation>
    </message>
    <message>
        <source>Changes to the file</source>
        <translation>Änderungen an der Datei</translation>
    </message>
    <message>
        <source>New content of the file</source>
        <translation>Neuer Inhalt der Datei</translation>
    </message>
    <message>
        <source>C&amp;hanges</source>
        <translation>Ä&amp;nderungen</translation>
    </message>
    <message>
        <source>New co&amp;ntent</source>
        <translation>Neuer &amp;Inhalt</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>&amp;Command:</source>
        <translation>&amp;Befehl:</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source># arguments: %1</source>
        <translation># Argumente: %1</translation>
    </message>
    <message>
        <source>%1 (the default)</source>
        <translation>%1 (Standard)</translation>
    </message>
    <message>
        <source>your command timeout (Settings &gt; Sandboxes)</source>
        <translation>Ihr Zeitlimit für Befehle (Einstellungen &gt; Sandboxen)</translation>
    </message>
    <message>
        <source>none (runs until it ends)</source>
        <translation>keins (läuft, bis er endet)</translation>
    </message>
    <message>
        <source>the sandbox cannot be asked from here</source>
        <translation>die Sandbox kann von hier aus nicht abgefragt werden</translation>
    </message>
    <message>
        <source>Reading what is in the sandbox now…</source>
        <translation>Lese den aktuellen Inhalt der Sandbox …</translation>
    </message>
    <message>
        <source>it is larger than 1 MiB</source>
        <translation>sie ist größer als 1 MiB</translation>
    </message>
    <message>
        <source>it is a binary file</source>
        <translation>sie ist eine Binärdatei</translation>
    </message>
    <message>
        <source>%1 is a new file.</source>
        <translation>%1 ist eine neue Datei.</translation>
    </message>
    <message>
        <source>%1 exists and stays the same.</source>
        <translation>%1 existiert und bleibt unverändert.</translation>
    </message>
    <message>
        <source>%1 exists: the call replaces it (changes below).</source>
        <translation>%1 existiert: Der Aufruf ersetzt sie (Änderungen unten).</translation>
    </message>
    <message>
        <source>%1: what is there now could not be read (%2); read the new content before approving.</source>
        <translation>%1: Der aktuelle Inhalt konnte nicht gelesen werden (%2); lesen Sie den neuen Inhalt, bevor Sie freigeben.</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n Sekunde</numerusform>
            <numerusform>%n Sekunden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ApprovalCenter</name>
    <message>
        <source>Thread %1</source>
        <translation>Unterhaltung %1</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <source>Approve a tool call</source>
        <translation>Tool-Aufruf freigeben</translation>
    </message>
    <message>
        <source>Thread:</source>
        <translation>Unterhaltung:</translation>
    </message>
    <message>
        <source>Sandbox:</source>
        <translation>Sandbox:</translation>
    </message>
    <message>
        <source>Step:</source>
        <translation>Schritt:</translation>
    </message>
    <message>
        <source>&amp;Arguments (exactly what will run; edit to change):</source>
        <translation>&amp;Argumente (genau das, was ausgeführt wird; zum Ändern bearbeiten):</translation>
    </message>
    <message>
        <source>Why not? The agent reads this (optional)</source>
        <translation>Warum nicht? Der Agent liest diese Begründung (optional)</translation>
    </message>
    <message>
        <source>Enter denies the call with this reason</source>
        <translation>Die Eingabetaste lehnt den Aufruf mit dieser Begründung ab</translation>
    </message>
    <message>
        <source>Deny &amp;reason:</source>
        <translation>Be&amp;gründung der Ablehnung:</translation>
    </message>
    <message>
        <source>&amp;Deny</source>
        <translation>A&amp;blehnen</translation>
    </message>
    <message>
        <source>Decide &amp;Later</source>
        <translation>&amp;Später entscheiden</translation>
    </message>
    <message>
        <source>Close this dialog; the call keeps waiting (Esc)</source>
        <translation>Diesen Dialog schließen; der Aufruf wartet weiter (Esc)</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Freigeben</translation>
    </message>
    <message>
        <source>Run this call (Ctrl+Enter)</source>
        <translation>Diesen Aufruf ausführen (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>A tool the app does not know.</source>
        <translation>Ein Tool, das die App nicht kennt.</translation>
    </message>
    <message>
        <source>none yet (this call does not name one)</source>
        <translation>noch keine (dieser Aufruf nennt keine)</translation>
    </message>
    <message>
        <source>⚠ The arguments contain invisible or direction-changing characters (%1). They are shown as \u escapes below; read them before approving.</source>
        <translation>⚠ Die Argumente enthalten unsichtbare oder die Schreibrichtung ändernde Zeichen (%1). Sie werden unten als \u-Escapes angezeigt; lesen Sie sie, bevor Sie freigeben.</translation>
    </message>
    <message>
        <source>Always allow %1 in this thread</source>
        <translation>%1 in dieser Unterhaltung immer erlauben</translation>
    </message>
    <message>
        <source>%1, call %2 of %3</source>
        <translation>%1, Aufruf %2 von %3</translation>
    </message>
    <message>
        <source>Approve A&amp;ll %1</source>
        <translation>A&amp;lle %1 freigeben</translation>
    </message>
    <message>
        <source>Run every call of this step that is waiting (the edits here apply to this call)</source>
        <translation>Jeden wartenden Aufruf dieses Schritts ausführen (die Änderungen hier gelten nur für diesen Aufruf)</translation>
    </message>
    <message numerus="yes">
        <source>%n more waiting (%1)</source>
        <translation>
            <numerusform>%n weiterer wartet (%1)</numerusform>
            <numerusform>%n weitere warten (%1)</numerusform>
        </translation>
    </message>
    <message>
        <source>⚠ The call could not be answered: %1</source>
        <translation>⚠ Der Aufruf konnte nicht beantwortet werden: %1</translation>
    </message>
    <message>
        <source>Edited: the changed arguments will run.</source>
        <translation>Bearbeitet: Die geänderten Argumente werden ausgeführt.</translation>
    </message>
    <message>
        <source>What the agent said before this call</source>
        <translation>Was der Agent vor diesem Aufruf geschrieben hat</translation>
    </message>
    <message>
        <source>&amp;Edit Arguments (JSON)</source>
        <translation>Argumente b&amp;earbeiten (JSON)</translation>
    </message>
    <message>
        <source>Show the call&apos;s arguments as JSON, exactly as they will run, to read or change them</source>
        <translation>Die Argumente des Aufrufs als JSON zeigen, genau so, wie sie ausgeführt werden, um sie zu lesen oder zu ändern</translation>
    </message>
    <message>
        <source>Arguments as JSON</source>
        <translation>Argumente als JSON</translation>
    </message>
    <message>
        <source>Why this call asks</source>
        <translation>Warum dieser Aufruf fragt</translation>
    </message>
    <message>
        <source>Also add a &amp;rule: always allow</source>
        <translation>Auch eine &amp;Regel hinzufügen: immer erlauben</translation>
    </message>
    <message>
        <source>What the rule allows</source>
        <translation>Was die Regel erlaubt</translation>
    </message>
    <message>
        <source>* stands for any text (commands) or any name within a folder (paths); ** for any folders</source>
        <translation>* steht für beliebigen Text (Befehle) oder einen beliebigen Namen innerhalb eines Ordners (Pfade); ** für beliebige Ordner</translation>
    </message>
    <message>
        <source>Where the rule applies</source>
        <translation>Wo die Regel gilt</translation>
    </message>
    <message>
        <source>in this thread</source>
        <translation>in dieser Unterhaltung</translation>
    </message>
    <message>
        <source>everywhere</source>
        <translation>überall</translation>
    </message>
    <message>
        <source>Reason for denying</source>
        <translation>Begründung der Ablehnung</translation>
    </message>
    <message>
        <source>Asks because of the mode %1.</source>
        <translation>Fragt wegen des Modus %1.</translation>
    </message>
    <message>
        <source>Asks because %1 (mode: %2).</source>
        <translation>Fragt, weil %1 (Modus: %2).</translation>
    </message>
    <message>
        <source>Rule: %1.</source>
        <translation>Regel: %1.</translation>
    </message>
    <message>
        <source>Also add a &amp;rule: always allow %1</source>
        <translation>Auch eine &amp;Regel hinzufügen: %1 immer erlauben</translation>
    </message>
    <message>
        <source>This call will:
%1</source>
        <translation>Dieser Aufruf wird:
%1</translation>
    </message>
    <message>
        <source>The agent said before this call:
%1</source>
        <translation>Der Agent schrieb vor diesem Aufruf:
%1</translation>
    </message>
    <message>
        <source>Approve All also runs, exactly as shown:
%1</source>
        <translation>„Alle freigeben“ führt auch Folgendes aus, genau wie gezeigt:
%1</translation>
    </message>
    <message>
        <source>The rule cannot be added: %1</source>
        <translation>Die Regel kann nicht hinzugefügt werden: %1</translation>
    </message>
</context>
<context>
    <name>ApprovalInbox</name>
    <message>
        <source>Waiting for your approval</source>
        <translation>Wartet auf Ihre Freigabe</translation>
    </message>
    <message>
        <source>Waiting tool calls</source>
        <translation>Wartende Tool-Aufrufe</translation>
    </message>
    <message>
        <source>Enter approves the selected calls, D denies them, Ctrl+A selects every call of a thread, Space opens one.</source>
        <translation>Die Eingabetaste gibt die ausgewählten Aufrufe frei, D lehnt sie ab, Strg+A wählt alle Aufrufe einer Unterhaltung aus, die Leertaste öffnet einen.</translation>
    </message>
    <message>
        <source>Why not? The agent reads this (optional)</source>
        <translation>Warum nicht? Der Agent liest diese Begründung (optional)</translation>
    </message>
    <message>
        <source>Reason for denying</source>
        <translation>Begründung der Ablehnung</translation>
    </message>
    <message>
        <source>Deny &amp;reason:</source>
        <translation>Be&amp;gründung der Ablehnung:</translation>
    </message>
    <message>
        <source>&amp;Deny Selected</source>
        <translation>Ausgewählte a&amp;blehnen</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Öffnen …</translation>
    </message>
    <message>
        <source>Show the call with everything it does (Space)</source>
        <translation>Den Aufruf mit allem zeigen, was er tut (Leertaste)</translation>
    </message>
    <message>
        <source>&amp;Approve Selected</source>
        <translation>Ausgewählte &amp;freigeben</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>The calls keep waiting (Esc)</source>
        <translation>Die Aufrufe warten weiter (Esc)</translation>
    </message>
    <message>
        <source>Nothing waits for your approval.</source>
        <translation>Nichts wartet auf Ihre Freigabe.</translation>
    </message>
    <message>
        <source>&amp;Approve %1</source>
        <translation>%1 &amp;freigeben</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Freigeben</translation>
    </message>
    <message>
        <source>&amp;Deny %1</source>
        <translation>%1 a&amp;blehnen</translation>
    </message>
    <message>
        <source>&amp;Deny</source>
        <translation>A&amp;blehnen</translation>
    </message>
    <message>
        <source>%1 could not be answered: %2 They no longer wait.</source>
        <translation>%1 konnte nicht beantwortet werden: %2 Sie warten nicht mehr.</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) waiting</source>
        <translation>
            <numerusform>%n Aufruf wartet</numerusform>
            <numerusform>%n Aufrufe warten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 in %n thread(s)</source>
        <translation>
            <numerusform>%1 in %n Unterhaltung</numerusform>
            <numerusform>%1 in %n Unterhaltungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Approved %n call(s).</source>
        <translation>
            <numerusform>%n Aufruf freigegeben.</numerusform>
            <numerusform>%n Aufrufe freigegeben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Denied %n call(s).</source>
        <translation>
            <numerusform>%n Aufruf abgelehnt.</numerusform>
            <numerusform>%n Aufrufe abgelehnt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ApprovalInboxModel</name>
    <message>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <source>The agent said: %1</source>
        <translation>Der Agent schrieb: %1</translation>
    </message>
    <message>
        <source>%1 in %2: %3</source>
        <translation>%1 in %2: %3</translation>
    </message>
    <message>
        <source>Thread</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Tool</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Was er tut</translation>
    </message>
</context>
<context>
    <name>ApprovalModePicker</name>
    <message>
        <source>Approval mode</source>
        <translation>Freigabemodus</translation>
    </message>
    <message>
        <source>What runs without asking in this thread (Ctrl+Shift+M switches)</source>
        <translation>Was in dieser Unterhaltung ohne Nachfrage läuft (Strg+Umschalt+M wechselt)</translation>
    </message>
    <message>
        <source>Could not switch the mode: %1</source>
        <translation>Der Modus konnte nicht gewechselt werden: %1</translation>
    </message>
</context>
<context>
    <name>ApprovalModes</name>
    <message>
        <source>Plan</source>
        <translation>Planen</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>Fragen</translation>
    </message>
    <message>
        <source>Auto-edit</source>
        <translation>Auto-Bearbeitung</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>Vollzugriff</translation>
    </message>
    <message>
        <source>only tools that read run (list, read, search, info); the agent proposes a plan</source>
        <translation>nur lesende Tools laufen (auflisten, lesen, suchen, Info); der Agent schlägt einen Plan vor</translation>
    </message>
    <message>
        <source>calls that change something ask first, unless a rule allows them</source>
        <translation>Aufrufe, die etwas ändern, fragen zuerst, außer eine Regel erlaubt sie</translation>
    </message>
    <message>
        <source>file edits run; commands ask unless a rule allows them</source>
        <translation>Dateiänderungen laufen; Befehle fragen, außer eine Regel erlaubt sie</translation>
    </message>
    <message>
        <source>everything runs inside the sandbox except what a rule denies</source>
        <translation>alles läuft in der Sandbox, außer was eine Regel verbietet</translation>
    </message>
</context>
<context>
    <name>ApprovalNotifications</name>
    <message>
        <source>Show &amp;Waiting Approvals</source>
        <translation>&amp;Wartende Freigaben anzeigen</translation>
    </message>
    <message>
        <source>Show Agent &amp;Studio</source>
        <translation>Agent &amp;Studio anzeigen</translation>
    </message>
    <message>
        <source>Agent Studio: nothing waits for your approval</source>
        <translation>Agent Studio: Nichts wartet auf Ihre Freigabe</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Approval needed in %1</source>
        <translation>Freigabe nötig in %1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>The agent stopped with an error in %1</source>
        <translation>Der Agent hat in %1 mit einem Fehler angehalten</translation>
    </message>
    <message>
        <source>The agent finished in %1</source>
        <translation>Der Agent ist in %1 fertig</translation>
    </message>
    <message>
        <source>It reached the step limit; continue the thread to let it go on.</source>
        <translation>Er hat das Schrittlimit erreicht; setzen Sie die Unterhaltung fort, damit er weitermacht.</translation>
    </message>
    <message>
        <source>Its run ended; open the thread to read the answer.</source>
        <translation>Sein Lauf ist beendet; öffnen Sie die Unterhaltung, um die Antwort zu lesen.</translation>
    </message>
    <message numerus="yes">
        <source>Agent Studio: %n approval(s) waiting</source>
        <translation>
            <numerusform>Agent Studio: %n Freigabe wartet</numerusform>
            <numerusform>Agent Studio: %n Freigaben warten</numerusform>
        </translation>
    </message>
    <message>
        <source>It reached the thread&apos;s budget; raise it, then continue the thread.</source>
        <translation>Er hat das Budget der Unterhaltung erreicht; erhöhen Sie es und setzen Sie die Unterhaltung dann fort.</translation>
    </message>
</context>
<context>
    <name>ApprovalRules</name>
    <message>
        <source>The approval rules could not be read again: %1</source>
        <translation>Die Freigaberegeln konnten nicht neu gelesen werden: %1</translation>
    </message>
    <message>
        <source>always allow `%1`</source>
        <translation>`%1` immer erlauben</translation>
    </message>
    <message>
        <source>always allow %1</source>
        <translation>%1 immer erlauben</translation>
    </message>
    <message>
        <source>always allow %1 on `%2`</source>
        <translation>%1 auf `%2` immer erlauben</translation>
    </message>
</context>
<context>
    <name>ApprovalRulesModel</name>
    <message>
        <source>everywhere</source>
        <translation>überall</translation>
    </message>
    <message>
        <source>thread %1</source>
        <translation>Unterhaltung %1</translation>
    </message>
    <message>
        <source>(sandbox %1)</source>
        <translation>(Sandbox %1)</translation>
    </message>
    <message>
        <source>(disabled)</source>
        <translation>(deaktiviert)</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>allow</source>
        <translation>erlauben</translation>
    </message>
    <message>
        <source>ask</source>
        <translation>fragen</translation>
    </message>
    <message>
        <source>deny</source>
        <translation>verbieten</translation>
    </message>
    <message>
        <source>every tool</source>
        <translation>jedes Tool</translation>
    </message>
    <message>
        <source>any call</source>
        <translation>jeder Aufruf</translation>
    </message>
    <message>
        <source>exactly %1</source>
        <translation>genau %1</translation>
    </message>
    <message>
        <source>starting with %1</source>
        <translation>beginnend mit %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>On</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Tool</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>Trifft zu auf</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Geltungsbereich</translation>
    </message>
    <message>
        <source>Last matched</source>
        <translation>Zuletzt zugetroffen</translation>
    </message>
    <message>
        <source>Hits</source>
        <translation>Treffer</translation>
    </message>
</context>
<context>
    <name>ApprovalRulesPage</name>
    <message>
        <source>Default &amp;mode of new threads:</source>
        <translation>Standard&amp;modus neuer Unterhaltungen:</translation>
    </message>
    <message>
        <source>Approval rules</source>
        <translation>Freigaberegeln</translation>
    </message>
    <message>
        <source>&amp;Rules (deny wins over allow; otherwise the most specific rule decides; what no rule covers follows the thread&apos;s mode):</source>
        <translation>&amp;Regeln (Verbieten gewinnt vor Erlauben; sonst entscheidet die spezifischste Regel; was keine Regel abdeckt, folgt dem Modus der Unterhaltung):</translation>
    </message>
    <message>
        <source>A&amp;dd…</source>
        <translation>&amp;Hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>D&amp;isable</source>
        <translation>&amp;Deaktivieren</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Ena&amp;ble</source>
        <translation>&amp;Aktivieren</translation>
    </message>
    <message>
        <source>The rule was not saved: %1</source>
        <translation>Die Regel wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>The rule was not changed: %1</source>
        <translation>Die Regel wurde nicht geändert: %1</translation>
    </message>
    <message>
        <source>The rule was not deleted: %1</source>
        <translation>Die Regel wurde nicht gelöscht: %1</translation>
    </message>
</context>
<context>
    <name>ApprovalStatusButton</name>
    <message>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <source>Waiting for your decision (click to see them all):
%1</source>
        <translation>Wartet auf Ihre Entscheidung (klicken, um alle zu sehen):
%1</translation>
    </message>
    <message numerus="yes">
        <source>%n approval(s) waiting</source>
        <translation>
            <numerusform>%n Freigabe wartet</numerusform>
            <numerusform>%n Freigaben warten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AttachmentService</name>
    <message numerus="yes">
        <source>Not all files were attached: at most %n files go with one message. Attach a smaller folder, or pack it into an archive.</source>
        <translation>
            <numerusform>Nicht alle Dateien wurden angehängt: Mit einer Nachricht geht höchstens eine Datei mit. Hängen Sie einen kleineren Ordner an, oder packen Sie ihn in ein Archiv.</numerusform>
            <numerusform>Nicht alle Dateien wurden angehängt: Mit einer Nachricht gehen höchstens %n Dateien mit. Hängen Sie einen kleineren Ordner an, oder packen Sie ihn in ein Archiv.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is an image, and the picked model does not take images. Pick a model that does (such as gpt-4o or Claude), or leave the image out.</source>
        <translation>%1 ist ein Bild, und das gewählte Modell nimmt keine Bilder an. Wählen Sie ein Modell, das es tut (etwa gpt-4o oder Claude), oder lassen Sie das Bild weg.</translation>
    </message>
    <message>
        <source>%1 is too large to attach (%2; at most %3 per file). Attach a smaller file, or pack it.</source>
        <translation>%1 ist zu groß zum Anhängen (%2; höchstens %3 pro Datei). Hängen Sie eine kleinere Datei an, oder packen Sie sie.</translation>
    </message>
    <message>
        <source>%1 was not attached: the attachments would take more than %2 in all. Send them with separate messages.</source>
        <translation>%1 wurde nicht angehängt: Die Anhänge wären insgesamt größer als %2. Senden Sie sie mit getrennten Nachrichten.</translation>
    </message>
    <message>
        <source>%1 cannot be read (no permission). Check its permissions and attach it again.</source>
        <translation>%1 kann nicht gelesen werden (keine Berechtigung). Prüfen Sie die Berechtigungen und hängen Sie die Datei erneut an.</translation>
    </message>
    <message>
        <source>%1 is a link to nothing; it was not attached.</source>
        <translation>%1 ist ein Link, der ins Leere zeigt; er wurde nicht angehängt.</translation>
    </message>
    <message>
        <source>%1 does not exist (any more); it was not attached.</source>
        <translation>%1 existiert nicht (mehr); es wurde nicht angehängt.</translation>
    </message>
    <message>
        <source>%1 is neither a file nor a folder; it was not attached.</source>
        <translation>%1 ist weder eine Datei noch ein Ordner; es wurde nicht angehängt.</translation>
    </message>
    <message>
        <source>The folder %1 is empty; nothing was attached.</source>
        <translation>Der Ordner %1 ist leer; es wurde nichts angehängt.</translation>
    </message>
    <message numerus="yes">
        <source>%n link(s) in %1 were not followed (they could lead outside the folder); copy what they point to into it if the agent needs it.</source>
        <translation>
            <numerusform>Ein Link in %1 wurde nicht verfolgt (er könnte aus dem Ordner hinausführen); kopieren Sie sein Ziel in den Ordner, wenn der Agent es braucht.</numerusform>
            <numerusform>%n Links in %1 wurden nicht verfolgt (sie könnten aus dem Ordner hinausführen); kopieren Sie ihre Ziele in den Ordner, wenn der Agent sie braucht.</numerusform>
        </translation>
    </message>
    <message>
        <source>the approval rules could not be read (%1)</source>
        <translation>die Freigaberegeln konnten nicht gelesen werden (%1)</translation>
    </message>
    <message>
        <source>The thread&apos;s sandbox %1 could not be reached: %2</source>
        <translation>Die Sandbox %1 der Unterhaltung war nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>The thread&apos;s sandbox %1 could not be started again: %2</source>
        <translation>Die Sandbox %1 der Unterhaltung konnte nicht erneut gestartet werden: %2</translation>
    </message>
    <message>
        <source>A sandbox for the attachments could not be created: %1</source>
        <translation>Für die Anhänge konnte keine Sandbox angelegt werden: %1</translation>
    </message>
    <message>
        <source>The attachments could not be uploaded into sandbox %1: %2</source>
        <translation>Die Anhänge konnten nicht in die Sandbox %1 hochgeladen werden: %2</translation>
    </message>
    <message>
        <source>%1 could not be read: %2. Attach it again.</source>
        <translation>%1 konnte nicht gelesen werden: %2. Hängen Sie die Datei erneut an.</translation>
    </message>
</context>
<context>
    <name>AttachmentTray</name>
    <message>
        <source>Attachments</source>
        <translation>Anhänge</translation>
    </message>
    <message>
        <source>Attached:</source>
        <translation>Angehängt:</translation>
    </message>
    <message>
        <source>Upload progress</source>
        <translation>Fortschritt des Hochladens</translation>
    </message>
    <message numerus="yes">
        <source>%1/ · %n file(s), %2</source>
        <translation>
            <numerusform>%1/ · eine Datei, %2</numerusform>
            <numerusform>%1/ · %n Dateien, %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Remove %1 from the message</source>
        <translation>%1 aus der Nachricht entfernen</translation>
    </message>
    <message>
        <source>Attachment %1</source>
        <translation>Anhang %1</translation>
    </message>
    <message>
        <source>Press to remove it from the message</source>
        <translation>Klicken, um ihn aus der Nachricht zu entfernen</translation>
    </message>
    <message>
        <source>Uploading… %p%</source>
        <translation>Wird hochgeladen … %p%</translation>
    </message>
    <message>
        <source>Preparing the sandbox…</source>
        <translation>Sandbox wird vorbereitet …</translation>
    </message>
</context>
<context>
    <name>BudgetDialog</name>
    <message>
        <source>Thread Budget</source>
        <translation>Budget der Unterhaltung</translation>
    </message>
    <message>
        <source>When the thread has cost this much, its run stops after the current step. Raise the budget and Continue to go on.</source>
        <translation>Wenn die Unterhaltung so viel gekostet hat, stoppt ihr Lauf nach dem aktuellen Schritt. Erhöhen Sie das Budget und klicken Sie auf „Fortsetzen“, um weiterzumachen.</translation>
    </message>
    <message>
        <source>&amp;Limit this thread&apos;s cost</source>
        <translation>&amp;Kosten dieser Unterhaltung begrenzen</translation>
    </message>
    <message>
        <source>Limit this thread&apos;s cost</source>
        <translation>Kosten dieser Unterhaltung begrenzen</translation>
    </message>
    <message>
        <source>Budget in US dollars</source>
        <translation>Budget in US-Dollar</translation>
    </message>
    <message>
        <source>&amp;Budget:</source>
        <translation>&amp;Budget:</translation>
    </message>
    <message>
        <source>This thread has cost %1 so far.</source>
        <translation>Diese Unterhaltung hat bisher %1 gekostet.</translation>
    </message>
    <message>
        <source>This thread has cost at least %1 so far (some of its models have no price).</source>
        <translation>Diese Unterhaltung hat bisher mindestens %1 gekostet (einige ihrer Modelle haben keinen Preis).</translation>
    </message>
    <message>
        <source>The budget was not saved: %1</source>
        <translation>Das Budget wurde nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>ChangedFilesModel</name>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1, %2, %3</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Änderungen</translation>
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
        <translation>Aufruf: agent-studio changes UNTERHALTUNG [--from SCHRITT] [--to SCHRITT]
                                          [--format stat|patch|json]
        agent-studio changes UNTERHALTUNG --last-run | --run LAUF | --call TOOLAUFRUF
        agent-studio changes UNTERHALTUNG --steps

Was der Agent in der Sandbox der Unterhaltung geändert hat, aus ihren Checkpoints.
Die Schritte sind über alle Läufe der Unterhaltung nummeriert (1, 2, ...; 0 ist der
Beginn der Unterhaltung): --from und --to wählen die Dateien so, wie sie am Ende
dieser Schritte waren (Standard: vom Beginn bis jetzt). --steps listet die Schritte
mit den Dateien auf, die jeder davon geändert hat.

  --format stat   eine Zeile pro Datei: A/M/D/T, +Zeilen -Zeilen, Pfad (Standard)
  --format patch  ein Patch, den `git apply` annimmt
  --format json   die Dateien, ihre Art und ihre Zählungen als JSON

Funktioniert auch, nachdem die Sandbox gelöscht wurde, solange das Speicherlimit ihre
Checkpoints behalten hat (sonst wird die Liste der geänderten Dateien ohne Patch
ausgegeben).
</translation>
    </message>
</context>
<context>
    <name>ChangesPanel</name>
    <message>
        <source>Changes are not available: the agent cannot run here.</source>
        <translation>Änderungen sind nicht verfügbar: Der Agent kann hier nicht laufen.</translation>
    </message>
    <message>
        <source>Range of changes</source>
        <translation>Bereich der Änderungen</translation>
    </message>
    <message>
        <source>Which change to show</source>
        <translation>Welche Änderung gezeigt wird</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>Zei&amp;gen:</translation>
    </message>
    <message>
        <source>From step</source>
        <translation>Ab Schritt</translation>
    </message>
    <message>
        <source>To step</source>
        <translation>Bis Schritt</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Bis:</translation>
    </message>
    <message>
        <source>Changed files</source>
        <translation>Geänderte Dateien</translation>
    </message>
    <message>
        <source>Pick a file to see its diff.</source>
        <translation>Wählen Sie eine Datei, um ihren Diff zu sehen.</translation>
    </message>
    <message>
        <source>Side &amp;by side</source>
        <translation>&amp;Nebeneinander</translation>
    </message>
    <message>
        <source>Show the old and the new file next to each other</source>
        <translation>Alte und neue Datei nebeneinander zeigen</translation>
    </message>
    <message>
        <source>Copy Hunk</source>
        <translation>Hunk kopieren</translation>
    </message>
    <message>
        <source>Copy the hunk at the cursor as a patch fragment</source>
        <translation>Den Hunk am Cursor als Patch-Fragment kopieren</translation>
    </message>
    <message>
        <source>Re&amp;vert File</source>
        <translation>Datei &amp;wiederherstellen</translation>
    </message>
    <message>
        <source>Revert this file to before the run</source>
        <translation>Diese Datei auf den Stand vor dem Lauf zurücksetzen</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xportieren</translation>
    </message>
    <message>
        <source>Export the net change as a patch or the changed files as an archive</source>
        <translation>Die Gesamtänderung als Patch oder die geänderten Dateien als Archiv exportieren</translation>
    </message>
    <message>
        <source>&amp;Rewind…</source>
        <translation>&amp;Zurücksetzen …</translation>
    </message>
    <message>
        <source>Go back to an earlier point: files, conversation or both</source>
        <translation>Zu einem früheren Punkt zurückgehen: Dateien, Unterhaltung oder beides</translation>
    </message>
    <message>
        <source>&amp;Undo Rewind</source>
        <translation>Zurücksetzen rückgängig &amp;machen</translation>
    </message>
    <message>
        <source>Bring back the files as they were before the last rewind</source>
        <translation>Die Dateien so zurückholen, wie sie vor dem letzten Zurücksetzen waren</translation>
    </message>
    <message>
        <source>Next File</source>
        <translation>Nächste Datei</translation>
    </message>
    <message>
        <source>Previous File</source>
        <translation>Vorige Datei</translation>
    </message>
    <message>
        <source>Next Hunk</source>
        <translation>Nächster Hunk</translation>
    </message>
    <message>
        <source>Previous Hunk</source>
        <translation>Voriger Hunk</translation>
    </message>
    <message>
        <source>Copy &amp;Hunk</source>
        <translation>&amp;Hunk kopieren</translation>
    </message>
    <message>
        <source>Export as &amp;Patch…</source>
        <translation>Als &amp;Patch exportieren …</translation>
    </message>
    <message>
        <source>Export Changed Files as &amp;Archive…</source>
        <translation>Geänderte Dateien als &amp;Archiv exportieren …</translation>
    </message>
    <message>
        <source>Wait for the run to end before reverting a file</source>
        <translation>Warten Sie, bis der Lauf endet, bevor Sie eine Datei wiederherstellen</translation>
    </message>
    <message>
        <source>The sandbox was deleted: files cannot be reverted</source>
        <translation>Die Sandbox wurde gelöscht: Dateien können nicht wiederhergestellt werden</translation>
    </message>
    <message>
        <source>No files changed</source>
        <translation>Keine Dateien geändert</translation>
    </message>
    <message>
        <source>Preparing the diff of %1…</source>
        <translation>Diff von %1 wird vorbereitet …</translation>
    </message>
    <message>
        <source>Copied hunk %1 of %2.</source>
        <translation>Hunk %1 von %2 kopiert.</translation>
    </message>
    <message>
        <source>Pick a thread to see what its agent changed.</source>
        <translation>Wählen Sie eine Unterhaltung, um zu sehen, was ihr Agent geändert hat.</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Letzter Lauf</translation>
    </message>
    <message>
        <source>Since the thread began</source>
        <translation>Seit Beginn der Unterhaltung</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>Between two steps…</source>
        <translation>Zwischen zwei Schritten …</translation>
    </message>
    <message>
        <source>The thread&apos;s beginning</source>
        <translation>Beginn der Unterhaltung</translation>
    </message>
    <message>
        <source>After step %1</source>
        <translation>Nach Schritt %1</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Jetzt</translation>
    </message>
    <message>
        <source>One tool call</source>
        <translation>Ein Tool-Aufruf</translation>
    </message>
    <message>
        <source>Computing the changes…</source>
        <translation>Änderungen werden berechnet …</translation>
    </message>
    <message>
        <source>The sandbox was deleted: these changes can be read and exported, not rewound.</source>
        <translation>Die Sandbox wurde gelöscht: Diese Änderungen können gelesen und exportiert, aber nicht zurückgesetzt werden.</translation>
    </message>
    <message>
        <source>The storage cap removed these checkpoints&apos; contents: files and counts only.</source>
        <translation>Das Speicherlimit hat den Inhalt dieser Checkpoints entfernt: nur Dateien und Zählungen.</translation>
    </message>
    <message>
        <source>There is no run to revert this file to.</source>
        <translation>Es gibt keinen Lauf, auf dessen Stand diese Datei zurückgesetzt werden könnte.</translation>
    </message>
    <message>
        <source>Reverting %1…</source>
        <translation>%1 wird wiederhergestellt …</translation>
    </message>
    <message>
        <source>Undoing the rewind…</source>
        <translation>Zurücksetzen wird rückgängig gemacht …</translation>
    </message>
    <message>
        <source>Done: %1 restored.</source>
        <translation>Fertig: %1 wiederhergestellt.</translation>
    </message>
    <message>
        <source>Left as they are: %1.</source>
        <translation>Unverändert gelassen: %1.</translation>
    </message>
    <message>
        <source>Export the Changes as a Patch</source>
        <translation>Änderungen als Patch exportieren</translation>
    </message>
    <message>
        <source>Patches (*.patch *.diff)</source>
        <translation>Patches (*.patch *.diff)</translation>
    </message>
    <message>
        <source>Export the Changed Files as an Archive</source>
        <translation>Geänderte Dateien als Archiv exportieren</translation>
    </message>
    <message>
        <source>Tar archives (*.tar)</source>
        <translation>Tar-Archive (*.tar)</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>%1 wird geschrieben …</translation>
    </message>
    <message>
        <source>Wrote %1 to %2 (%3).</source>
        <translation>%1 nach %2 geschrieben (%3).</translation>
    </message>
    <message>
        <source>Left out (too big): %1.</source>
        <translation>Ausgelassen (zu groß): %1.</translation>
    </message>
</context>
<context>
    <name>ChatPane</name>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send the message (Enter)</source>
        <translation>Nachricht senden (Eingabetaste)</translation>
    </message>
    <message>
        <source>The agent cannot start: %1</source>
        <translation>Der Agent kann nicht starten: %1</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Stop the agent&apos;s run</source>
        <translation>Den Lauf des Agenten stoppen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Ask the provider for its models</source>
        <translation>Den Anbieter nach seinen Modellen fragen</translation>
    </message>
    <message>
        <source>Local sandbox</source>
        <translation>Lokale Sandbox</translation>
    </message>
    <message>
        <source>Daytona cloud</source>
        <translation>Daytona-Cloud</translation>
    </message>
    <message>
        <source>Where the agent creates its sandboxes</source>
        <translation>Wo der Agent seine Sandboxen anlegt</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>S&amp;andbox:</source>
        <translation>S&amp;andbox:</translation>
    </message>
    <message>
        <source>Could not list the provider&apos;s models: %1</source>
        <translation>Die Modelle des Anbieters konnten nicht abgerufen werden: %1</translation>
    </message>
    <message>
        <source>The provider listed no models.</source>
        <translation>Der Anbieter hat keine Modelle aufgelistet.</translation>
    </message>
    <message>
        <source>Could not load the thread: %1</source>
        <translation>Die Unterhaltung konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>The agent is still working on this thread; stop it or wait for it.</source>
        <translation>Der Agent arbeitet noch an dieser Unterhaltung; stoppen Sie ihn oder warten Sie auf ihn.</translation>
    </message>
    <message>
        <source>The model is not valid: %1</source>
        <translation>Das Modell ist nicht gültig: %1</translation>
    </message>
    <message>
        <source>New thread</source>
        <translation>Neue Unterhaltung</translation>
    </message>
    <message>
        <source>Could not create a thread: %1</source>
        <translation>Es konnte keine Unterhaltung angelegt werden: %1</translation>
    </message>
    <message>
        <source>Could not save the thread&apos;s model: %1</source>
        <translation>Das Modell der Unterhaltung konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>M&amp;ode:</source>
        <translation>M&amp;odus:</translation>
    </message>
    <message>
        <source>The plan could not be run: %1</source>
        <translation>Der Plan konnte nicht ausgeführt werden: %1</translation>
    </message>
    <message>
        <source>The plan could not be rejected: %1</source>
        <translation>Der Plan konnte nicht abgelehnt werden: %1</translation>
    </message>
    <message>
        <source>Could not set the thread&apos;s mode: %1</source>
        <translation>Der Modus der Unterhaltung konnte nicht gesetzt werden: %1</translation>
    </message>
    <message>
        <source>📎 Attach</source>
        <translation>📎 Anhängen</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Dateien anhängen</translation>
    </message>
    <message>
        <source>Attach files to the message; they are uploaded into the thread&apos;s sandbox when it is sent (Ctrl+U). Files and folders can also be dropped on the message box.</source>
        <translation>Dateien an die Nachricht anhängen; sie werden beim Senden in die Sandbox der Unterhaltung hochgeladen (Strg+U). Dateien und Ordner lassen sich auch auf das Eingabefeld ziehen.</translation>
    </message>
    <message>
        <source>Files cannot be attached here: %1</source>
        <translation>Hier können keine Dateien angehängt werden: %1</translation>
    </message>
    <message>
        <source>The attachments are being uploaded; add more to the next message.</source>
        <translation>Die Anhänge werden gerade hochgeladen; fügen Sie weitere der nächsten Nachricht hinzu.</translation>
    </message>
    <message>
        <source>Attach Files</source>
        <translation>Dateien anhängen</translation>
    </message>
    <message>
        <source>%1 is an image, and %2 does not take images. Pick a model that does, or remove the image.</source>
        <translation>%1 ist ein Bild, und %2 nimmt keine Bilder an. Wählen Sie ein Modell, das es tut, oder entfernen Sie das Bild.</translation>
    </message>
    <message>
        <source>The attachments were not uploaded: %1. Change the rule or the mode, or remove the attachments.</source>
        <translation>Die Anhänge wurden nicht hochgeladen: %1. Ändern Sie die Regel oder den Modus, oder entfernen Sie die Anhänge.</translation>
    </message>
    <message>
        <source>Upload the Attachments?</source>
        <translation>Anhänge hochladen?</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) will be written into the thread&apos;s sandbox, under %1.</source>
        <translation>
            <numerusform>Eine Datei wird in die Sandbox der Unterhaltung geschrieben, unter %1.</numerusform>
            <numerusform>%n Dateien werden in die Sandbox der Unterhaltung geschrieben, unter %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Asked because %1.</source>
        <translation>Gefragt, weil %1.</translation>
    </message>
    <message>
        <source>&amp;Upload and Send</source>
        <translation>&amp;Hochladen und senden</translation>
    </message>
    <message numerus="yes">
        <source>- … and %n more under `%1`</source>
        <translation>
            <numerusform>- … und eine weitere unter `%1`</numerusform>
            <numerusform>- … und %n weitere unter `%1`</numerusform>
        </translation>
    </message>
    <message>
        <source>Attached files (uploaded into sandbox `%1`):</source>
        <translation>Angehängte Dateien (hochgeladen in die Sandbox `%1`):</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>Send the edited message (Enter)</source>
        <translation>Die bearbeitete Nachricht senden (Eingabetaste)</translation>
    </message>
    <message>
        <source>The message you edited is no longer the thread&apos;s last one; the edit was not sent. Edit the last message again.</source>
        <translation>Die bearbeitete Nachricht ist nicht mehr die letzte der Unterhaltung; die Änderung wurde nicht gesendet. Bearbeiten Sie die letzte Nachricht erneut.</translation>
    </message>
    <message>
        <source>The thread could not be cut back: %1</source>
        <translation>Die Unterhaltung konnte nicht gekürzt werden: %1</translation>
    </message>
    <message>
        <source>%1 (edited)</source>
        <translation>%1 (bearbeitet)</translation>
    </message>
    <message>
        <source>The thread could not be forked: %1</source>
        <translation>Die Unterhaltung konnte nicht abgezweigt werden: %1</translation>
    </message>
    <message>
        <source>The answer could not be removed: %1</source>
        <translation>Die Antwort konnte nicht entfernt werden: %1</translation>
    </message>
    <message>
        <source>the chosen model</source>
        <translation>das gewählte Modell</translation>
    </message>
</context>
<context>
    <name>CheckpointService</name>
    <message>
        <source>Message %1 is not a message you wrote in this thread.</source>
        <translation>Nachricht %1 ist keine Nachricht, die Sie in dieser Unterhaltung geschrieben haben.</translation>
    </message>
    <message>
        <source>This thread has no steps yet.</source>
        <translation>Diese Unterhaltung hat noch keine Schritte.</translation>
    </message>
    <message>
        <source>There is no step %1: this thread has steps 1 to %2 (0 is its beginning).</source>
        <translation>Es gibt keinen Schritt %1: Diese Unterhaltung hat die Schritte 1 bis %2 (0 ist ihr Beginn).</translation>
    </message>
    <message>
        <source>A run is in progress in this thread; stop it (or wait for it to finish), then rewind.</source>
        <translation>In dieser Unterhaltung läuft gerade ein Lauf; stoppen Sie ihn (oder warten Sie, bis er endet) und setzen Sie dann zurück.</translation>
    </message>
    <message>
        <source>The files of step %1 are no longer stored (the storage cap removed them), so they cannot be brought back.</source>
        <translation>Die Dateien von Schritt %1 sind nicht mehr gespeichert (das Speicherlimit hat sie entfernt) und können daher nicht zurückgeholt werden.</translation>
    </message>
    <message>
        <source>rewound to the thread&apos;s beginning</source>
        <translation>auf den Beginn der Unterhaltung zurückgesetzt</translation>
    </message>
    <message>
        <source>rewound to step %1</source>
        <translation>auf Schritt %1 zurückgesetzt</translation>
    </message>
    <message>
        <source>A run is in progress in this thread; stop it (or wait for it to finish), then undo the rewind.</source>
        <translation>In dieser Unterhaltung läuft gerade ein Lauf; stoppen Sie ihn (oder warten Sie, bis er endet) und machen Sie dann das Zurücksetzen rückgängig.</translation>
    </message>
    <message>
        <source>There is no rewind to undo: the files changed since the last rewind.</source>
        <translation>Es gibt kein Zurücksetzen zum Rückgängigmachen: Die Dateien haben sich seit dem letzten Zurücksetzen geändert.</translation>
    </message>
    <message>
        <source>The files from before the rewind are no longer stored (the storage cap removed them).</source>
        <translation>Die Dateien von vor dem Zurücksetzen sind nicht mehr gespeichert (das Speicherlimit hat sie entfernt).</translation>
    </message>
    <message>
        <source>undid the rewind</source>
        <translation>Zurücksetzen rückgängig gemacht</translation>
    </message>
    <message>
        <source>A run is in progress in this thread; stop it (or wait for it to finish), then revert the file.</source>
        <translation>In dieser Unterhaltung läuft gerade ein Lauf; stoppen Sie ihn (oder warten Sie, bis er endet) und stellen Sie dann die Datei wieder her.</translation>
    </message>
    <message>
        <source>The files from before that run are no longer stored.</source>
        <translation>Die Dateien von vor diesem Lauf sind nicht mehr gespeichert.</translation>
    </message>
    <message>
        <source>Sandbox %1 was deleted, so its files cannot be reverted.</source>
        <translation>Sandbox %1 wurde gelöscht, daher können ihre Dateien nicht wiederhergestellt werden.</translation>
    </message>
    <message>
        <source>Choose a file inside the sandbox home to revert.</source>
        <translation>Wählen Sie eine Datei im Home-Ordner der Sandbox, die wiederhergestellt werden soll.</translation>
    </message>
    <message>
        <source>reverted %1 to before the run</source>
        <translation>%1 auf den Stand vor dem Lauf zurückgesetzt</translation>
    </message>
    <message>
        <source>Sandbox %1 was deleted, so its files cannot be rewound. Its changes can still be viewed and exported.</source>
        <translation>Sandbox %1 wurde gelöscht, daher können ihre Dateien nicht zurückgesetzt werden. Ihre Änderungen lassen sich weiterhin ansehen und exportieren.</translation>
    </message>
    <message>
        <source>Cannot reach sandbox %1 (%2). Start it from the sandbox list and try again.</source>
        <translation>Sandbox %1 ist nicht erreichbar (%2). Starten Sie sie in der Sandbox-Liste und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Could not save the current files before rewinding (%1); nothing was changed.</source>
        <translation>Die aktuellen Dateien konnten vor dem Zurücksetzen nicht gesichert werden (%1); nichts wurde geändert.</translation>
    </message>
    <message>
        <source>the files before: %1</source>
        <translation>die Dateien vorher: %1</translation>
    </message>
    <message>
        <source>The rewind stopped halfway (%1). It is finished the next time Agent Studio starts; or try again now.</source>
        <translation>Das Zurücksetzen ist auf halbem Weg stehen geblieben (%1). Es wird beim nächsten Start von Agent Studio abgeschlossen; oder versuchen Sie es jetzt erneut.</translation>
    </message>
    <message>
        <source>The file was restored, but its checkpoint could not be taken (%1).</source>
        <translation>Die Datei wurde wiederhergestellt, aber ihr Checkpoint konnte nicht angelegt werden (%1).</translation>
    </message>
    <message>
        <source>%1 (rewound)</source>
        <translation>%1 (zurückgesetzt)</translation>
    </message>
    <message>
        <source>forked from thread %1</source>
        <translation>abgezweigt von Unterhaltung %1</translation>
    </message>
    <message>
        <source>Sandbox %1 was deleted before its rewind could be finished.</source>
        <translation>Sandbox %1 wurde gelöscht, bevor ihr Zurücksetzen abgeschlossen werden konnte.</translation>
    </message>
    <message>
        <source>A rewind of sandbox %1 could not be finished (%2); it is tried again at the next start.</source>
        <translation>Ein Zurücksetzen von Sandbox %1 konnte nicht abgeschlossen werden (%2); es wird beim nächsten Start erneut versucht.</translation>
    </message>
    <message>
        <source>No sandbox server is set up.</source>
        <translation>Es ist kein Sandbox-Server eingerichtet.</translation>
    </message>
    <message>
        <source>This thread has no checkpoints yet: the agent has not changed any files.</source>
        <translation>Diese Unterhaltung hat noch keine Checkpoints: Der Agent hat noch keine Dateien geändert.</translation>
    </message>
    <message>
        <source>Tool call %1 has no checkpoint: it changed no files, or its checkpoint could not be taken.</source>
        <translation>Tool-Aufruf %1 hat keinen Checkpoint: Er hat keine Dateien geändert, oder sein Checkpoint konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Run %1 changed no files.</source>
        <translation>Lauf %1 hat keine Dateien geändert.</translation>
    </message>
    <message>
        <source>No run of this thread changed files yet.</source>
        <translation>Noch kein Lauf dieser Unterhaltung hat Dateien geändert.</translation>
    </message>
    <message>
        <source>There is no checkpoint for that point of the thread.</source>
        <translation>Für diesen Punkt der Unterhaltung gibt es keinen Checkpoint.</translation>
    </message>
    <message>
        <source>The storage cap removed these checkpoints&apos; files; only the list of changed files is left, so no patch can be made.</source>
        <translation>Das Speicherlimit hat die Dateien dieser Checkpoints entfernt; nur die Liste der geänderten Dateien ist übrig, daher kann kein Patch erstellt werden.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2. Choose another place.</source>
        <translation>%1 kann nicht geschrieben werden: %2. Wählen Sie einen anderen Ort.</translation>
    </message>
    <message>
        <source>The storage cap removed these checkpoints&apos; files; only the list of changed files is left, so no archive can be made.</source>
        <translation>Das Speicherlimit hat die Dateien dieser Checkpoints entfernt; nur die Liste der geänderten Dateien ist übrig, daher kann kein Archiv erstellt werden.</translation>
    </message>
    <message>
        <source>Sandbox %1 no longer exists.</source>
        <translation>Sandbox %1 existiert nicht mehr.</translation>
    </message>
    <message>
        <source>the same files as checkpoint %1</source>
        <translation>dieselben Dateien wie Checkpoint %1</translation>
    </message>
    <message>
        <source>No checkpoint: %1</source>
        <translation>Kein Checkpoint: %1</translation>
    </message>
</context>
<context>
    <name>Checkpoints</name>
    <message>
        <source>named pipe</source>
        <translation>Named Pipe</translation>
    </message>
    <message>
        <source>socket</source>
        <translation>Socket</translation>
    </message>
    <message>
        <source>device file</source>
        <translation>Gerätedatei</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <source>huge (%1), recorded by size only</source>
        <translation>riesig (%1), nur nach Größe erfasst</translation>
    </message>
    <message>
        <source>removed while the checkpoint was taken</source>
        <translation>entfernt, während der Checkpoint angelegt wurde</translation>
    </message>
    <message>
        <source>could not be read</source>
        <translation>konnte nicht gelesen werden</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Run the agent without a window on PROMPT and print the step log; see
                   &apos;run --help&apos;.</source>
        <translation>Den Agenten ohne Fenster mit PROMPT ausführen und das Schrittprotokoll
                   ausgeben; siehe &apos;run --help&apos;.</translation>
    </message>
    <message>
        <source>List, show, export (md/json) or delete threads; see &apos;threads --help&apos;.</source>
        <translation>Unterhaltungen auflisten, zeigen, exportieren (md/json) oder löschen; siehe
                   &apos;threads --help&apos;.</translation>
    </message>
    <message>
        <source>List or delete sandboxes (rm ID..., rm --stopped); see &apos;sandboxes --help&apos;.</source>
        <translation>Sandboxen auflisten oder löschen (rm ID..., rm --stopped); siehe
                   &apos;sandboxes --help&apos;.</translation>
    </message>
    <message>
        <source>What the agent changed in a thread&apos;s sandbox (stat, patch or json), between
                   any two steps; see &apos;changes --help&apos;.</source>
        <translation>Was der Agent in der Sandbox einer Unterhaltung geändert hat (stat, patch
                   oder json), zwischen zwei beliebigen Schritten; siehe &apos;changes --help&apos;.</translation>
    </message>
    <message>
        <source>Rewind a thread&apos;s files and/or conversation to a step, or undo a rewind;
                   see &apos;rewind --help&apos;.</source>
        <translation>Dateien und/oder Unterhaltung auf einen Schritt zurücksetzen oder ein
                   Zurücksetzen rückgängig machen; siehe &apos;rewind --help&apos;.</translation>
    </message>
    <message>
        <source>Print the data, config, cache and log folders in use, then exit.</source>
        <translation>Die verwendeten Ordner für Daten, Konfiguration, Cache und Protokolle
                   ausgeben und beenden.</translation>
    </message>
    <message>
        <source>API keys in the OS keychain: keys list | set PROVIDER (key on stdin) |
                   delete PROVIDER | import [PROVIDER]. See &apos;keys --help&apos;.</source>
        <translation>API-Schlüssel im Schlüsselbund des Systems: keys list | set ANBIETER
                   (Schlüssel über stdin) | delete ANBIETER | import [ANBIETER].
                   Siehe &apos;keys --help&apos;.</translation>
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
        <translation>Aufruf: agent-studio [OPTIONEN] [BEFEHL [ARGUMENTE...]]

Agent Studio: ein LLM-Programmieragent, der Code in isolierten Sandboxen plant,
schreibt, ausführt und testet, während Sie jeden Schritt verfolgen, prüfen und
freigeben. Ohne Befehl öffnet es das Fenster.

Optionen (vor dem Befehl):
  --data-dir DIR   Datenbank, Einstellungen, Cache und Protokolle unter DIR statt
                   in den Standardordnern ablegen (für Tests und portablen Einsatz).
  --env-file PATH  API-Schlüssel und Einstellungen aus dieser .env-Datei lesen
                   (Standard: .env im Arbeitsverzeichnis, falls vorhanden).
  --log            Das Protokoll des Fensters auch auf der Standardfehlerausgabe
                   ausgeben (es geht immer in die Protokolldatei im Datenordner).
  -h, --help       Diese Hilfe anzeigen und beenden.
  -v, --version    Die Version anzeigen und beenden.

Befehle:
</translation>
    </message>
    <message>
        <source>
Environment:
  OPENAI_API_KEY, ANTHROPIC_API_KEY, ...  API keys (the OS keychain is read first).
  MODEL                                   Default model, e.g. openai/gpt-4o-mini.
  DAYTONA_API_KEY, DAYTONA_API_URL        Use Daytona sandboxes instead of local ones.
  QT_LOGGING_RULES                        e.g. &quot;studio.*.debug=true&quot; for debug logs.
</source>
        <translation>
Umgebung:
  OPENAI_API_KEY, ANTHROPIC_API_KEY, ...  API-Schlüssel (der Schlüsselbund des
                                          Systems wird zuerst gelesen).
  MODEL                                   Standardmodell, z. B. openai/gpt-4o-mini.
  DAYTONA_API_KEY, DAYTONA_API_URL        Daytona-Sandboxen statt lokaler verwenden.
  QT_LOGGING_RULES                        z. B. &quot;studio.*.debug=true&quot; für
                                          Debug-Protokolle.
</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Ask the agent to write, run and test code (Enter sends, Shift+Enter starts a new line)</source>
        <translation>Bitten Sie den Agenten, Code zu schreiben, auszuführen und zu testen (Eingabetaste sendet, Umschalt+Eingabe beginnt eine neue Zeile)</translation>
    </message>
    <message>
        <source>Message to the agent</source>
        <translation>Nachricht an den Agenten</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Eingabetaste sendet, Umschalt+Eingabe beginnt eine neue Zeile</translation>
    </message>
</context>
<context>
    <name>ConversationDelegate</name>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>Denkt nach …</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>Überlegungen</translation>
    </message>
    <message>
        <source>Review changes ›</source>
        <translation>Änderungen ansehen ›</translation>
    </message>
    <message>
        <source>Open preview ↗</source>
        <translation>Vorschau öffnen ↗</translation>
    </message>
</context>
<context>
    <name>ConversationModel</name>
    <message>
        <source>Stopped at the step limit; continue to let the agent go on.</source>
        <translation>Am Schrittlimit angehalten; setzen Sie fort, damit der Agent weitermacht.</translation>
    </message>
    <message>
        <source>The run was interrupted when the app stopped.</source>
        <translation>Der Lauf wurde unterbrochen, als die App beendet wurde.</translation>
    </message>
    <message>
        <source>The run failed.</source>
        <translation>Der Lauf ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>preparing</source>
        <translation>wird vorbereitet</translation>
    </message>
    <message>
        <source>waiting for approval</source>
        <translation>wartet auf Freigabe</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) changed, +%1 −%2</source>
        <translation>
            <numerusform>%n Datei geändert, +%1 −%2</numerusform>
            <numerusform>%n Dateien geändert, +%1 −%2</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped at the thread&apos;s budget; raise it (click the cost in the status bar), then continue.</source>
        <translation>Am Budget der Unterhaltung angehalten; erhöhen Sie es (Klick auf die Kosten in der Statusleiste) und setzen Sie dann fort.</translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation>Sie: %1</translation>
    </message>
    <message>
        <source>Assistant: %1</source>
        <translation>Assistent: %1</translation>
    </message>
    <message>
        <source>Reasoning: %1</source>
        <translation>Überlegungen: %1</translation>
    </message>
    <message>
        <source>Reasoning, collapsed</source>
        <translation>Überlegungen, eingeklappt</translation>
    </message>
    <message>
        <source>Tool %1: %2, %3</source>
        <translation>Tool %1: %2, %3</translation>
    </message>
    <message>
        <source>, expanded</source>
        <translation>, ausgeklappt</translation>
    </message>
    <message>
        <source>, collapsed</source>
        <translation>, eingeklappt</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Enter or Space opens or closes the card, A shows all output, O opens a written file, I shows the call in the inspector.</source>
        <translation>Die Eingabe- oder Leertaste öffnet oder schließt die Karte, A zeigt die ganze Ausgabe, O öffnet eine geschriebene Datei, I zeigt den Aufruf im Inspektor.</translation>
    </message>
    <message>
        <source>Enter or Space shows or hides the reasoning.</source>
        <translation>Die Eingabe- oder Leertaste zeigt oder verbirgt die Überlegungen.</translation>
    </message>
    <message>
        <source>Enter reviews the changes.</source>
        <translation>Die Eingabetaste zeigt die Änderungen zur Durchsicht.</translation>
    </message>
    <message>
        <source>Enter retries.</source>
        <translation>Die Eingabetaste versucht es erneut.</translation>
    </message>
    <message>
        <source>Enter lets the agent continue.</source>
        <translation>Die Eingabetaste lässt den Agenten weitermachen.</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <source>&amp;Rewind to Here…</source>
        <translation>Hierhin &amp;zurücksetzen …</translation>
    </message>
    <message>
        <source>Go back to before this message: files, conversation or both</source>
        <translation>Zum Stand vor dieser Nachricht zurückgehen: Dateien, Unterhaltung oder beides</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <source>Arrows move between messages and tool cards; Enter or Space opens a card, A shows all its output, O opens a file it wrote, I shows the call in the inspector.</source>
        <translation>Die Pfeiltasten wechseln zwischen Nachrichten und Tool-Karten; die Eingabe- oder Leertaste öffnet eine Karte, A zeigt ihre ganze Ausgabe, O öffnet eine Datei, die sie geschrieben hat, I zeigt den Aufruf im Inspektor.</translation>
    </message>
    <message>
        <source>Files the call wrote</source>
        <translation>Vom Aufruf geschriebene Dateien</translation>
    </message>
    <message>
        <source>&amp;Edit and Resend…</source>
        <translation>&amp;Bearbeiten und erneut senden …</translation>
    </message>
    <message>
        <source>Change this message and send it again, in a fork of the thread or in place of it</source>
        <translation>Diese Nachricht ändern und erneut senden, in einer Abzweigung der Unterhaltung oder an ihrer Stelle</translation>
    </message>
    <message>
        <source>Retry &amp;With</source>
        <translation>Erneut versuchen &amp;mit</translation>
    </message>
    <message>
        <source>Remove this answer and ask another model the same</source>
        <translation>Diese Antwort entfernen und einem anderen Modell dieselbe Frage stellen</translation>
    </message>
    <message>
        <source>&amp;Copy as Markdown</source>
        <translation>Als Markdown &amp;kopieren</translation>
    </message>
</context>
<context>
    <name>CostMeter</name>
    <message>
        <source>Thread cost</source>
        <translation>Kosten der Unterhaltung</translation>
    </message>
    <message>
        <source>Context use</source>
        <translation>Kontextnutzung</translation>
    </message>
    <message>
        <source>no price</source>
        <translation>kein Preis</translation>
    </message>
    <message>
        <source>Cost: %1 of %2</source>
        <translation>Kosten: %1 von %2</translation>
    </message>
    <message>
        <source>Cost: %1</source>
        <translation>Kosten: %1</translation>
    </message>
    <message>
        <source>What this thread&apos;s runs cost at the prices of Settings &gt; Prices: %1 input tokens (%2 from the cache) and %3 output tokens.</source>
        <translation>Was die Läufe dieser Unterhaltung zu den Preisen unter Einstellungen &gt; Preise kosten: %1 Eingabe-Tokens (%2 aus dem Cache) und %3 Ausgabe-Tokens.</translation>
    </message>
    <message>
        <source>Some runs used a model without a price; set one in Settings &gt; Prices.</source>
        <translation>Einige Läufe haben ein Modell ohne Preis verwendet; legen Sie einen unter Einstellungen &gt; Preise fest.</translation>
    </message>
    <message>
        <source>Budget: %1; click to change it.</source>
        <translation>Budget: %1; klicken, um es zu ändern.</translation>
    </message>
    <message>
        <source>No budget; click to set one.</source>
        <translation>Kein Budget; klicken, um eines festzulegen.</translation>
    </message>
    <message>
        <source>Context: %1% of %2 – near the limit</source>
        <translation>Kontext: %1 % von %2 – nahe am Limit</translation>
    </message>
    <message>
        <source>Context: %1% of %2</source>
        <translation>Kontext: %1 % von %2</translation>
    </message>
    <message>
        <source>The last step used %1 of the %2 tokens of %3&apos;s context window (%4%).</source>
        <translation>Der letzte Schritt hat %1 der %2 Tokens des Kontextfensters von %3 verwendet (%4 %).</translation>
    </message>
    <message>
        <source>Near the limit: the model may soon refuse the conversation. Start a new thread for the next task.</source>
        <translation>Nahe am Limit: Das Modell könnte die Unterhaltung bald ablehnen. Beginnen Sie für die nächste Aufgabe eine neue Unterhaltung.</translation>
    </message>
    <message>
        <source>Context: %1 tokens</source>
        <translation>Kontext: %1 Tokens</translation>
    </message>
    <message>
        <source>The last step used %1 tokens; the context window of %2 is unknown (set it in Settings &gt; Prices).</source>
        <translation>Der letzte Schritt hat %1 Tokens verwendet; das Kontextfenster von %2 ist unbekannt (legen Sie es unter Einstellungen &gt; Preise fest).</translation>
    </message>
</context>
<context>
    <name>CostService</name>
    <message>
        <source>no price</source>
        <translation>kein Preis</translation>
    </message>
    <message>
        <source>This thread reached its budget of %1 (it has cost %2). Raise or remove the budget (click the cost in the status bar, or run agent-studio threads budget %3 AMOUNT), then Continue.</source>
        <translation>Diese Unterhaltung hat ihr Budget von %1 erreicht (sie hat %2 gekostet). Erhöhen oder entfernen Sie das Budget (Klick auf die Kosten in der Statusleiste, oder agent-studio threads budget %3 BETRAG ausführen) und klicken Sie dann auf „Fortsetzen“.</translation>
    </message>
</context>
<context>
    <name>DaytonaAccountCheck</name>
    <message numerus="yes">
        <source>Connected to %1: the key works (%n sandbox(es) in this account).</source>
        <translation>
            <numerusform>Verbunden mit %1: Der Schlüssel funktioniert (%n Sandbox in diesem Konto).</numerusform>
            <numerusform>Verbunden mit %1: Der Schlüssel funktioniert (%n Sandboxen in diesem Konto).</numerusform>
        </translation>
    </message>
    <message>
        <source>Connected to %1: the key works.</source>
        <translation>Verbunden mit %1: Der Schlüssel funktioniert.</translation>
    </message>
    <message>
        <source>Daytona at %1 accepted the key but refused to list sandboxes (HTTP 403): give the key the sandbox permissions in the Daytona dashboard (Keys), or create a new one.</source>
        <translation>Daytona unter %1 hat den Schlüssel angenommen, aber das Auflisten der Sandboxen verweigert (HTTP 403): Geben Sie dem Schlüssel im Daytona-Dashboard (Keys) die Sandbox-Berechtigungen, oder erstellen Sie einen neuen.</translation>
    </message>
    <message>
        <source>Daytona at %1 refused this API key (HTTP 401): copy the whole key again from the Daytona dashboard (Keys), or create a new one.</source>
        <translation>Daytona unter %1 hat diesen API-Schlüssel abgelehnt (HTTP 401): Kopieren Sie den ganzen Schlüssel erneut aus dem Daytona-Dashboard (Keys), oder erstellen Sie einen neuen.</translation>
    </message>
    <message>
        <source>%1 does not answer like the Daytona API (HTTP %2): check the API URL; Daytona&apos;s is https://app.daytona.io/api.</source>
        <translation>%1 antwortet nicht wie die Daytona-API (HTTP %2): Prüfen Sie die API-URL; die von Daytona lautet https://app.daytona.io/api.</translation>
    </message>
</context>
<context>
    <name>DaytonaAccountForm</name>
    <message>
        <source>Paste a key from the Daytona dashboard (Keys)</source>
        <translation>Einen Schlüssel aus dem Daytona-Dashboard (Keys) einfügen</translation>
    </message>
    <message>
        <source>Daytona API key</source>
        <translation>Daytona-API-Schlüssel</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Show the key you are typing (a stored key is never shown)</source>
        <translation>Den eingegebenen Schlüssel anzeigen (ein gespeicherter Schlüssel wird nie angezeigt)</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-Sch&amp;lüssel:</translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation>&amp;Vergessen</translation>
    </message>
    <message>
        <source>Delete the Daytona key from the keychain</source>
        <translation>Den Daytona-Schlüssel aus dem Schlüsselbund löschen</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>Copy the key found in the environment or the .env file into the keychain, and its API URL and target into the settings</source>
        <translation>Den in der Umgebung oder der .env-Datei gefundenen Schlüssel in den Schlüsselbund kopieren, und seine API-URL und sein Ziel in die Einstellungen</translation>
    </message>
    <message>
        <source>Current key:</source>
        <translation>Aktueller Schlüssel:</translation>
    </message>
    <message>
        <source>Empty: DAYTONA_API_URL from the environment or .env, else Daytona&apos;s own API</source>
        <translation>Leer: DAYTONA_API_URL aus der Umgebung oder .env, sonst die API von Daytona</translation>
    </message>
    <message>
        <source>API &amp;URL:</source>
        <translation>API-&amp;URL:</translation>
    </message>
    <message>
        <source>Optional: the region, e.g. us or eu</source>
        <translation>Optional: die Region, z. B. us oder eu</translation>
    </message>
    <message>
        <source>Ta&amp;rget:</source>
        <translation>&amp;Ziel:</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>Ask Daytona for one sandbox with this key and URL; nothing is saved</source>
        <translation>Daytona mit diesem Schlüssel und dieser URL nach einer Sandbox fragen; nichts wird gespeichert</translation>
    </message>
    <message>
        <source>No key set: Daytona sandboxes cannot be used until you add one.</source>
        <translation>Kein Schlüssel gesetzt: Daytona-Sandboxen können erst verwendet werden, wenn Sie einen hinzufügen.</translation>
    </message>
    <message>
        <source>Stored in the OS keychain.</source>
        <translation>Im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>Kept in memory for this session only (no OS keychain).</source>
        <translation>Nur für diese Sitzung im Speicher gehalten (kein Schlüsselbund des Systems).</translation>
    </message>
    <message>
        <source>From the environment variable %1 (not in the keychain).</source>
        <translation>Aus der Umgebungsvariable %1 (nicht im Schlüsselbund).</translation>
    </message>
    <message>
        <source>From the .env file %1 (%2; not in the keychain).</source>
        <translation>Aus der .env-Datei %1 (%2; nicht im Schlüsselbund).</translation>
    </message>
    <message>
        <source>the API URL field</source>
        <translation>Feld „API-URL“</translation>
    </message>
    <message>
        <source>the .env file %1</source>
        <translation>.env-Datei %1</translation>
    </message>
    <message>
        <source>the environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Asking Daytona…</source>
        <translation>Frage Daytona …</translation>
    </message>
    <message>
        <source>Storing the key…</source>
        <translation>Schlüssel wird gespeichert …</translation>
    </message>
    <message>
        <source>The key was not stored: %1</source>
        <translation>Der Schlüssel wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Could not delete the key: %1</source>
        <translation>Der Schlüssel konnte nicht gelöscht werden: %1</translation>
    </message>
    <message>
        <source>The key was not imported: %1</source>
        <translation>Der Schlüssel wurde nicht importiert: %1</translation>
    </message>
    <message>
        <source>Imported the key from %1 into the keychain.</source>
        <translation>Schlüssel aus %1 in den Schlüsselbund importiert.</translation>
    </message>
</context>
<context>
    <name>DeleteThreadDialog</name>
    <message>
        <source>Delete thread</source>
        <translation>Unterhaltung löschen</translation>
    </message>
    <message>
        <source>Delete thread “%1”?
Its messages, runs and tool calls are removed. This cannot be undone.</source>
        <translation>Unterhaltung „%1“ löschen?
Ihre Nachrichten, Läufe und Tool-Aufrufe werden entfernt. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Also delete its sandbox</source>
        <translation>Auch ihre Sandbox löschen</translation>
    </message>
    <message>
        <source>Also delete its %1 sandboxes</source>
        <translation>Auch ihre %1 Sandboxen löschen</translation>
    </message>
    <message>
        <source>Otherwise they stay at their provider, without an owner, until you delete them from the sandbox list.</source>
        <translation>Sonst bleiben sie ohne Besitzer beim Anbieter, bis Sie sie in der Sandbox-Liste löschen.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>DiffRender</name>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>a file</source>
        <translation>eine Datei</translation>
    </message>
    <message>
        <source>an executable file</source>
        <translation>eine ausführbare Datei</translation>
    </message>
    <message>
        <source>a symbolic link</source>
        <translation>ein symbolischer Link</translation>
    </message>
    <message>
        <source>a folder</source>
        <translation>ein Ordner</translation>
    </message>
    <message>
        <source>a huge file</source>
        <translation>eine riesige Datei</translation>
    </message>
    <message>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <source>modified</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <source>type changed</source>
        <translation>Typ geändert</translation>
    </message>
    <message>
        <source>binary, %1</source>
        <translation>binär, %1</translation>
    </message>
    <message>
        <source>huge, %1</source>
        <translation>riesig, %1</translation>
    </message>
    <message>
        <source>(type)</source>
        <translation>(Typ)</translation>
    </message>
    <message>
        <source>(mode)</source>
        <translation>(Modus)</translation>
    </message>
    <message>
        <source>Was %1, now %2</source>
        <translation>Vorher %1, jetzt %2</translation>
    </message>
    <message>
        <source>Mode %1 → %2</source>
        <translation>Modus %1 → %2</translation>
    </message>
    <message>
        <source>Symbolic link: %1 → %2</source>
        <translation>Symbolischer Link: %1 → %2</translation>
    </message>
    <message>
        <source>Symbolic link to %1</source>
        <translation>Symbolischer Link auf %1</translation>
    </message>
    <message>
        <source>Symbolic link to %1 (removed)</source>
        <translation>Symbolischer Link auf %1 (entfernt)</translation>
    </message>
    <message>
        <source>Binary file</source>
        <translation>Binärdatei</translation>
    </message>
    <message>
        <source>Huge file (not diffed)</source>
        <translation>Riesige Datei (kein Diff)</translation>
    </message>
    <message>
        <source>%1 added, %2</source>
        <translation>%1 hinzugefügt, %2</translation>
    </message>
    <message>
        <source>%1 deleted, was %2</source>
        <translation>%1 gelöscht, war %2</translation>
    </message>
    <message>
        <source>%1, %2 → %3</source>
        <translation>%1, %2 → %3</translation>
    </message>
    <message>
        <source>Empty file added</source>
        <translation>Leere Datei hinzugefügt</translation>
    </message>
    <message>
        <source>Empty file deleted</source>
        <translation>Leere Datei gelöscht</translation>
    </message>
    <message>
        <source>No line changes</source>
        <translation>Keine Zeilenänderungen</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n Byte</numerusform>
            <numerusform>%n Bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n Datei</numerusform>
            <numerusform>%n Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) changed, +%1 −%2</source>
        <translation>
            <numerusform>%n Datei geändert, +%1 −%2</numerusform>
            <numerusform>%n Dateien geändert, +%1 −%2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiffView</name>
    <message>
        <source>Diff</source>
        <translation>Diff</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message numerus="yes">
        <source>Show %n more line(s)</source>
        <translation>
            <numerusform>%n weitere Zeile zeigen</numerusform>
            <numerusform>%n weitere Zeilen zeigen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EmptyThreadView</name>
    <message>
        <source>New thread</source>
        <translation>Neue Unterhaltung</translation>
    </message>
    <message>
        <source>What the agent can do, example prompts and what is missing</source>
        <translation>Was der Agent kann, Beispiel-Prompts und was noch fehlt</translation>
    </message>
    <message>
        <source>What should the agent build?</source>
        <translation>Was soll der Agent bauen?</translation>
    </message>
    <message>
        <source>&lt;p&gt;Describe a task and the agent works on it in a sandbox, step by step:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;writes and edits files, and runs commands, tests and scripts&lt;/li&gt;&lt;li&gt;starts servers you can open in a preview&lt;/li&gt;&lt;li&gt;asks before it runs anything your approval mode does not allow&lt;/li&gt;&lt;li&gt;shows every step in the Inspector and every changed file in Changes, and can rewind them&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;Beschreiben Sie eine Aufgabe, und der Agent bearbeitet sie Schritt für Schritt in einer Sandbox:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;schreibt und bearbeitet Dateien und führt Befehle, Tests und Skripte aus&lt;/li&gt;&lt;li&gt;startet Server, die Sie in einer Vorschau öffnen können&lt;/li&gt;&lt;li&gt;fragt nach, bevor er etwas ausführt, das Ihr Freigabemodus nicht erlaubt&lt;/li&gt;&lt;li&gt;zeigt jeden Schritt im Inspektor und jede geänderte Datei unter „Änderungen“ und kann sie zurücksetzen&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>What the agent can do</source>
        <translation>Was der Agent kann</translation>
    </message>
    <message>
        <source>Try an example:</source>
        <translation>Probieren Sie ein Beispiel:</translation>
    </message>
    <message>
        <source>Send this example to the agent (Alt+%1)</source>
        <translation>Dieses Beispiel an den Agenten senden (Alt+%1)</translation>
    </message>
    <message>
        <source>Example prompt %1 of %2: sends it to the agent</source>
        <translation>Beispiel-Prompt %1 von %2: sendet ihn an den Agenten</translation>
    </message>
    <message>
        <source>Before you start:</source>
        <translation>Bevor Sie beginnen:</translation>
    </message>
    <message>
        <source>Set Up a &amp;Key…</source>
        <translation>&amp;Schlüssel einrichten …</translation>
    </message>
    <message>
        <source>Add an API key for a model provider, or use a local model server</source>
        <translation>Einen API-Schlüssel für einen Modellanbieter hinzufügen oder einen lokalen Modellserver verwenden</translation>
    </message>
    <message>
        <source>Set Up &amp;Daytona…</source>
        <translation>&amp;Daytona einrichten …</translation>
    </message>
    <message>
        <source>Add a Daytona API key for cloud sandboxes (optional)</source>
        <translation>Einen Daytona-API-Schlüssel für Cloud-Sandboxen hinzufügen (optional)</translation>
    </message>
    <message>
        <source>Write a function that reverses a string, with unit tests, and run them</source>
        <translation>Schreibe eine Funktion, die einen String umkehrt, mit Unit-Tests, und führe die Tests aus</translation>
    </message>
    <message>
        <source>Create a small Python web server with one page and start it so I can preview it</source>
        <translation>Erstelle einen kleinen Python-Webserver mit einer Seite und starte ihn, damit ich ihn in der Vorschau ansehen kann</translation>
    </message>
    <message>
        <source>Write a script that counts the words in a text file and test it on a sample file</source>
        <translation>Schreibe ein Skript, das die Wörter in einer Textdatei zählt, und teste es mit einer Beispieldatei</translation>
    </message>
    <message>
        <source>Looking for the model&apos;s API key…</source>
        <translation>Suche den API-Schlüssel des Modells …</translation>
    </message>
    <message>
        <source>Model: an API key for %1 is set (%2).</source>
        <translation>Modell: Ein API-Schlüssel für %1 ist gesetzt (%2).</translation>
    </message>
    <message>
        <source>Model: %1 needs no API key.</source>
        <translation>Modell: %1 braucht keinen API-Schlüssel.</translation>
    </message>
    <message>
        <source>Model: no API key for %1, so the agent cannot answer. Set one up, or choose a local model server.</source>
        <translation>Modell: kein API-Schlüssel für %1, daher kann der Agent nicht antworten. Richten Sie einen ein, oder wählen Sie einen lokalen Modellserver.</translation>
    </message>
    <message>
        <source>Missing: %1</source>
        <translation>Fehlt: %1</translation>
    </message>
    <message>
        <source>Local sandboxes: checking bubblewrap…</source>
        <translation>Lokale Sandboxen: bubblewrap wird geprüft …</translation>
    </message>
    <message>
        <source>Local sandboxes: bubblewrap works here.</source>
        <translation>Lokale Sandboxen: bubblewrap funktioniert hier.</translation>
    </message>
    <message>
        <source>Local sandboxes: %1</source>
        <translation>Lokale Sandboxen: %1</translation>
    </message>
    <message>
        <source>Daytona cloud sandboxes: configured.</source>
        <translation>Daytona-Cloud-Sandboxen: eingerichtet.</translation>
    </message>
    <message>
        <source>Daytona cloud sandboxes: not configured (optional; local sandboxes need none).</source>
        <translation>Daytona-Cloud-Sandboxen: nicht eingerichtet (optional; lokale Sandboxen brauchen keine Einrichtung).</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>%1 in the .env file %2</source>
        <translation>%1 in der .env-Datei %2</translation>
    </message>
    <message>
        <source>%1 in the environment</source>
        <translation>%1 in der Umgebung</translation>
    </message>
    <message>
        <source>Welcome to Agent Studio</source>
        <translation>Willkommen bei Agent Studio</translation>
    </message>
    <message>
        <source>Connect a model</source>
        <translation>Modell verbinden</translation>
    </message>
    <message>
        <source>The agent needs a language model. Choose how to reach one; you can change this later in Settings.</source>
        <translation>Der Agent braucht ein Sprachmodell. Wählen Sie, wie er eines erreicht; Sie können das später in den Einstellungen ändern.</translation>
    </message>
    <message>
        <source>&amp;Paste an API key (stored in the OS keychain)</source>
        <translation>API-Schlüssel &amp;einfügen (wird im Schlüsselbund des Systems gespeichert)</translation>
    </message>
    <message>
        <source>&amp;Import keys from the environment or a .env file (none found)</source>
        <translation>Schlüssel aus der Umgebung oder einer .env-Datei &amp;importieren (keine gefunden)</translation>
    </message>
    <message>
        <source>&amp;Import keys from the environment or a .env file (found: %1)</source>
        <translation>Schlüssel aus der Umgebung oder einer .env-Datei &amp;importieren (gefunden: %1)</translation>
    </message>
    <message>
        <source>Use a &amp;local server: Ollama or LM Studio on this computer (no key needed)</source>
        <translation>&amp;Lokalen Server verwenden: Ollama oder LM Studio auf diesem Computer (kein Schlüssel nötig)</translation>
    </message>
    <message>
        <source>Paste an API key</source>
        <translation>API-Schlüssel einfügen</translation>
    </message>
    <message>
        <source>The key goes to the OS keychain, never to a file.</source>
        <translation>Der Schlüssel kommt in den Schlüsselbund des Systems, nie in eine Datei.</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>&amp;Anbieter:</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-Sch&amp;lüssel:</translation>
    </message>
    <message>
        <source>Default &amp;model:</source>
        <translation>Standard&amp;modell:</translation>
    </message>
    <message>
        <source>Import keys</source>
        <translation>Schlüssel importieren</translation>
    </message>
    <message>
        <source>These keys were found by name; their values are copied to the OS keychain and never shown.</source>
        <translation>Diese Schlüssel wurden anhand ihres Namens gefunden; ihre Werte werden in den Schlüsselbund des Systems kopiert und nie angezeigt.</translation>
    </message>
    <message>
        <source>Use a local server</source>
        <translation>Lokalen Server verwenden</translation>
    </message>
    <message>
        <source>Start Ollama or LM Studio with its OpenAI-compatible server, press Test and pick a model.</source>
        <translation>Starten Sie Ollama oder LM Studio mit dem OpenAI-kompatiblen Server, klicken Sie auf „Testen“ und wählen Sie ein Modell.</translation>
    </message>
    <message>
        <source>Ollama</source>
        <translation>Ollama</translation>
    </message>
    <message>
        <source>LM Studio</source>
        <translation>LM Studio</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>Base &amp;URL:</source>
        <translation>Basis-&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>Listing models…</source>
        <translation>Modelle werden abgerufen …</translation>
    </message>
    <message>
        <source>The server answers but offers no model. Download one first (for Ollama: ollama pull qwen2.5-coder), then press Test again.</source>
        <translation>Der Server antwortet, bietet aber kein Modell an. Laden Sie zuerst eines herunter (für Ollama: ollama pull qwen2.5-coder) und klicken Sie dann erneut auf „Testen“.</translation>
    </message>
    <message>
        <source>Looking for keys…</source>
        <translation>Suche nach Schlüsseln …</translation>
    </message>
    <message>
        <source>No OS keychain is available, so nothing can be imported; these keys are read from where they are at every start.
%1</source>
        <translation>Es ist kein Schlüsselbund des Systems verfügbar, daher kann nichts importiert werden; diese Schlüssel werden bei jedem Start von dort gelesen, wo sie liegen.
%1</translation>
    </message>
    <message>
        <source>Every key found is already in the keychain.</source>
        <translation>Jeder gefundene Schlüssel ist bereits im Schlüsselbund.</translation>
    </message>
    <message>
        <source>Paste the key first (from the provider&apos;s website).</source>
        <translation>Fügen Sie zuerst den Schlüssel ein (von der Website des Anbieters).</translation>
    </message>
    <message>
        <source>Storing the key…</source>
        <translation>Schlüssel wird gespeichert …</translation>
    </message>
    <message>
        <source>The key was not stored: %1</source>
        <translation>Der Schlüssel wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importiere …</translation>
    </message>
    <message>
        <source>Some keys were not imported: %1</source>
        <translation>Einige Schlüssel wurden nicht importiert: %1</translation>
    </message>
    <message>
        <source>Pick a model: press Test to list the models the server offers.</source>
        <translation>Wählen Sie ein Modell: Klicken Sie auf „Testen“, um die Modelle des Servers aufzulisten.</translation>
    </message>
    <message>
        <source>Sandboxes</source>
        <translation>Sandboxen</translation>
    </message>
    <message>
        <source>The agent runs code in sandboxes: on this computer, or in Daytona&apos;s cloud. You can change this later in Settings &gt; Daytona.</source>
        <translation>Der Agent führt Code in Sandboxen aus: auf diesem Computer oder in der Cloud von Daytona. Sie können das später unter Einstellungen &gt; Daytona ändern.</translation>
    </message>
    <message>
        <source>&amp;Local sandboxes on this computer (bubblewrap; no account needed)</source>
        <translation>&amp;Lokale Sandboxen auf diesem Computer (bubblewrap; kein Konto nötig)</translation>
    </message>
    <message>
        <source>&amp;Daytona cloud sandboxes (needs a Daytona API key)</source>
        <translation>&amp;Daytona-Cloud-Sandboxen (braucht einen Daytona-API-Schlüssel)</translation>
    </message>
    <message>
        <source>Paste your Daytona API key (from the Daytona dashboard, Keys), or choose local sandboxes.</source>
        <translation>Fügen Sie Ihren Daytona-API-Schlüssel ein (aus dem Daytona-Dashboard, Keys), oder wählen Sie lokale Sandboxen.</translation>
    </message>
    <message>
        <source>Storing the Daytona key…</source>
        <translation>Daytona-Schlüssel wird gespeichert …</translation>
    </message>
    <message>
        <source>The Daytona key was not stored; see above.</source>
        <translation>Der Daytona-Schlüssel wurde nicht gespeichert; siehe oben.</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) available.</source>
        <translation>
            <numerusform>%n Modell verfügbar.</numerusform>
            <numerusform>%n Modelle verfügbar.</numerusform>
        </translation>
    </message>
    <message>
        <source>Keys found to import</source>
        <translation>Zum Import gefundene Schlüssel</translation>
    </message>
</context>
<context>
    <name>InspectorPanel</name>
    <message>
        <source>Show Value</source>
        <translation>Wert anzeigen</translation>
    </message>
    <message>
        <source>Show the selected value in full (Enter)</source>
        <translation>Den ausgewählten Wert vollständig anzeigen (Eingabetaste)</translation>
    </message>
    <message>
        <source>Show &amp;Value</source>
        <translation>&amp;Wert anzeigen</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>&amp;Copy Value</source>
        <translation>Wert &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy as &amp;JSON</source>
        <translation>Als &amp;JSON kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;Step-Log Line</source>
        <translation>&amp;Schrittprotokoll-Zeile kopieren</translation>
    </message>
    <message>
        <source>That tool call cannot be shown: %1</source>
        <translation>Dieser Tool-Aufruf kann nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <source>Copied the value of %1.</source>
        <translation>Wert von %1 kopiert.</translation>
    </message>
    <message>
        <source>Copied %1 as JSON.</source>
        <translation>%1 als JSON kopiert.</translation>
    </message>
    <message>
        <source>Copied the step-log line of %1.</source>
        <translation>Schrittprotokoll-Zeile von %1 kopiert.</translation>
    </message>
    <message>
        <source>&amp;Rewind to After This Step…</source>
        <translation>Auf den Stand nach diesem Schritt &amp;zurücksetzen …</translation>
    </message>
    <message>
        <source>Runs, steps and tool calls</source>
        <translation>Läufe, Schritte und Tool-Aufrufe</translation>
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
        <translation>Aufruf: agent-studio keys BEFEHL

API-Schlüssel liegen im Schlüsselbund des Systems (Dienst &quot;agent-studio&quot;, ein Eintrag
je Anbieter). Die Umgebung und die .env-Datei (--env-file) werden nach dem
Schlüsselbund gelesen.

  list               Jeden Anbieter zeigen und woher sein Schlüssel kommt (nie den
                     Schlüssel selbst).
  set ANBIETER       Den Schlüssel von stdin lesen und im Schlüsselbund speichern.
  delete ANBIETER    Den Schlüssel des Anbieters aus dem Schlüsselbund löschen.
  import [ANBIETER]  In der Umgebung oder .env-Datei gefundene Schlüssel in den
                     Schlüsselbund kopieren (alle, die dort noch fehlen, oder nur
                     ANBIETER).

Anbieter: %1
</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Agent Studio</source>
        <translation>Agent Studio</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspektor</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Data Folder</source>
        <translation>&amp;Datenordner öffnen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Search Threads</source>
        <translation>Unterhaltungen &amp;suchen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>&amp;Vollbild</translation>
    </message>
    <message>
        <source>&amp;Thread</source>
        <translation>&amp;Unterhaltung</translation>
    </message>
    <message>
        <source>Focus &amp;Composer</source>
        <translation>Eingabe&amp;feld fokussieren</translation>
    </message>
    <message>
        <source>&amp;Sandbox</source>
        <translation>&amp;Sandbox</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Agent Studio</source>
        <translation>Über &amp;Agent Studio</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Sandboxes</source>
        <translation>Sandboxen</translation>
    </message>
    <message>
        <source>%1 — Agent Studio</source>
        <translation>%1 — Agent Studio</translation>
    </message>
    <message>
        <source>&amp;New Thread</source>
        <translation>&amp;Neue Unterhaltung</translation>
    </message>
    <message>
        <source>&amp;Export Thread…</source>
        <translation>Unterhaltung &amp;exportieren …</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>E&amp;instellungen …</translation>
    </message>
    <message>
        <source>Show &amp;Right Panel</source>
        <translation>&amp;Rechtes Seitenfeld anzeigen</translation>
    </message>
    <message>
        <source>Tool-Call &amp;Inspector</source>
        <translation>Tool-Aufruf-&amp;Inspektor</translation>
    </message>
    <message>
        <source>&amp;Sandboxes</source>
        <translation>&amp;Sandboxen</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Design</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <source>&amp;Retry / Continue</source>
        <translation>&amp;Erneut versuchen / Fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Next Thread</source>
        <translation>&amp;Nächste Unterhaltung</translation>
    </message>
    <message>
        <source>&amp;Previous Thread</source>
        <translation>&amp;Vorige Unterhaltung</translation>
    </message>
    <message>
        <source>Re&amp;name Thread</source>
        <translation>Unterhaltung &amp;umbenennen</translation>
    </message>
    <message>
        <source>&amp;Pin / Unpin Thread</source>
        <translation>Unterhaltung &amp;anheften / lösen</translation>
    </message>
    <message>
        <source>&amp;Delete Thread…</source>
        <translation>Unterhaltung &amp;löschen …</translation>
    </message>
    <message>
        <source>&amp;Refresh Sandboxes</source>
        <translation>Sandboxen &amp;aktualisieren</translation>
    </message>
    <message>
        <source>Review Pending &amp;Approvals</source>
        <translation>Wartende &amp;Freigaben prüfen</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Follow the &amp;System</source>
        <translation>&amp;System folgen</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <source>&amp;Changes</source>
        <translation>Ä&amp;nderungen</translation>
    </message>
    <message>
        <source>Re&amp;wind…</source>
        <translation>&amp;Zurücksetzen …</translation>
    </message>
    <message>
        <source>&amp;Undo Rewind</source>
        <translation>Zurücksetzen &amp;rückgängig machen</translation>
    </message>
    <message>
        <source>Switch Approval &amp;Mode</source>
        <translation>Freigabe&amp;modus wechseln</translation>
    </message>
    <message>
        <source>Rewound the conversation into a new thread; the original stays.</source>
        <translation>Die Unterhaltung wurde in eine neue Unterhaltung zurückgesetzt; das Original bleibt erhalten.</translation>
    </message>
    <message>
        <source>Rewound: %1 restored. Undo Rewind in the Changes tab brings them back.</source>
        <translation>Zurückgesetzt: %1 wiederhergestellt. „Zurücksetzen rückgängig machen“ im Tab „Änderungen“ holt sie zurück.</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>The model for this thread, as provider/model (e.g. openai/gpt-4o-mini)</source>
        <translation>Das Modell dieser Unterhaltung, als Anbieter/Modell (z. B. openai/gpt-4o-mini)</translation>
    </message>
    <message>
        <source>Unknown provider &quot;%1&quot;; pick one from the list.</source>
        <translation>Unbekannter Anbieter „%1“; wählen Sie einen aus der Liste.</translation>
    </message>
</context>
<context>
    <name>PlanCard</name>
    <message>
        <source>The agent&apos;s plan</source>
        <translation>Der Plan des Agenten</translation>
    </message>
    <message>
        <source>&lt;b&gt;The agent&apos;s plan&lt;/b&gt; (Plan mode: nothing was changed). Run it, edit it first, or reject it.</source>
        <translation>&lt;b&gt;Der Plan des Agenten&lt;/b&gt; (Modus „Planen“: Nichts wurde geändert). Führen Sie ihn aus, bearbeiten Sie ihn vorher, oder lehnen Sie ihn ab.</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>&amp;Edit Plan</source>
        <translation>Plan &amp;bearbeiten</translation>
    </message>
    <message>
        <source>Run in A&amp;uto-edit</source>
        <translation>In &amp;Auto-Bearbeitung ausführen</translation>
    </message>
    <message>
        <source>Run in As&amp;k</source>
        <translation>Im Modus &amp;Fragen ausführen</translation>
    </message>
    <message>
        <source>Run in F&amp;ull</source>
        <translation>Mit &amp;Vollzugriff ausführen</translation>
    </message>
    <message>
        <source>Reason for rejecting the plan</source>
        <translation>Begründung für die Ablehnung des Plans</translation>
    </message>
    <message>
        <source>Why not? The agent reads this (optional)</source>
        <translation>Warum nicht? Der Agent liest diese Begründung (optional)</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>Ab&amp;lehnen</translation>
    </message>
</context>
<context>
    <name>PreviewConnection</name>
    <message>
        <source>Request timeout</source>
        <translation>Zeitüberschreitung der Anfrage</translation>
    </message>
    <message>
        <source>The browser sent no complete request.</source>
        <translation>Der Browser hat keine vollständige Anfrage gesendet.</translation>
    </message>
    <message>
        <source>Request too large</source>
        <translation>Anfrage zu groß</translation>
    </message>
    <message>
        <source>The request&apos;s headers are too large.</source>
        <translation>Die Header der Anfrage sind zu groß.</translation>
    </message>
    <message>
        <source>Bad request</source>
        <translation>Ungültige Anfrage</translation>
    </message>
    <message>
        <source>The request is not valid HTTP/1.x.</source>
        <translation>Die Anfrage ist kein gültiges HTTP/1.x.</translation>
    </message>
    <message>
        <source>Preview token required</source>
        <translation>Vorschau-Token erforderlich</translation>
    </message>
    <message>
        <source>This preview of a sandbox&apos;s port needs its token. Open the link Agent Studio gave (it carries ?%1=...), or send the header X-Daytona-Preview-Token.</source>
        <translation>Diese Vorschau eines Sandbox-Ports braucht ihr Token. Öffnen Sie den Link, den Agent Studio ausgegeben hat (er enthält ?%1=...), oder senden Sie den Header X-Daytona-Preview-Token.</translation>
    </message>
    <message>
        <source>Preview token not accepted</source>
        <translation>Vorschau-Token nicht akzeptiert</translation>
    </message>
    <message>
        <source>The token is wrong or has expired. Ask Agent Studio for a new preview link.</source>
        <translation>Das Token ist falsch oder abgelaufen. Lassen Sie sich von Agent Studio einen neuen Vorschau-Link geben.</translation>
    </message>
    <message>
        <source>Sandbox %1 is not running</source>
        <translation>Sandbox %1 läuft nicht</translation>
    </message>
    <message>
        <source>Sandbox %1 is stopped: start it (and the server in it), then reload this page.</source>
        <translation>Sandbox %1 ist gestoppt: Starten Sie sie (und den Server darin) und laden Sie diese Seite dann neu.</translation>
    </message>
    <message>
        <source>Nothing listens on port %1</source>
        <translation>Auf Port %1 lauscht nichts</translation>
    </message>
    <message>
        <source>Nothing listens on port %1 in sandbox %2: start the server first (for example python3 -m http.server %1 in the sandbox), then reload this page.</source>
        <translation>In Sandbox %2 lauscht nichts auf Port %1: Starten Sie zuerst den Server (zum Beispiel python3 -m http.server %1 in der Sandbox) und laden Sie diese Seite dann neu.</translation>
    </message>
    <message>
        <source>Could not reach port %1 in sandbox %2 (%3). Reload the page; if this persists, restart the sandbox.</source>
        <translation>Port %1 in Sandbox %2 ist nicht erreichbar (%3). Laden Sie die Seite neu; wenn das so bleibt, starten Sie die Sandbox neu.</translation>
    </message>
    <message>
        <source>Preview failed</source>
        <translation>Vorschau fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>PricesPage</name>
    <message>
        <source>Prices in US dollars per million tokens, and each model&apos;s context window. The list prices were taken on %1; set your own for custom and local models, or where a price changed. Servers on this computer (Ollama, LM Studio) cost nothing unless you set a price. A model without a price shows &quot;no price&quot;.</source>
        <translation>Preise in US-Dollar pro Million Tokens und das Kontextfenster jedes Modells. Die Listenpreise wurden am %1 erhoben; legen Sie eigene für benutzerdefinierte und lokale Modelle fest, oder wo sich ein Preis geändert hat. Server auf diesem Computer (Ollama, LM Studio) kosten nichts, sofern Sie keinen Preis festlegen. Ein Modell ohne Preis zeigt „kein Preis“.</translation>
    </message>
    <message>
        <source>Model prices</source>
        <translation>Modellpreise</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Cached input</source>
        <translation>Eingabe aus dem Cache</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Kontext</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Model to price</source>
        <translation>Modell, dessen Preis festgelegt wird</translation>
    </message>
    <message>
        <source>M&amp;odel:</source>
        <translation>M&amp;odell:</translation>
    </message>
    <message>
        <source>Input price per million tokens</source>
        <translation>Eingabepreis pro Million Tokens</translation>
    </message>
    <message>
        <source>&amp;Input per 1M tokens:</source>
        <translation>&amp;Eingabe pro 1 Mio. Tokens:</translation>
    </message>
    <message>
        <source>Cached input price per million tokens</source>
        <translation>Preis für Eingabe aus dem Cache pro Million Tokens</translation>
    </message>
    <message>
        <source>&amp;Cached input per 1M tokens:</source>
        <translation>Eingabe aus dem &amp;Cache pro 1 Mio. Tokens:</translation>
    </message>
    <message>
        <source>Output price per million tokens</source>
        <translation>Ausgabepreis pro Million Tokens</translation>
    </message>
    <message>
        <source>O&amp;utput per 1M tokens:</source>
        <translation>A&amp;usgabe pro 1 Mio. Tokens:</translation>
    </message>
    <message>
        <source>Context window in tokens</source>
        <translation>Kontextfenster in Tokens</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> Tokens</translation>
    </message>
    <message>
        <source>Context &amp;window:</source>
        <translation>Kontext&amp;fenster:</translation>
    </message>
    <message>
        <source>Use &amp;This Price</source>
        <translation>&amp;Diesen Preis verwenden</translation>
    </message>
    <message>
        <source>Use this price</source>
        <translation>Diesen Preis verwenden</translation>
    </message>
    <message>
        <source>Remove My &amp;Price</source>
        <translation>Meinen &amp;Preis entfernen</translation>
    </message>
    <message>
        <source>Remove my price</source>
        <translation>Meinen Preis entfernen</translation>
    </message>
    <message>
        <source>list, %1</source>
        <translation>Listenpreis, %1</translation>
    </message>
    <message>
        <source>yours</source>
        <translation>eigener Preis</translation>
    </message>
    <message>
        <source>local: free</source>
        <translation>lokal: kostenlos</translation>
    </message>
    <message>
        <source>no price</source>
        <translation>kein Preis</translation>
    </message>
</context>
<context>
    <name>ProcessOutputView</name>
    <message>
        <source>Background process output</source>
        <translation>Ausgabe des Hintergrundprozesses</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Process state</source>
        <translation>Prozessstatus</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stoppen</translation>
    </message>
    <message>
        <source>End the process and everything it started (Ctrl+Shift+X)</source>
        <translation>Den Prozess und alles, was er gestartet hat, beenden (Strg+Umschalt+X)</translation>
    </message>
    <message>
        <source>Stop process</source>
        <translation>Prozess stoppen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+X</source>
        <translation>Ctrl+Shift+X</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Output of %1</source>
        <translation>Ausgabe von %1</translation>
    </message>
    <message>
        <source>unknown process</source>
        <translation>unbekannter Prozess</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>startet …</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation>beendet mit Code %1</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>stopping…</source>
        <translation>wird gestoppt …</translation>
    </message>
</context>
<context>
    <name>ProcessService</name>
    <message>
        <source>Its session or sandbox is gone.</source>
        <translation>Seine Sitzung oder Sandbox ist nicht mehr da.</translation>
    </message>
    <message>
        <source>Its output could no longer be read: %1</source>
        <translation>Seine Ausgabe konnte nicht mehr gelesen werden: %1</translation>
    </message>
    <message>
        <source>There is no background process %1.</source>
        <translation>Es gibt keinen Hintergrundprozess %1.</translation>
    </message>
    <message>
        <source>Could not stop it: %1</source>
        <translation>Er konnte nicht gestoppt werden: %1</translation>
    </message>
    <message>
        <source>Its sandbox was stopped or deleted.</source>
        <translation>Seine Sandbox wurde gestoppt oder gelöscht.</translation>
    </message>
</context>
<context>
    <name>ProvidersPage</name>
    <message>
        <source>Paste a new key to store it in the keychain</source>
        <translation>Einen neuen Schlüssel einfügen, um ihn im Schlüsselbund zu speichern</translation>
    </message>
    <message>
        <source>Optional: most local servers need no key</source>
        <translation>Optional: Die meisten lokalen Server brauchen keinen Schlüssel</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Show the key you are typing (a stored key is never shown)</source>
        <translation>Den eingegebenen Schlüssel anzeigen (ein gespeicherter Schlüssel wird nie angezeigt)</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-Sch&amp;lüssel:</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Vergessen</translation>
    </message>
    <message>
        <source>Delete this provider&apos;s key from the keychain</source>
        <translation>Den Schlüssel dieses Anbieters aus dem Schlüsselbund löschen</translation>
    </message>
    <message>
        <source>Current key:</source>
        <translation>Aktueller Schlüssel:</translation>
    </message>
    <message>
        <source>Required, e.g. http://localhost:8000/v1</source>
        <translation>Erforderlich, z. B. http://localhost:8000/v1</translation>
    </message>
    <message>
        <source>Base &amp;URL:</source>
        <translation>Basis-&amp;URL:</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Testen</translation>
    </message>
    <message>
        <source>List the models this server offers</source>
        <translation>Die Modelle auflisten, die dieser Server anbietet</translation>
    </message>
    <message>
        <source>List the models this key can use</source>
        <translation>Die Modelle auflisten, die dieser Schlüssel nutzen kann</translation>
    </message>
    <message>
        <source>Checking the OS keychain…</source>
        <translation>Schlüsselbund des Systems wird geprüft …</translation>
    </message>
    <message>
        <source>Keys you enter here are stored in the OS keychain (service &quot;%1&quot;), never in a file.</source>
        <translation>Schlüssel, die Sie hier eingeben, werden im Schlüsselbund des Systems gespeichert (Dienst „%1“), nie in einer Datei.</translation>
    </message>
    <message>
        <source>No OS keychain is available, so keys you enter are kept in memory for this session only and must be entered again after a restart (keys in the environment or a .env file still work).
%1</source>
        <translation>Es ist kein Schlüsselbund des Systems verfügbar, daher werden eingegebene Schlüssel nur für diese Sitzung im Speicher gehalten und müssen nach einem Neustart erneut eingegeben werden (Schlüssel in der Umgebung oder einer .env-Datei funktionieren weiterhin).
%1</translation>
    </message>
    <message>
        <source>No key set.</source>
        <translation>Kein Schlüssel gesetzt.</translation>
    </message>
    <message>
        <source>Stored in the OS keychain.</source>
        <translation>Im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>Kept in memory for this session only (no OS keychain).</source>
        <translation>Nur für diese Sitzung im Speicher gehalten (kein Schlüsselbund des Systems).</translation>
    </message>
    <message>
        <source>From the environment variable %1.</source>
        <translation>Aus der Umgebungsvariable %1.</translation>
    </message>
    <message>
        <source>From the .env file %1 (%2).</source>
        <translation>Aus der .env-Datei %1 (%2).</translation>
    </message>
    <message>
        <source>Could not delete the key: %1</source>
        <translation>Der Schlüssel konnte nicht gelöscht werden: %1</translation>
    </message>
    <message>
        <source>Storing the key…</source>
        <translation>Schlüssel wird gespeichert …</translation>
    </message>
    <message>
        <source>The key was not stored: %1</source>
        <translation>Der Schlüssel wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Listing models…</source>
        <translation>Modelle werden abgerufen …</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) available.</source>
        <translation>
            <numerusform>%n Modell verfügbar.</numerusform>
            <numerusform>%n Modelle verfügbar.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Agent Studio cannot start</source>
        <translation>Agent Studio kann nicht starten</translation>
    </message>
</context>
<context>
    <name>ResendBar</name>
    <message>
        <source>Editing the last message</source>
        <translation>Letzte Nachricht wird bearbeitet</translation>
    </message>
    <message>
        <source>Editing your last message. When it is sent:</source>
        <translation>Sie bearbeiten Ihre letzte Nachricht. Beim Senden:</translation>
    </message>
    <message>
        <source>&amp;Keep the original in its thread (fork)</source>
        <translation>Original in seiner Unterhaltung &amp;behalten (abzweigen)</translation>
    </message>
    <message>
        <source>Send the edited message in a new thread</source>
        <translation>Die bearbeitete Nachricht in einer neuen Unterhaltung senden</translation>
    </message>
    <message>
        <source>A new thread with the conversation before this message gets the edited message; this thread stays as it is</source>
        <translation>Eine neue Unterhaltung mit dem Verlauf vor dieser Nachricht erhält die bearbeitete Nachricht; diese Unterhaltung bleibt, wie sie ist</translation>
    </message>
    <message>
        <source>&amp;Replace it here (truncate)</source>
        <translation>Hier &amp;ersetzen (kürzen)</translation>
    </message>
    <message>
        <source>Replace the message and what followed in this thread</source>
        <translation>Die Nachricht und alles Folgende in dieser Unterhaltung ersetzen</translation>
    </message>
    <message>
        <source>This message, the answer to it and everything after it are removed from this thread, and the edited message takes its place</source>
        <translation>Diese Nachricht, die Antwort darauf und alles danach werden aus dieser Unterhaltung entfernt, und die bearbeitete Nachricht tritt an ihre Stelle</translation>
    </message>
    <message>
        <source>Cancel Edit</source>
        <translation>Bearbeiten abbrechen</translation>
    </message>
    <message>
        <source>Cancel the edit</source>
        <translation>Bearbeitung abbrechen</translation>
    </message>
    <message>
        <source>Stop editing; the conversation stays as it is (Escape)</source>
        <translation>Bearbeiten beenden; die Unterhaltung bleibt, wie sie ist (Esc)</translation>
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
        <translation>Aufruf: agent-studio rewind UNTERHALTUNG --to SCHRITT
                            [--files | --conversation | --both] [--dry-run]
        agent-studio rewind UNTERHALTUNG --undo

Setzt die Unterhaltung auf den Punkt zurück, an dem Schritt SCHRITT endete (0: ihr
Beginn; siehe &apos;agent-studio changes UNTERHALTUNG --steps&apos;):
  --files         die Dateien der Sandbox gehen zurück; die Unterhaltung bleibt
                  (Standard)
  --conversation  an diesem Punkt wird eine neue Unterhaltung abgezweigt (das
                  Original bleibt) und erhält die Sandbox; die Dateien bleiben,
                  wie sie sind
  --both          beides
  --dry-run       ausgeben, was sich ändern würde, nichts ändern
  --undo          das letzte Zurücksetzen der Unterhaltung rückgängig machen
                  (Dateien)

Die Dateien vor einem Zurücksetzen werden als Checkpoint aufbewahrt, daher lässt sich
ein Zurücksetzen rückgängig machen. Abgelehnt, solange in der Unterhaltung ein Lauf
läuft oder wenn ihre Sandbox gelöscht wurde.
</translation>
    </message>
</context>
<context>
    <name>RewindDialog</name>
    <message>
        <source>remove</source>
        <translation>entfernen</translation>
    </message>
    <message>
        <source>bring back</source>
        <translation>zurückholen</translation>
    </message>
    <message>
        <source>restore</source>
        <translation>wiederherstellen</translation>
    </message>
    <message>
        <source>Rewind</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Go back to</source>
        <translation>Zurück zu</translation>
    </message>
    <message>
        <source>Before your message</source>
        <translation>Vor Ihrer Nachricht</translation>
    </message>
    <message>
        <source>Before your message “%1”</source>
        <translation>Vor Ihrer Nachricht „%1“</translation>
    </message>
    <message>
        <source>The thread&apos;s beginning</source>
        <translation>Beginn der Unterhaltung</translation>
    </message>
    <message>
        <source>After step %1</source>
        <translation>Nach Schritt %1</translation>
    </message>
    <message>
        <source>%1, +%2 −%3</source>
        <translation>%1, +%2 −%3</translation>
    </message>
    <message>
        <source>&amp;Files only (the conversation stays)</source>
        <translation>Nur &amp;Dateien (die Unterhaltung bleibt)</translation>
    </message>
    <message>
        <source>&amp;Conversation only (a new thread from there; files stay)</source>
        <translation>Nur die &amp;Unterhaltung (eine neue Unterhaltung ab dort; die Dateien bleiben)</translation>
    </message>
    <message>
        <source>&amp;Both (a new thread, and the files go back)</source>
        <translation>&amp;Beides (eine neue Unterhaltung, und die Dateien gehen zurück)</translation>
    </message>
    <message>
        <source>What the rewind changes</source>
        <translation>Was das Zurücksetzen ändert</translation>
    </message>
    <message>
        <source>A rewind is itself a checkpoint: “Undo Rewind” in the Changes tab brings the files back.</source>
        <translation>Ein Zurücksetzen ist selbst ein Checkpoint: „Zurücksetzen rückgängig machen“ im Tab „Änderungen“ holt die Dateien zurück.</translation>
    </message>
    <message>
        <source>&amp;Rewind</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Go back to:</source>
        <translation>Zurück zum &amp;Punkt:</translation>
    </message>
    <message>
        <source>Rewind:</source>
        <translation>Zurücksetzen:</translation>
    </message>
    <message>
        <source>Working out what would change…</source>
        <translation>Ermittle, was sich ändern würde …</translation>
    </message>
    <message>
        <source>The files are already as they were then: nothing to restore.</source>
        <translation>Die Dateien sind bereits so wie damals: Nichts wiederherzustellen.</translation>
    </message>
    <message>
        <source>Back to how they were when the thread began (%1):</source>
        <translation>Zurück zum Stand bei Beginn der Unterhaltung (%1):</translation>
    </message>
    <message>
        <source>Back to how they were after step %1 (%2):</source>
        <translation>Zurück zum Stand nach Schritt %1 (%2):</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%2 %1 (%3)</translation>
    </message>
    <message>
        <source>Rewinding…</source>
        <translation>Wird zurückgesetzt …</translation>
    </message>
    <message numerus="yes">
        <source>A new thread starts with the first %n message(s);</source>
        <translation>
            <numerusform>Eine neue Unterhaltung beginnt mit der ersten Nachricht;</numerusform>
            <numerusform>Eine neue Unterhaltung beginnt mit den ersten %n Nachrichten;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n later message(s) left out. The original thread stays as it is.</source>
        <translation>
            <numerusform>%n spätere Nachricht wird weggelassen. Die ursprüngliche Unterhaltung bleibt, wie sie ist.</numerusform>
            <numerusform>%n spätere Nachrichten werden weggelassen. Die ursprüngliche Unterhaltung bleibt, wie sie ist.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RuleEditDialog</name>
    <message>
        <source>Add an Approval Rule</source>
        <translation>Freigaberegel hinzufügen</translation>
    </message>
    <message>
        <source>Edit an Approval Rule</source>
        <translation>Freigaberegel bearbeiten</translation>
    </message>
    <message>
        <source>Allow (runs without asking)</source>
        <translation>Erlauben (läuft ohne Nachfrage)</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>Fragen</translation>
    </message>
    <message>
        <source>Deny (never runs)</source>
        <translation>Verbieten (läuft nie)</translation>
    </message>
    <message>
        <source>Any call of the tool</source>
        <translation>Jeder Aufruf des Tools</translation>
    </message>
    <message>
        <source>Exactly</source>
        <translation>Genau</translation>
    </message>
    <message>
        <source>Starting with</source>
        <translation>Beginnend mit</translation>
    </message>
    <message>
        <source>Pattern (* and **)</source>
        <translation>Muster (* und **)</translation>
    </message>
    <message>
        <source>python3 -m pytest *   or   src/**/*.py</source>
        <translation>python3 -m pytest *   oder   src/**/*.py</translation>
    </message>
    <message>
        <source>any sandbox</source>
        <translation>jede Sandbox</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>Überall</translation>
    </message>
    <message>
        <source>Only in the thread it was made in</source>
        <translation>Nur in der Unterhaltung, in der sie angelegt wurde</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Aktion:</translation>
    </message>
    <message>
        <source>&amp;Tool:</source>
        <translation>&amp;Tool:</translation>
    </message>
    <message>
        <source>&amp;Matches:</source>
        <translation>Trifft &amp;zu auf:</translation>
    </message>
    <message>
        <source>&amp;Command or path:</source>
        <translation>Befehl oder &amp;Pfad:</translation>
    </message>
    <message>
        <source>Sand&amp;box:</source>
        <translation>Sand&amp;box:</translation>
    </message>
    <message>
        <source>S&amp;cope:</source>
        <translation>&amp;Geltungsbereich:</translation>
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
        <translation>Aufruf: agent-studio run [OPTIONEN] PROMPT

Führt den Programmieragenten ohne Fenster aus und gibt das Schrittprotokoll aus: ein
JSON-Objekt pro Schritt auf der Standardausgabe (oder eine Kurzform mit
--log-format pretty).

Optionen:
  --model ANBIETER/MODELL  z. B. openai/gpt-4o-mini (Standard: MODEL, dann die
                           Einstellung)
  --sandbox local|daytona  wo Code läuft (Standard: die Einstellung; automatisch:
                           Daytona, wenn ein Daytona-Schlüssel im Schlüsselbund liegt
                           oder DAYTONA_API_KEY gesetzt ist, sonst lokale
                           bubblewrap-Sandboxen)
  --approve auto|ask|deny  Tool-Aufrufe, die eine Freigabe brauchen: ausführen
                           (auto), im Terminal fragen (ask, Standard im Terminal)
                           oder ablehnen (deny, Standard ohne Terminal)
  --mode plan|ask|auto-edit|full
                           der Freigabemodus der Unterhaltung (bleibt für die
                           Unterhaltung gespeichert): plan führt nur lesende Tools
                           aus und endet mit einem Plan zur Freigabe; ask fragt vor
                           Änderungen; auto-edit führt Dateiänderungen aus und fragt
                           vor Befehlen; full führt alles aus, was keine Regel
                           verbietet (Standard: der Modus der Unterhaltung, sonst
                           der Standard aus den Einstellungen)
  --approve-plan MODUS     mit --thread: den wartenden Plan der Unterhaltung in MODUS
                           ausführen (auto-edit, ask oder full)
  --reject-plan GRUND      mit --thread: den wartenden Plan der Unterhaltung ablehnen
  --max-steps N            nach N Modellschritten anhalten (Standard 20)
  --thread ID              diese Unterhaltung fortsetzen, statt eine neue zu beginnen
  --continue               mit --thread: dort weitermachen, wo ihr letzter Lauf
                           anhielt (kein PROMPT)
  --log-format json|pretty die Form des Schrittprotokolls (Standard json)

Exit-Status: 0, wenn der Lauf fertig ist; 1, wenn er fehlschlug; 2 bei falschen
Argumenten; 3, wenn er am Schrittlimit anhielt; 130 bei Abbruch (Strg+C).
</translation>
    </message>
</context>
<context>
    <name>RunStatusBar</name>
    <message>
        <source>Tokens used by this thread&apos;s runs (input / output)</source>
        <translation>Von den Läufen dieser Unterhaltung verbrauchte Tokens (Eingabe / Ausgabe)</translation>
    </message>
    <message>
        <source>Sandboxes: local or Daytona</source>
        <translation>Sandboxen: lokal oder Daytona</translation>
    </message>
    <message>
        <source>Sandboxes: local</source>
        <translation>Sandboxen: lokal</translation>
    </message>
    <message>
        <source>Agent unavailable</source>
        <translation>Agent nicht verfügbar</translation>
    </message>
    <message>
        <source>No thread selected</source>
        <translation>Keine Unterhaltung ausgewählt</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Läuft …</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Last run failed: %1</source>
        <translation>Letzter Lauf fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Last run was stopped</source>
        <translation>Letzter Lauf wurde gestoppt</translation>
    </message>
    <message>
        <source>Last run was interrupted; Continue picks it up</source>
        <translation>Letzter Lauf wurde unterbrochen; „Fortsetzen“ macht dort weiter</translation>
    </message>
    <message>
        <source>Tokens: %1 in · %2 out</source>
        <translation>Tokens: %1 ein · %2 aus</translation>
    </message>
    <message>
        <source>Running with %1…</source>
        <translation>Läuft mit %1 …</translation>
    </message>
    <message>
        <source>Step %1: thinking…</source>
        <translation>Schritt %1: denkt nach …</translation>
    </message>
    <message>
        <source>Step %1: %2</source>
        <translation>Schritt %1: %2</translation>
    </message>
    <message>
        <source>Waiting for your approval of %1</source>
        <translation>Wartet auf Ihre Freigabe von %1</translation>
    </message>
    <message>
        <source>Stopped at the step limit; Continue goes on</source>
        <translation>Am Schrittlimit angehalten; „Fortsetzen“ macht weiter</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>Stopped at the thread&apos;s budget</source>
        <translation>Am Budget der Unterhaltung angehalten</translation>
    </message>
</context>
<context>
    <name>RunTreeModel</name>
    <message>
        <source>first token after %1</source>
        <translation>erstes Token nach %1</translation>
    </message>
    <message>
        <source>not valid JSON: %1</source>
        <translation>kein gültiges JSON: %1</translation>
    </message>
    <message>
        <source>Select a step (or something in it) to copy its step-log line.</source>
        <translation>Wählen Sie einen Schritt (oder etwas darin), um seine Schrittprotokoll-Zeile zu kopieren.</translation>
    </message>
    <message>
        <source>This step is still running; its step-log line is written when it ends.</source>
        <translation>Dieser Schritt läuft noch; seine Schrittprotokoll-Zeile wird geschrieben, wenn er endet.</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>Run %1 · %2 · started %3
%4</source>
        <translation>Lauf %1 · %2 · gestartet %3
%4</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>läuft …</translation>
    </message>
    <message>
        <source>First token after %1</source>
        <translation>Erstes Token nach %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Begründung: %1</translation>
    </message>
    <message>
        <source>%1 characters; press Enter to see the whole value</source>
        <translation>%1 Zeichen; drücken Sie die Eingabetaste, um den ganzen Wert zu sehen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 in · %2 out</source>
        <translation>%1 ein · %2 aus</translation>
    </message>
    <message>
        <source>Input %1 (cached %2) · output %3 (reasoning %4) · total %5</source>
        <translation>Eingabe %1 (aus dem Cache %2) · Ausgabe %3 (Überlegungen %4) · gesamt %5</translation>
    </message>
    <message>
        <source>… (%1 characters)</source>
        <translation>… (%1 Zeichen)</translation>
    </message>
    <message>
        <source>waiting for approval</source>
        <translation>wartet auf Freigabe</translation>
    </message>
    <message>
        <source>proposed</source>
        <translation>vorgeschlagen</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>freigegeben</translation>
    </message>
    <message>
        <source>denied</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>outcome unknown</source>
        <translation>Ergebnis unbekannt</translation>
    </message>
    <message>
        <source> · auto-approved</source>
        <translation> · automatisch freigegeben</translation>
    </message>
    <message>
        <source> · approved</source>
        <translation> · freigegeben</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>completed: %1</source>
        <translation>abgeschlossen: %1</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>waiting for your answer</source>
        <translation>wartet auf Ihre Antwort</translation>
    </message>
    <message>
        <source>approved automatically</source>
        <translation>automatisch freigegeben</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 (exit code %2)</source>
        <translation>%1 (Exit-Code %2)</translation>
    </message>
    <message>
        <source>mode %1</source>
        <translation>Modus %1</translation>
    </message>
    <message>
        <source>rule: %1</source>
        <translation>Regel: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n Datei</numerusform>
            <numerusform>%n Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n process(es)</source>
        <translation>
            <numerusform>%n Prozess</numerusform>
            <numerusform>%n Prozesse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{%n field(s)}</source>
        <translation>
            <numerusform>{%n Feld}</numerusform>
            <numerusform>{%n Felder}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n Element]</numerusform>
            <numerusform>[%n Elemente]</numerusform>
        </translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
</context>
<context>
    <name>SandboxDetailsPane</name>
    <message>
        <source>Sandbox details</source>
        <translation>Sandbox-Details</translation>
    </message>
    <message>
        <source>Select a sandbox to see its details.</source>
        <translation>Wählen Sie eine Sandbox, um ihre Details zu sehen.</translation>
    </message>
    <message>
        <source>Sandbox:</source>
        <translation>Sandbox:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <source>Thread:</source>
        <translation>Unterhaltung:</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Erstellt:</translation>
    </message>
    <message>
        <source>Last active:</source>
        <translation>Zuletzt aktiv:</translation>
    </message>
    <message>
        <source>Network:</source>
        <translation>Netzwerk:</translation>
    </message>
    <message>
        <source>Resources:</source>
        <translation>Ressourcen:</translation>
    </message>
    <message>
        <source>Lifecycle:</source>
        <translation>Lebenszyklus:</translation>
    </message>
    <message>
        <source>Labels:</source>
        <translation>Labels:</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>Umgebung:</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>none of this app&apos;s threads</source>
        <translation>keine Unterhaltung dieser App</translation>
    </message>
    <message>
        <source>%1 (last change)</source>
        <translation>%1 (letzte Änderung)</translation>
    </message>
    <message>
        <source>%1 memory</source>
        <translation>%1 Arbeitsspeicher</translation>
    </message>
    <message>
        <source>%1 disk</source>
        <translation>%1 Festplatte</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>nicht gemeldet</translation>
    </message>
    <message>
        <source>auto-stop: %1; auto-delete: %2</source>
        <translation>automatisch stoppen: %1; automatisch löschen: %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>no variables</source>
        <translation>keine Variablen</translation>
    </message>
    <message>
        <source>%1 (values hidden)</source>
        <translation>%1 (Werte verborgen)</translation>
    </message>
</context>
<context>
    <name>SandboxFileBrowser</name>
    <message>
        <source>Files of %1</source>
        <translation>Dateien von %1</translation>
    </message>
    <message>
        <source>Folder inside the sandbox, e.g. /home/daytona</source>
        <translation>Ordner in der Sandbox, z. B. /home/daytona</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Los</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Select a file to see its content.</source>
        <translation>Wählen Sie eine Datei, um ihren Inhalt zu sehen.</translation>
    </message>
    <message>
        <source>&amp;Download…</source>
        <translation>&amp;Herunterladen …</translation>
    </message>
    <message>
        <source>Could not find the sandbox&apos;s home folder (%1); showing /.</source>
        <translation>Der Home-Ordner der Sandbox wurde nicht gefunden (%1); / wird angezeigt.</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Could not list %1: %2</source>
        <translation>%1 konnte nicht aufgelistet werden: %2</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 ist leer.</translation>
    </message>
    <message>
        <source>%1 is %2; files above %3 are not shown here. Use Download to save it to this computer.</source>
        <translation>%1 ist %2 groß; Dateien über %3 werden hier nicht angezeigt. Speichern Sie sie mit „Herunterladen“ auf diesem Computer.</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen …</translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation>%1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 is too large to show here. Use Download to save it to this computer.</source>
        <translation>%1 ist zu groß, um hier angezeigt zu werden. Speichern Sie die Datei mit „Herunterladen“ auf diesem Computer.</translation>
    </message>
    <message>
        <source>%1 is a binary file (%2) and is not shown. Use Download to save it to this computer.</source>
        <translation>%1 ist eine Binärdatei (%2) und wird nicht angezeigt. Speichern Sie sie mit „Herunterladen“ auf diesem Computer.</translation>
    </message>
    <message>
        <source>%1 (%2, read-only)</source>
        <translation>%1 (%2, schreibgeschützt)</translation>
    </message>
    <message>
        <source>Save File From Sandbox</source>
        <translation>Datei aus der Sandbox speichern</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>%1 wird heruntergeladen …</translation>
    </message>
    <message>
        <source>Could not download %1: %2</source>
        <translation>%1 konnte nicht heruntergeladen werden: %2</translation>
    </message>
    <message>
        <source>Could not save %1: %2. Choose another folder and try again.</source>
        <translation>%1 konnte nicht gespeichert werden: %2. Wählen Sie einen anderen Ordner und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Saved %1 to %2.</source>
        <translation>%1 nach %2 gespeichert.</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>File content</source>
        <translation>Dateiinhalt</translation>
    </message>
</context>
<context>
    <name>SandboxHostCheck</name>
    <message>
        <source>Or use Daytona&apos;s cloud sandboxes instead (Settings &gt; Daytona, or DAYTONA_API_KEY).</source>
        <translation>Oder verwenden Sie stattdessen die Cloud-Sandboxen von Daytona (Einstellungen &gt; Daytona, oder DAYTONA_API_KEY).</translation>
    </message>
    <message>
        <source>bubblewrap (bwrap) is not installed, so the agent cannot create local sandboxes. Install it: sudo apt install bubblewrap (Fedora: sudo dnf install bubblewrap), then start Agent Studio again.</source>
        <translation>bubblewrap (bwrap) ist nicht installiert, daher kann der Agent keine lokalen Sandboxen anlegen. Installieren Sie es: sudo apt install bubblewrap (Fedora: sudo dnf install bubblewrap), und starten Sie Agent Studio dann neu.</translation>
    </message>
    <message>
        <source>bubblewrap cannot create sandboxes: unprivileged user namespaces are switched off (kernel.unprivileged_userns_clone = 0). Switch them on: sudo sysctl -w kernel.unprivileged_userns_clone=1, and keep it after a restart: echo kernel.unprivileged_userns_clone=1 | sudo tee /etc/sysctl.d/90-agent-studio.conf</source>
        <translation>bubblewrap kann keine Sandboxen anlegen: Unprivilegierte User-Namespaces sind abgeschaltet (kernel.unprivileged_userns_clone = 0). Schalten Sie sie ein: sudo sysctl -w kernel.unprivileged_userns_clone=1, und behalten Sie die Einstellung über einen Neustart hinaus: echo kernel.unprivileged_userns_clone=1 | sudo tee /etc/sysctl.d/90-agent-studio.conf</translation>
    </message>
    <message>
        <source>bubblewrap cannot create sandboxes: user namespaces are switched off (user.max_user_namespaces = 0). Allow them: sudo sysctl -w user.max_user_namespaces=15000, and keep it after a restart: echo user.max_user_namespaces=15000 | sudo tee /etc/sysctl.d/90-agent-studio.conf</source>
        <translation>bubblewrap kann keine Sandboxen anlegen: User-Namespaces sind abgeschaltet (user.max_user_namespaces = 0). Erlauben Sie sie: sudo sysctl -w user.max_user_namespaces=15000, und behalten Sie die Einstellung über einen Neustart hinaus: echo user.max_user_namespaces=15000 | sudo tee /etc/sysctl.d/90-agent-studio.conf</translation>
    </message>
    <message>
        <source>bubblewrap cannot create sandboxes: AppArmor restricts unprivileged user namespaces here (kernel.apparmor_restrict_unprivileged_userns = 1) and Agent Studio&apos;s AppArmor profile is not loaded. Load it: sudo apparmor_parser -r %1, then start Agent Studio again.</source>
        <translation>bubblewrap kann keine Sandboxen anlegen: AppArmor schränkt hier unprivilegierte User-Namespaces ein (kernel.apparmor_restrict_unprivileged_userns = 1), und das AppArmor-Profil von Agent Studio ist nicht geladen. Laden Sie es: sudo apparmor_parser -r %1, und starten Sie Agent Studio dann neu.</translation>
    </message>
    <message>
        <source>bubblewrap cannot create sandboxes: AppArmor restricts unprivileged user namespaces here (kernel.apparmor_restrict_unprivileged_userns = 1). Install Agent Studio from its .deb package, which adds the AppArmor profile %1 that allows them for its sandboxes; built from source, copy build/packaging/apparmor/agent-studio there and load it: sudo apparmor_parser -r %1.</source>
        <translation>bubblewrap kann keine Sandboxen anlegen: AppArmor schränkt hier unprivilegierte User-Namespaces ein (kernel.apparmor_restrict_unprivileged_userns = 1). Installieren Sie Agent Studio aus seinem .deb-Paket, das das AppArmor-Profil %1 hinzufügt, welches sie für seine Sandboxen erlaubt; bei einem Build aus den Quellen kopieren Sie build/packaging/apparmor/agent-studio dorthin und laden es: sudo apparmor_parser -r %1.</translation>
    </message>
    <message>
        <source>bubblewrap could not create a sandboxed process here (%1). Check that user namespaces are allowed for your user.</source>
        <translation>bubblewrap konnte hier keinen Prozess in einer Sandbox anlegen (%1). Prüfen Sie, ob User-Namespaces für Ihren Benutzer erlaubt sind.</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>Exit-Code %1</translation>
    </message>
</context>
<context>
    <name>SandboxLifecycleDialog</name>
    <message>
        <source>Lifecycle of %1</source>
        <translation>Lebenszyklus von %1</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Stop after idle minutes</source>
        <translation>Nach so vielen untätigen Minuten stoppen</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Delete days after it stops</source>
        <translation>So viele Tage nach dem Stoppen löschen</translation>
    </message>
    <message>
        <source>&amp;Stop when idle for:</source>
        <translation>&amp;Stoppen nach Untätigkeit von:</translation>
    </message>
    <message>
        <source>&amp;Delete when stopped for:</source>
        <translation>&amp;Löschen nach gestoppt seit:</translation>
    </message>
    <message>
        <source>Idle: no command, file access or agent run; a live background process keeps it awake. 0 days deletes it as soon as it stops.</source>
        <translation>Untätig: kein Befehl, kein Dateizugriff und kein Lauf des Agenten; ein laufender Hintergrundprozess hält sie wach. 0 Tage löscht sie, sobald sie stoppt.</translation>
    </message>
</context>
<context>
    <name>SandboxListModel</name>
    <message>
        <source>error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Thread #%1</source>
        <translation>Unterhaltung #%1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Thread</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>startet …</translation>
    </message>
    <message>
        <source>stopping…</source>
        <translation>wird gestoppt …</translation>
    </message>
    <message>
        <source>deleting…</source>
        <translation>wird gelöscht …</translation>
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
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 / %2 CPU</source>
        <translation>%1 / %2 CPU</translation>
    </message>
    <message>
        <source>%1 CPU</source>
        <translation>%1 CPU</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>after %1 idle</source>
        <translation>nach %1 Untätigkeit</translation>
    </message>
    <message>
        <source>stops now</source>
        <translation>stoppt jetzt</translation>
    </message>
    <message>
        <source>stops in %1</source>
        <translation>stoppt in %1</translation>
    </message>
    <message>
        <source>when stopped</source>
        <translation>wenn gestoppt</translation>
    </message>
    <message>
        <source>%1 after it stops</source>
        <translation>%1 nach dem Stoppen</translation>
    </message>
    <message>
        <source>deleted now</source>
        <translation>wird jetzt gelöscht</translation>
    </message>
    <message>
        <source>deleted in %1</source>
        <translation>wird in %1 gelöscht</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Allowlist: %1</source>
        <translation>Erlaubte Netze: %1</translation>
    </message>
    <message>
        <source>What the sandbox uses now (measured for local sandboxes, as the API reports for Daytona) against what it may use</source>
        <translation>Was die Sandbox jetzt nutzt (gemessen bei lokalen Sandboxen, wie die API es für Daytona meldet) im Vergleich zu dem, was sie nutzen darf</translation>
    </message>
    <message>
        <source>No network: fixed when the sandbox was created</source>
        <translation>Kein Netzwerk: beim Anlegen der Sandbox festgelegt</translation>
    </message>
    <message>
        <source>Network open; a local sandbox never reaches this computer&apos;s own addresses or services. Fixed when the sandbox was created.</source>
        <translation>Netzwerk offen; eine lokale Sandbox erreicht nie die eigenen Adressen oder Dienste dieses Computers. Beim Anlegen der Sandbox festgelegt.</translation>
    </message>
    <message>
        <source>Only these networks: %1. Fixed when the sandbox was created.</source>
        <translation>Nur diese Netze: %1. Beim Anlegen der Sandbox festgelegt.</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n process(es)</source>
        <translation>
            <numerusform>%1 · %n Prozess</numerusform>
            <numerusform>%1 · %n Prozesse</numerusform>
        </translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Arbeitsspeicher</translation>
    </message>
    <message>
        <source>Disk</source>
        <translation>Festplatte</translation>
    </message>
    <message>
        <source>Auto-stop</source>
        <translation>Auto-Stopp</translation>
    </message>
    <message>
        <source>Auto-delete</source>
        <translation>Auto-Löschen</translation>
    </message>
</context>
<context>
    <name>SandboxManagerPanel</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Ask the sandbox server for the list now (F5)</source>
        <translation>Den Sandbox-Server jetzt nach der Liste fragen (F5)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <source>Clean &amp;Up Stopped…</source>
        <translation>Gestoppte a&amp;ufräumen …</translation>
    </message>
    <message>
        <source>Delete every stopped sandbox</source>
        <translation>Jede gestoppte Sandbox löschen</translation>
    </message>
    <message>
        <source>&amp;Copy ID</source>
        <translation>ID &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Go to Thread</source>
        <translation>&amp;Zur Unterhaltung</translation>
    </message>
    <message>
        <source>Open &amp;Preview URL…</source>
        <translation>&amp;Vorschau-URL öffnen …</translation>
    </message>
    <message>
        <source>&amp;Browse Files…</source>
        <translation>&amp;Dateien durchsuchen …</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Mehr</translation>
    </message>
    <message>
        <source>More actions for the selected sandbox</source>
        <translation>Weitere Aktionen für die ausgewählte Sandbox</translation>
    </message>
    <message>
        <source>Could not list the sandboxes: %1
Trying again in %2 s; press F5 to try now.</source>
        <translation>Die Sandboxen konnten nicht aufgelistet werden: %1
Neuer Versuch in %2 s; drücken Sie F5, um es jetzt zu versuchen.</translation>
    </message>
    <message>
        <source>Loading sandboxes…</source>
        <translation>Sandboxen werden geladen …</translation>
    </message>
    <message>
        <source>No sandboxes yet — the agent creates one when it needs it.</source>
        <translation>Noch keine Sandboxen – der Agent legt eine an, wenn er sie braucht.</translation>
    </message>
    <message>
        <source>Could not start sandbox %1: %2</source>
        <translation>Sandbox %1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>Could not stop sandbox %1: %2</source>
        <translation>Sandbox %1 konnte nicht gestoppt werden: %2</translation>
    </message>
    <message>
        <source>Could not delete sandbox %1: %2</source>
        <translation>Sandbox %1 konnte nicht gelöscht werden: %2</translation>
    </message>
    <message>
        <source>Delete Sandboxes</source>
        <translation>Sandboxen löschen</translation>
    </message>
    <message>
        <source>Their files are lost. A thread that used one creates a new one when it needs it.</source>
        <translation>Ihre Dateien gehen verloren. Eine Unterhaltung, die eine davon verwendet hat, legt eine neue an, wenn sie sie braucht.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete sandbox %1?</source>
        <translation>Sandbox %1 löschen?</translation>
    </message>
    <message>
        <source>Delete these %1 sandboxes?</source>
        <translation>Diese %1 Sandboxen löschen?</translation>
    </message>
    <message>
        <source>No stopped sandboxes to clean up.</source>
        <translation>Keine gestoppten Sandboxen zum Aufräumen.</translation>
    </message>
    <message>
        <source>Delete the stopped sandbox %1?</source>
        <translation>Die gestoppte Sandbox %1 löschen?</translation>
    </message>
    <message>
        <source>Delete all %1 stopped sandboxes?</source>
        <translation>Alle %1 gestoppten Sandboxen löschen?</translation>
    </message>
    <message>
        <source>Copied the sandbox ID.</source>
        <translation>Die Sandbox-ID wurde kopiert.</translation>
    </message>
    <message>
        <source>Copied %1 sandbox IDs.</source>
        <translation>%1 Sandbox-IDs kopiert.</translation>
    </message>
    <message>
        <source>This sandbox belongs to no thread of this app.</source>
        <translation>Diese Sandbox gehört zu keiner Unterhaltung dieser App.</translation>
    </message>
    <message>
        <source>Open Preview URL</source>
        <translation>Vorschau-URL öffnen</translation>
    </message>
    <message>
        <source>Asking for the preview URL of port %1…</source>
        <translation>Frage nach der Vorschau-URL von Port %1 …</translation>
    </message>
    <message>
        <source>No preview URL for port %1: %2</source>
        <translation>Keine Vorschau-URL für Port %1: %2</translation>
    </message>
    <message>
        <source>Opened %1 in the browser.</source>
        <translation>%1 im Browser geöffnet.</translation>
    </message>
    <message>
        <source>No browser could open %1; copy it from here.</source>
        <translation>Kein Browser konnte %1 öffnen; kopieren Sie die Adresse von hier.</translation>
    </message>
    <message>
        <source>&amp;Attach to Current Thread</source>
        <translation>An aktuelle Unterhaltung &amp;anhängen</translation>
    </message>
    <message>
        <source>Let the agent in the thread shown use this sandbox (it reaches no sandbox it did not create otherwise)</source>
        <translation>Den Agenten der angezeigten Unterhaltung diese Sandbox verwenden lassen (sonst erreicht er keine Sandbox, die er nicht selbst angelegt hat)</translation>
    </message>
    <message>
        <source>&amp;Lifecycle…</source>
        <translation>&amp;Lebenszyklus …</translation>
    </message>
    <message>
        <source>When this sandbox stops after idle time and when it is deleted after it stopped</source>
        <translation>Wann diese Sandbox nach Untätigkeit stoppt und wann sie nach dem Stoppen gelöscht wird</translation>
    </message>
    <message>
        <source>%1 on the local sandbox server</source>
        <translation>%1 auf dem lokalen Sandbox-Server</translation>
    </message>
    <message>
        <source>%1 on Daytona</source>
        <translation>%1 auf Daytona</translation>
    </message>
    <message>
        <source>Sandboxes: %1</source>
        <translation>Sandboxen: %1</translation>
    </message>
    <message>
        <source>Could not change the lifecycle timers of sandbox %1: %2</source>
        <translation>Die Lebenszyklus-Timer von Sandbox %1 konnten nicht geändert werden: %2</translation>
    </message>
    <message>
        <source>Sandbox %1 is attached to the current thread; its agent may use it now.</source>
        <translation>Sandbox %1 ist an die aktuelle Unterhaltung angehängt; ihr Agent darf sie jetzt verwenden.</translation>
    </message>
    <message>
        <source>Port of the server inside the sandbox (recent ones first):</source>
        <translation>Port des Servers in der Sandbox (zuletzt verwendete zuerst):</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a port: give a number from 1 to 65535.</source>
        <translation>„%1“ ist kein Port: Geben Sie eine Zahl von 1 bis 65535 an.</translation>
    </message>
    <message>
        <source>Show Process &amp;Output</source>
        <translation>Prozess&amp;ausgabe anzeigen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>The live output of the newest background process in this sandbox</source>
        <translation>Die Live-Ausgabe des neuesten Hintergrundprozesses in dieser Sandbox</translation>
    </message>
    <message>
        <source>Stop Pro&amp;cess</source>
        <translation>Pro&amp;zess stoppen</translation>
    </message>
    <message>
        <source>End the newest running background process in this sandbox and everything it started</source>
        <translation>Den neuesten laufenden Hintergrundprozess in dieser Sandbox und alles, was er gestartet hat, beenden</translation>
    </message>
    <message>
        <source>Sandboxes</source>
        <translation>Sandboxen</translation>
    </message>
    <message>
        <source>Every sandbox with its state; Enter shows its details</source>
        <translation>Jede Sandbox mit ihrem Zustand; die Eingabetaste zeigt ihre Details</translation>
    </message>
</context>
<context>
    <name>SandboxService</name>
    <message>
        <source>This build has no sandbox servers.</source>
        <translation>Dieser Build hat keine Sandbox-Server.</translation>
    </message>
    <message>
        <source>This sandbox is no longer in the list; refresh it (F5).</source>
        <translation>Diese Sandbox ist nicht mehr in der Liste; aktualisieren Sie sie (F5).</translation>
    </message>
    <message>
        <source>Another operation on this sandbox is still running.</source>
        <translation>Ein anderer Vorgang an dieser Sandbox läuft noch.</translation>
    </message>
    <message>
        <source>It no longer exists on its server.</source>
        <translation>Sie existiert auf ihrem Server nicht mehr.</translation>
    </message>
    <message>
        <source>it is gone from its server, but the app&apos;s records could not forget it: %1</source>
        <translation>sie ist nicht mehr auf ihrem Server, aber die App konnte ihre Einträge nicht vergessen: %1</translation>
    </message>
    <message>
        <source>the sandbox server sent no usable preview URL</source>
        <translation>der Sandbox-Server hat keine verwendbare Vorschau-URL gesendet</translation>
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
        <translation>Aufruf: agent-studio sandboxes list [--sandbox local|daytona]
        agent-studio sandboxes rm ID... [--sandbox local|daytona]
        agent-studio sandboxes rm --stopped [--sandbox local|daytona]

list gibt eine Sandbox pro Zeile aus: ID, Zustand, Sprache, zugehörige Unterhaltung,
Name. rm löscht Sandboxen mit allem, was darin ist; --stopped löscht jede gestoppte.
</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Providers</source>
        <translation>&amp;Anbieter</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>&amp;Modelle</translation>
    </message>
    <message>
        <source>Appro&amp;vals</source>
        <translation>&amp;Freigaben</translation>
    </message>
    <message>
        <source>&amp;Sandboxes</source>
        <translation>&amp;Sandboxen</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>&amp;Daten</translation>
    </message>
    <message>
        <source>&amp;Default model:</source>
        <translation>Standardmode&amp;ll:</translation>
    </message>
    <message>
        <source>Written as provider/model, e.g. openai/gpt-4o-mini. Test a provider on the Providers page to add its models to this list. New threads start with this model; each thread can switch.</source>
        <translation>Geschrieben als Anbieter/Modell, z. B. openai/gpt-4o-mini. Testen Sie einen Anbieter auf der Seite „Anbieter“, um seine Modelle zu dieser Liste hinzuzufügen. Neue Unterhaltungen beginnen mit diesem Modell; jede Unterhaltung kann wechseln.</translation>
    </message>
    <message>
        <source>Steps per &amp;run:</source>
        <translation>Schritte pro &amp;Lauf:</translation>
    </message>
    <message>
        <source>How many model steps one run may take before it stops and offers to continue</source>
        <translation>Wie viele Modellschritte ein Lauf machen darf, bevor er anhält und anbietet fortzusetzen</translation>
    </message>
    <message>
        <source>Ask before risky actions (recommended)</source>
        <translation>Vor riskanten Aktionen fragen (empfohlen)</translation>
    </message>
    <message>
        <source>Ask before every action</source>
        <translation>Vor jeder Aktion fragen</translation>
    </message>
    <message>
        <source>Never ask</source>
        <translation>Nie fragen</translation>
    </message>
    <message>
        <source>&amp;Tool calls:</source>
        <translation>&amp;Tool-Aufrufe:</translation>
    </message>
    <message>
        <source>Reading and writing files in the sandbox and creating sandboxes run at once. Running commands or code, deleting, and opening preview links wait for your approval. You can always allow a tool for one thread from the approval card.</source>
        <translation>Dateien in der Sandbox lesen und schreiben sowie Sandboxen anlegen läuft sofort. Befehle oder Code ausführen, löschen und Vorschau-Links öffnen wartet auf Ihre Freigabe. Sie können ein Tool über die Freigabekarte jederzeit für eine Unterhaltung erlauben.</translation>
    </message>
    <message>
        <source>Every tool call waits for your approval, even reading a file. Safest, and the slowest to work with.</source>
        <translation>Jeder Tool-Aufruf wartet auf Ihre Freigabe, selbst das Lesen einer Datei. Am sichersten, aber am langsamsten im Arbeiten.</translation>
    </message>
    <message>
        <source>Every tool call runs at once. The sandbox is then the only boundary: the agent can run any command in it and, if its network is on, reach the internet.</source>
        <translation>Jeder Tool-Aufruf läuft sofort. Die Sandbox ist dann die einzige Grenze: Der Agent kann darin jeden Befehl ausführen und, wenn ihr Netzwerk an ist, das Internet erreichen.</translation>
    </message>
    <message>
        <source>Local (bubblewrap on this computer)</source>
        <translation>Lokal (bubblewrap auf diesem Computer)</translation>
    </message>
    <message>
        <source>Daytona (cloud)</source>
        <translation>Daytona (Cloud)</translation>
    </message>
    <message>
        <source>&amp;Delete a thread&apos;s sandboxes when the thread is deleted</source>
        <translation>Die Sandboxen einer Unterhaltung &amp;löschen, wenn die Unterhaltung gelöscht wird</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Stop idle sandboxes &amp;after:</source>
        <translation>Untätige Sandboxen stoppen nac&amp;h:</translation>
    </message>
    <message>
        <source>&amp;Open Folder</source>
        <translation>Ordner &amp;öffnen</translation>
    </message>
    <message>
        <source>Data &amp;folder:</source>
        <translation>Daten&amp;ordner:</translation>
    </message>
    <message>
        <source>Threads, messages and sandboxes&apos; state live here. To use another folder, start Agent Studio with --data-dir FOLDER. Settings are in %1; keys are never stored in either.</source>
        <translation>Unterhaltungen, Nachrichten und der Zustand der Sandboxen liegen hier. Um einen anderen Ordner zu verwenden, starten Sie Agent Studio mit --data-dir ORDNER. Die Einstellungen liegen in %1; Schlüssel werden in keinem von beiden gespeichert.</translation>
    </message>
    <message>
        <source>Da&amp;ytona</source>
        <translation>Da&amp;ytona</translation>
    </message>
    <message>
        <source>Show a desktop &amp;notification when a call waits or a run ends while the window is in the background (with Approve and Deny where the desktop offers buttons)</source>
        <translation>Eine Desktop-&amp;Benachrichtigung zeigen, wenn ein Aufruf wartet oder ein Lauf endet, während das Fenster im Hintergrund ist (mit „Freigeben“ und „Ablehnen“, wo der Desktop Schaltflächen anbietet)</translation>
    </message>
    <message>
        <source>Show a &amp;tray icon that counts the calls waiting</source>
        <translation>Ein Symbol im Infobereich &amp;zeigen, das die wartenden Aufrufe zählt</translation>
    </message>
    <message>
        <source>New local sandboxes may use the &amp;network (never this computer)</source>
        <translation>Neue lokale Sandboxen dürfen das &amp;Netzwerk nutzen (nie diesen Computer)</translation>
    </message>
    <message>
        <source>Applies to local sandboxes created from now on; a sandbox keeps the network it was created with (the Sandboxes list shows it). On: the internet, never this computer&apos;s own addresses or services. Off: no network (no package downloads, no web).</source>
        <translation>Gilt für lokale Sandboxen, die ab jetzt angelegt werden; eine Sandbox behält das Netzwerk, mit dem sie angelegt wurde (die Sandbox-Liste zeigt es). An: das Internet, nie die eigenen Adressen oder Dienste dieses Computers. Aus: kein Netzwerk (keine Paket-Downloads, kein Web).</translation>
    </message>
    <message>
        <source>Empty: the whole internet</source>
        <translation>Leer: das ganze Internet</translation>
    </message>
    <message>
        <source>Comma-separated networks (10.0.0.0/8) and host names (pypi.org); names are looked up on this computer when a command starts, and there is no other DNS</source>
        <translation>Kommagetrennte Netze (10.0.0.0/8) und Hostnamen (pypi.org); Namen werden beim Start eines Befehls auf diesem Computer aufgelöst, ein anderes DNS gibt es nicht</translation>
    </message>
    <message>
        <source>Only these net&amp;works:</source>
        <translation>Nur diese Net&amp;ze:</translation>
    </message>
    <message>
        <source>A sandbox nobody used for this long is stopped (its files stay); the time the agent runs or a background process lives does not count. It starts again when its thread continues.</source>
        <translation>Eine Sandbox, die so lange niemand benutzt hat, wird gestoppt (ihre Dateien bleiben); die Zeit, in der der Agent läuft oder ein Hintergrundprozess lebt, zählt nicht. Sie startet wieder, wenn ihre Unterhaltung fortgesetzt wird.</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>A stopped sandbox is deleted, with its files, after this many days; 0: as soon as it stops</source>
        <translation>Eine gestoppte Sandbox wird nach so vielen Tagen mit ihren Dateien gelöscht; 0: sobald sie stoppt</translation>
    </message>
    <message>
        <source>Delete stopped sandboxes a&amp;fter:</source>
        <translation>Gestoppte Sandboxen löschen na&amp;ch:</translation>
    </message>
    <message>
        <source>A command or code run the agent starts without its own timeout is stopped after this long</source>
        <translation>Ein Befehl oder Code, den der Agent ohne eigenes Zeitlimit startet, wird nach dieser Zeit gestoppt</translation>
    </message>
    <message>
        <source>Stop agent &amp;commands after:</source>
        <translation>&amp;Befehle des Agenten stoppen nach:</translation>
    </message>
    <message>
        <source>Sandbox changes apply to sandboxes created from now on. Where new sandboxes run (local or Daytona) is chosen on the Daytona page.</source>
        <translation>Sandbox-Änderungen gelten für Sandboxen, die ab jetzt angelegt werden. Wo neue Sandboxen laufen (lokal oder Daytona), wählen Sie auf der Seite „Daytona“.</translation>
    </message>
    <message>
        <source>Automatic (Daytona when a Daytona key is set, else local)</source>
        <translation>Automatisch (Daytona, wenn ein Daytona-Schlüssel gesetzt ist, sonst lokal)</translation>
    </message>
    <message>
        <source>New threads&apos; sandboxes &amp;run on:</source>
        <translation>Sandboxen &amp;neuer Unterhaltungen laufen auf:</translation>
    </message>
    <message>
        <source>The key is stored in the OS keychain, never in a file. Where both exist, the keychain&apos;s key is used before DAYTONA_API_KEY in the environment or .env, and the URL and target here before DAYTONA_API_URL and DAYTONA_TARGET. Changes apply to the next sandbox call, without a restart.</source>
        <translation>Der Schlüssel wird im Schlüsselbund des Systems gespeichert, nie in einer Datei. Wo beides vorhanden ist, wird der Schlüssel aus dem Schlüsselbund vor DAYTONA_API_KEY aus der Umgebung oder .env verwendet, und URL und Ziel von hier vor DAYTONA_API_URL und DAYTONA_TARGET. Änderungen gelten ab dem nächsten Sandbox-Aufruf, ohne Neustart.</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Checkpoint storage cap</source>
        <translation>Speicherlimit für Checkpoints</translation>
    </message>
    <message>
        <source>&amp;Checkpoints may use:</source>
        <translation>&amp;Checkpoints dürfen belegen:</translation>
    </message>
    <message>
        <source>Used now:</source>
        <translation>Jetzt belegt:</translation>
    </message>
    <message>
        <source>Checkpoints are the snapshots the Changes tab and Rewind use. Over the cap, those of deleted sandboxes go first, then the oldest; their lists of changed files stay.</source>
        <translation>Checkpoints sind die Schnappschüsse, die der Tab „Änderungen“ und das Zurücksetzen verwenden. Über dem Limit werden zuerst die gelöschter Sandboxen entfernt, dann die ältesten; ihre Listen geänderter Dateien bleiben.</translation>
    </message>
    <message>
        <source>Not known (the agent cannot run here).</source>
        <translation>Unbekannt (der Agent kann hier nicht laufen).</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>Wird gemessen …</translation>
    </message>
    <message>
        <source>%1 of checkpoints</source>
        <translation>%1 für Checkpoints</translation>
    </message>
    <message>
        <source>%1 in one sandbox&apos;s checkpoints</source>
        <translation>%1 in den Checkpoints einer Sandbox</translation>
    </message>
    <message>
        <source>%1 in %2 sandboxes&apos; checkpoints</source>
        <translation>%1 in den Checkpoints von %2 Sandboxen</translation>
    </message>
    <message>
        <source>P&amp;rices</source>
        <translation>P&amp;reise</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>In the panes</source>
        <translation>In den Bereichen</translation>
    </message>
    <message>
        <source>Send the message (composer)</source>
        <translation>Nachricht senden (Eingabefeld)</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>New line in the message (composer)</source>
        <translation>Neue Zeile in der Nachricht (Eingabefeld)</translation>
    </message>
    <message>
        <source>Shift+Enter</source>
        <translation>Umschalt+Eingabe</translation>
    </message>
    <message>
        <source>Rename the selected thread (sidebar)</source>
        <translation>Ausgewählte Unterhaltung umbenennen (Seitenleiste)</translation>
    </message>
    <message>
        <source>F2</source>
        <translation>F2</translation>
    </message>
    <message>
        <source>Delete the selected thread (sidebar)</source>
        <translation>Ausgewählte Unterhaltung löschen (Seitenleiste)</translation>
    </message>
    <message>
        <source>Del</source>
        <translation>Entf</translation>
    </message>
    <message>
        <source>Approve (approval dialog)</source>
        <translation>Freigeben (Freigabedialog)</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Strg+Eingabe</translation>
    </message>
    <message>
        <source>Leave the call pending (approval dialog)</source>
        <translation>Den Aufruf offen lassen (Freigabedialog)</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Open the preview link of the selected card (conversation)</source>
        <translation>Den Vorschau-Link der ausgewählten Karte öffnen (Unterhaltung)</translation>
    </message>
    <message>
        <source>Open a preview URL of the selected sandbox (Sandboxes)</source>
        <translation>Eine Vorschau-URL der ausgewählten Sandbox öffnen (Sandboxen)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+P</source>
        <translation>Strg+Umschalt+P</translation>
    </message>
    <message>
        <source>Next / previous changed file (Changes tab)</source>
        <translation>Nächste / vorige geänderte Datei (Tab „Änderungen“)</translation>
    </message>
    <message>
        <source>Alt+Down / Alt+Up</source>
        <translation>Alt+Runter / Alt+Hoch</translation>
    </message>
    <message>
        <source>Next / previous hunk (Changes tab)</source>
        <translation>Nächster / voriger Hunk (Tab „Änderungen“)</translation>
    </message>
    <message>
        <source>F8 / Shift+F8</source>
        <translation>F8 / Umschalt+F8</translation>
    </message>
    <message>
        <source>Copy the hunk at the cursor (Changes tab)</source>
        <translation>Den Hunk am Cursor kopieren (Tab „Änderungen“)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+H</source>
        <translation>Strg+Umschalt+H</translation>
    </message>
    <message>
        <source>Approve the selected calls (approval inbox)</source>
        <translation>Die ausgewählten Aufrufe freigeben (Freigabe-Eingang)</translation>
    </message>
    <message>
        <source>Deny the selected calls (approval inbox)</source>
        <translation>Die ausgewählten Aufrufe ablehnen (Freigabe-Eingang)</translation>
    </message>
    <message>
        <source>D</source>
        <translation>D</translation>
    </message>
    <message>
        <source>Select every call of this thread (approval inbox)</source>
        <translation>Jeden Aufruf dieser Unterhaltung auswählen (Freigabe-Eingang)</translation>
    </message>
    <message>
        <source>Ctrl+A</source>
        <translation>Strg+A</translation>
    </message>
    <message>
        <source>Open the call in the dialog (approval inbox)</source>
        <translation>Den Aufruf im Dialog öffnen (Freigabe-Eingang)</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Leertaste</translation>
    </message>
    <message>
        <source>Edit / disable / delete a rule (Settings &gt; Approvals)</source>
        <translation>Regel bearbeiten / deaktivieren / löschen (Einstellungen &gt; Freigaben)</translation>
    </message>
    <message>
        <source>Enter / Space / Del</source>
        <translation>Eingabe / Leertaste / Entf</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Send example prompt 1, 2 or 3 (new thread)</source>
        <translation>Beispiel-Prompt 1, 2 oder 3 senden (neue Unterhaltung)</translation>
    </message>
    <message>
        <source>Alt+1 / Alt+2 / Alt+3</source>
        <translation>Alt+1 / Alt+2 / Alt+3</translation>
    </message>
    <message>
        <source>Attach files to the message (composer)</source>
        <translation>Dateien an die Nachricht anhängen (Eingabefeld)</translation>
    </message>
    <message>
        <source>Ctrl+U</source>
        <translation>Strg+U</translation>
    </message>
    <message>
        <source>Edit the last message and send it again (conversation)</source>
        <translation>Die letzte Nachricht bearbeiten und erneut senden (Unterhaltung)</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Strg+E</translation>
    </message>
    <message>
        <source>Copy the selected message as Markdown (conversation)</source>
        <translation>Die ausgewählte Nachricht als Markdown kopieren (Unterhaltung)</translation>
    </message>
    <message>
        <source>Ctrl+C</source>
        <translation>Strg+C</translation>
    </message>
    <message>
        <source>Open / close the selected tool card (conversation)</source>
        <translation>Die ausgewählte Tool-Karte öffnen / schließen (Unterhaltung)</translation>
    </message>
    <message>
        <source>Enter / Space</source>
        <translation>Eingabe / Leertaste</translation>
    </message>
    <message>
        <source>Show all output of the selected tool card (conversation)</source>
        <translation>Die ganze Ausgabe der ausgewählten Tool-Karte zeigen (Unterhaltung)</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>Open a file the selected tool card wrote (conversation)</source>
        <translation>Eine Datei öffnen, die die ausgewählte Tool-Karte geschrieben hat (Unterhaltung)</translation>
    </message>
    <message>
        <source>O</source>
        <translation>O</translation>
    </message>
    <message>
        <source>Show the selected tool card in the inspector (conversation)</source>
        <translation>Die ausgewählte Tool-Karte im Inspektor zeigen (Unterhaltung)</translation>
    </message>
    <message>
        <source>I</source>
        <translation>I</translation>
    </message>
    <message>
        <source>Set the thread&apos;s budget (status bar cost)</source>
        <translation>Das Budget der Unterhaltung festlegen (Kosten in der Statusleiste)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+D</source>
        <translation>Strg+Umschalt+D</translation>
    </message>
    <message>
        <source>Go to the oldest / newest message of the thread (conversation)</source>
        <translation>Zur ältesten / neuesten Nachricht springen (Unterhaltung)</translation>
    </message>
    <message>
        <source>Home / End</source>
        <translation>Pos1 / Ende</translation>
    </message>
</context>
<context>
    <name>ThreadListModel</name>
    <message>
        <source>New thread</source>
        <translation>Neue Unterhaltung</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>Angeheftet</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <source>Previous 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Older</source>
        <translation>Älter</translation>
    </message>
    <message>
        <source>%1
Updated %2 · %3</source>
        <translation>%1
Aktualisiert %2 · %3</translation>
    </message>
</context>
<context>
    <name>ThreadService</name>
    <message>
        <source>Changes another Agent Studio process made could not be read: %1</source>
        <translation>Änderungen eines anderen Agent-Studio-Prozesses konnten nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>ThreadSidebar</name>
    <message>
        <source>Search threads</source>
        <translation>Unterhaltungen suchen</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>New thread</source>
        <translation>Neue Unterhaltung</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>Anheften</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen …</translation>
    </message>
    <message>
        <source>Threads could not be loaded: %1</source>
        <translation>Unterhaltungen konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>Suche fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>A new thread could not be created: %1</source>
        <translation>Eine neue Unterhaltung konnte nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>The thread could not be deleted: %1</source>
        <translation>Die Unterhaltung konnte nicht gelöscht werden: %1</translation>
    </message>
    <message>
        <source>Sandbox %1 is at provider “%2”, which this session does not use; delete it from the sandbox list once that provider is set up.</source>
        <translation>Sandbox %1 liegt beim Anbieter „%2“, den diese Sitzung nicht verwendet; löschen Sie sie in der Sandbox-Liste, sobald dieser Anbieter eingerichtet ist.</translation>
    </message>
    <message>
        <source>Sandbox %1 could not be deleted: %2 It is still in the sandbox list; try again from there.</source>
        <translation>Sandbox %1 konnte nicht gelöscht werden: %2 Sie steht noch in der Sandbox-Liste; versuchen Sie es dort erneut.</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>JSON, everything (*.json)</source>
        <translation>JSON, alles (*.json)</translation>
    </message>
    <message>
        <source>Export thread</source>
        <translation>Unterhaltung exportieren</translation>
    </message>
    <message>
        <source>The thread could not be exported: %1</source>
        <translation>Die Unterhaltung konnte nicht exportiert werden: %1</translation>
    </message>
    <message>
        <source>Could not write %1: %2. Choose another folder or file name.</source>
        <translation>%1 konnte nicht geschrieben werden: %2. Wählen Sie einen anderen Ordner oder Dateinamen.</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exportiert nach %1</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Lösen</translation>
    </message>
    <message>
        <source>Threads could not be loaded.</source>
        <translation>Unterhaltungen konnten nicht geladen werden.</translation>
    </message>
    <message>
        <source>No threads yet.
Start one with New.</source>
        <translation>Noch keine Unterhaltungen.
Beginnen Sie eine mit „Neu“.</translation>
    </message>
    <message>
        <source>Searches thread titles, message text and tool calls (commands, files, output)</source>
        <translation>Durchsucht Titel der Unterhaltungen, Nachrichtentext und Tool-Aufrufe (Befehle, Dateien, Ausgabe)</translation>
    </message>
    <message>
        <source>No threads match “%1”.
Search looks at titles, messages and tool calls.</source>
        <translation>Keine Unterhaltung passt zu „%1“.
Die Suche betrachtet Titel, Nachrichten und Tool-Aufrufe.</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Unterhaltungen</translation>
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
        <translation>Aufruf: agent-studio threads list [--all | --archived]
        agent-studio threads show ID
        agent-studio threads export ID [--format md|json] [--output DATEI]
        agent-studio threads rm ID
        agent-studio threads budget ID [USD | none]

list gibt eine Unterhaltung pro Zeile aus: ID, letzte Änderung, Modell, Kosten, Titel.
show gibt die Kosten, die Kontextnutzung und das Budget der Unterhaltung aus, dann die
Unterhaltung als Markdown. export schreibt Markdown (Standard) oder JSON mit Läufen,
Schritten und Tool-Aufrufen, nach DATEI oder auf die Standardausgabe. Schlüssel werden
nie exportiert. budget gibt das Budget der Unterhaltung in US-Dollar aus oder setzt es:
Ein Lauf stoppt, sobald die Unterhaltung so viel gekostet hat (none entfernt es).
Die Kosten gelten zu den Preisen unter Einstellungen &gt; Preise (Listenpreise oder Ihre
eigenen); &quot;no price&quot; bedeutet, dass das Modell keinen Preis hat.
</translation>
    </message>
</context>
<context>
    <name>ToolCardContent</name>
    <message>
        <source>The call did not run: it was denied, or the run ended first.</source>
        <translation>Der Aufruf wurde nicht ausgeführt: Er wurde abgelehnt, oder der Lauf endete vorher.</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Exit code %1.</source>
        <translation>Exit-Code %1.</translation>
    </message>
    <message>
        <source>Still running.</source>
        <translation>Läuft noch.</translation>
    </message>
    <message>
        <source>No output.</source>
        <translation>Keine Ausgabe.</translation>
    </message>
    <message>
        <source>Output: %1</source>
        <translation>Ausgabe: %1</translation>
    </message>
    <message>
        <source>Errors: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Wrote %1 (%2).</source>
        <translation>%1 geschrieben (%2).</translation>
    </message>
    <message>
        <source>Wrote %1.</source>
        <translation>%1 geschrieben.</translation>
    </message>
</context>
<context>
    <name>ToolCardLayout</name>
    <message>
        <source>Show less</source>
        <translation>Weniger anzeigen</translation>
    </message>
    <message>
        <source>Details in the inspector ›</source>
        <translation>Details im Inspektor ›</translation>
    </message>
    <message>
        <source>output of background process %1</source>
        <translation>Ausgabe des Hintergrundprozesses %1</translation>
    </message>
    <message>
        <source>(no output)</source>
        <translation>(keine Ausgabe)</translation>
    </message>
    <message>
        <source>stderr:</source>
        <translation>stderr:</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>Exit-Code %1</translation>
    </message>
    <message>
        <source>still running</source>
        <translation>läuft noch</translation>
    </message>
    <message numerus="yes">
        <source>Show all (%n more line(s))</source>
        <translation>
            <numerusform>Alle anzeigen (%n weitere Zeile)</numerusform>
            <numerusform>Alle anzeigen (%n weitere Zeilen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… %n earlier line(s) of code</source>
        <translation>
            <numerusform>… %n frühere Codezeile</numerusform>
            <numerusform>… %n frühere Codezeilen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… %n earlier line(s) are in the inspector</source>
        <translation>
            <numerusform>… %n frühere Zeile steht im Inspektor</numerusform>
            <numerusform>… %n frühere Zeilen stehen im Inspektor</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… %n earlier line(s)</source>
        <translation>
            <numerusform>… %n frühere Zeile</numerusform>
            <numerusform>… %n frühere Zeilen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ValueViewer</name>
    <message>
        <source>Find in value</source>
        <translation>Im Wert suchen</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>Vorheriger Treffer (Umschalt+Eingabe)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>Nächster Treffer (Eingabetaste)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close the viewer (Escape)</source>
        <translation>Den Betrachter schließen (Esc)</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>Kein Treffer</translation>
    </message>
</context>
</TS>
