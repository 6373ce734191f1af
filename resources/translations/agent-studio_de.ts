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
    <name>ChatPane</name>
    <message>
        <source>Ask the agent to write, run and test code</source>
        <translation>Bitten Sie den Agenten, Code zu schreiben, auszuführen und zu testen</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send the message (Enter)</source>
        <translation>Nachricht senden (Eingabetaste)</translation>
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
        <source>Ready</source>
        <translation>Bereit</translation>
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
        <source>Show &amp;Inspector Panel</source>
        <translation>&amp;Inspektor anzeigen</translation>
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
        <translation>&amp;Eingabefeld fokussieren</translation>
    </message>
    <message>
        <source>&amp;Sandbox</source>
        <translation>&amp;Sandbox</translation>
    </message>
    <message>
        <source>Show Tool-Call &amp;Inspector</source>
        <translation>Werkzeugaufruf-&amp;Inspektor anzeigen</translation>
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
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Agent Studio cannot start</source>
        <translation>Agent Studio kann nicht starten</translation>
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
</context>
</TS>
