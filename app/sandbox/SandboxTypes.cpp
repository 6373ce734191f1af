// JSON mapping of the Daytona value types; key names follow the wire format exactly.
#include "sandbox/SandboxTypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace {

StringMap mapFromJson(const QJsonValue &value)
{
    StringMap map;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        map.insert(it.key(), it.value().toString());
    return map;
}

QJsonObject mapToJson(const StringMap &map)
{
    QJsonObject object;
    for (auto it = map.begin(); it != map.end(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

} // namespace

Sandbox Sandbox::fromJson(const QJsonObject &o)
{
    Sandbox s;
    s.id = o.value(QLatin1String("id")).toString();
    s.organizationId = o.value(QLatin1String("organizationId")).toString();
    s.name = o.value(QLatin1String("name")).toString();
    s.snapshot = o.value(QLatin1String("snapshot")).toString();
    s.user = o.value(QLatin1String("user")).toString();
    s.env = mapFromJson(o.value(QLatin1String("env")));
    s.labels = mapFromJson(o.value(QLatin1String("labels")));
    s.isPublic = o.value(QLatin1String("public")).toBool();
    s.networkBlockAll = o.value(QLatin1String("networkBlockAll")).toBool();
    s.networkAllowList = o.value(QLatin1String("networkAllowList")).toString();
    s.target = o.value(QLatin1String("target")).toString();
    s.cpu = o.value(QLatin1String("cpu")).toDouble();
    s.gpu = o.value(QLatin1String("gpu")).toDouble();
    s.memory = o.value(QLatin1String("memory")).toDouble();
    s.disk = o.value(QLatin1String("disk")).toDouble();
    s.diskUsageBytes = qint64(o.value(QLatin1String("diskUsageBytes")).toDouble(-1));
    s.memoryUsageBytes = qint64(o.value(QLatin1String("memoryUsageBytes")).toDouble(-1));
    s.cpuUsage = o.value(QLatin1String("cpuUsage")).toDouble(-1);
    s.lastActivityAt = o.value(QLatin1String("lastActivityAt")).toString();
    s.state = o.value(QLatin1String("state")).toString();
    s.desiredState = o.value(QLatin1String("desiredState")).toString();
    s.errorReason = o.value(QLatin1String("errorReason")).toString();
    s.autoStopInterval = o.value(QLatin1String("autoStopInterval")).toInt(15);
    s.autoArchiveInterval = o.value(QLatin1String("autoArchiveInterval")).toInt(10080);
    s.autoDeleteInterval = o.value(QLatin1String("autoDeleteInterval")).toInt(-1);
    s.createdAt = o.value(QLatin1String("createdAt")).toString();
    s.updatedAt = o.value(QLatin1String("updatedAt")).toString();
    s.toolboxProxyUrl = o.value(QLatin1String("toolboxProxyUrl")).toString();
    return s;
}

QJsonObject Sandbox::toJson() const
{
    QJsonObject o{
        {QLatin1String("id"), id},
        {QLatin1String("organizationId"), organizationId},
        {QLatin1String("name"), name},
        {QLatin1String("snapshot"), snapshot},
        {QLatin1String("user"), user},
        {QLatin1String("env"), mapToJson(env)},
        {QLatin1String("labels"), mapToJson(labels)},
        {QLatin1String("public"), isPublic},
        {QLatin1String("networkBlockAll"), networkBlockAll},
        {QLatin1String("target"), target},
        {QLatin1String("cpu"), cpu},
        {QLatin1String("gpu"), gpu},
        {QLatin1String("memory"), memory},
        {QLatin1String("disk"), disk},
        {QLatin1String("state"), state},
        {QLatin1String("desiredState"), desiredState},
        {QLatin1String("autoStopInterval"), autoStopInterval},
        {QLatin1String("autoArchiveInterval"), autoArchiveInterval},
        {QLatin1String("autoDeleteInterval"), autoDeleteInterval},
        {QLatin1String("volumes"), QJsonArray()},
        {QLatin1String("createdAt"), createdAt},
        {QLatin1String("updatedAt"), updatedAt},
        {QLatin1String("toolboxProxyUrl"), toolboxProxyUrl},
    };
    if (!errorReason.isEmpty())
        o.insert(QLatin1String("errorReason"), errorReason);
    if (diskUsageBytes >= 0)
        o.insert(QLatin1String("diskUsageBytes"), double(diskUsageBytes));
    if (memoryUsageBytes >= 0)
        o.insert(QLatin1String("memoryUsageBytes"), double(memoryUsageBytes));
    if (cpuUsage >= 0)
        o.insert(QLatin1String("cpuUsage"), cpuUsage);
    if (!lastActivityAt.isEmpty())
        o.insert(QLatin1String("lastActivityAt"), lastActivityAt);
    if (!networkAllowList.isEmpty())
        o.insert(QLatin1String("networkAllowList"), networkAllowList);
    return o;
}

QJsonObject CreateSandboxParams::toJson() const
{
    QJsonObject o;
    if (!name.isEmpty())
        o.insert(QLatin1String("name"), name);
    if (!snapshot.isEmpty())
        o.insert(QLatin1String("snapshot"), snapshot);
    if (!target.isEmpty())
        o.insert(QLatin1String("target"), target);
    // The SDKs always send env, even empty, and always the language label.
    o.insert(QLatin1String("env"), mapToJson(env));
    StringMap allLabels = labels;
    allLabels.insert(QString(kLanguageLabel),
                     language.isEmpty() ? QStringLiteral("python") : language);
    o.insert(QLatin1String("labels"), mapToJson(allLabels));
    if (autoStopInterval != -2)
        o.insert(QLatin1String("autoStopInterval"), autoStopInterval);
    if (autoDeleteInterval != -2)
        o.insert(QLatin1String("autoDeleteInterval"), autoDeleteInterval);
    if (networkBlockAll >= 0)
        o.insert(QLatin1String("networkBlockAll"), networkBlockAll == 1);
    if (!networkAllowList.isEmpty())
        o.insert(QLatin1String("networkAllowList"), networkAllowList);
    if (isPublic)
        o.insert(QLatin1String("public"), true);
    if (cpu > 0)
        o.insert(QLatin1String("cpu"), cpu);
    if (memory > 0)
        o.insert(QLatin1String("memory"), memory);
    if (disk > 0)
        o.insert(QLatin1String("disk"), disk);
    return o;
}

FileInfo FileInfo::fromJson(const QJsonObject &o)
{
    FileInfo f;
    f.name = o.value(QLatin1String("name")).toString();
    f.size = qint64(o.value(QLatin1String("size")).toDouble());
    f.mode = o.value(QLatin1String("mode")).toString();
    f.modifiedAt = o.value(QLatin1String("modifiedAt")).toString();
    if (f.modifiedAt.isEmpty())
        f.modifiedAt = o.value(QLatin1String("modTime")).toString();
    f.isDir = o.value(QLatin1String("isDir")).toBool();
    f.owner = o.value(QLatin1String("owner")).toString();
    f.group = o.value(QLatin1String("group")).toString();
    f.permissions = o.value(QLatin1String("permissions")).toString();
    return f;
}

QList<FileInfo> FileInfo::listFromJson(const QJsonArray &array)
{
    QList<FileInfo> list;
    list.reserve(array.size());
    for (const QJsonValue &v : array)
        list.append(fromJson(v.toObject()));
    return list;
}

QJsonObject FileInfo::toJson() const
{
    return {
        {QLatin1String("name"), name},
        {QLatin1String("size"), double(size)},
        {QLatin1String("mode"), mode},
        {QLatin1String("modTime"), modifiedAt},
        {QLatin1String("modifiedAt"), modifiedAt},
        {QLatin1String("isDir"), isDir},
        {QLatin1String("owner"), owner},
        {QLatin1String("group"), group},
        {QLatin1String("permissions"), permissions},
    };
}

ExecResult ExecResult::fromJson(const QJsonObject &o)
{
    ExecResult r;
    r.exitCode = o.value(QLatin1String("exitCode")).toInt(-1);
    r.result = o.value(QLatin1String("result")).toString();
    r.artifacts = o.value(QLatin1String("artifacts")).toObject();
    return r;
}

QJsonObject ExecResult::toJson() const
{
    QJsonObject o{{QLatin1String("exitCode"), exitCode}, {QLatin1String("result"), result}};
    if (!artifacts.isEmpty())
        o.insert(QLatin1String("artifacts"), artifacts);
    return o;
}

QList<FindMatch> FindMatch::listFromJson(const QJsonArray &array)
{
    QList<FindMatch> list;
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        list.append({o.value(QLatin1String("file")).toString(),
                     o.value(QLatin1String("line")).toInt(),
                     o.value(QLatin1String("content")).toString()});
    }
    return list;
}

SandboxPage SandboxPage::fromJson(const QByteArray &body)
{
    SandboxPage page;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    QJsonArray items;
    if (doc.isArray()) {
        items = doc.array();
        page.valid = true;
    } else if (doc.isObject() && doc.object().value(QLatin1String("items")).isArray()) {
        items = doc.object().value(QLatin1String("items")).toArray();
        page.nextCursor = doc.object().value(QLatin1String("nextCursor")).toString();
        page.valid = true;
    }
    for (const QJsonValue &v : items)
        page.items.append(Sandbox::fromJson(v.toObject()));
    return page;
}

QUrl PreviewLink::openableUrl(const QByteArray &body, bool isSigned)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    QUrl url(o.value(QLatin1String("url")).toString(), QUrl::StrictMode);
    if (url.isEmpty() || !url.isValid()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return QUrl();
    const QString token = o.value(QLatin1String("token")).toString();
    if (!isSigned && !token.isEmpty()) {
        QUrlQuery query(url);
        query.removeAllQueryItems(QStringLiteral("DAYTONA_SANDBOX_AUTH_KEY"));
        query.addQueryItem(QStringLiteral("DAYTONA_SANDBOX_AUTH_KEY"), token);
        url.setQuery(query);
    }
    return url;
}
