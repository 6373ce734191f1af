#include "ConversationDelegate.h"

#include "agent/SandboxPath.h"
#include "chat/ToolCardLayout.h"

#include <QAbstractItemView>
#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QStyle>
#include <QTextDocument>
#include <QUrl>
namespace {

using ToolStatus = ConversationModel::ToolStatus;

} // namespace

ConversationDelegate::ConversationDelegate(QAbstractItemView *view)
    : QStyledItemDelegate(view)
    , m_view(view)
    , m_layouts(400)
{
}

ConversationDelegate::~ConversationDelegate() = default;

QFont ConversationDelegate::font() const
{
    return m_view->font();
}

int ConversationDelegate::rowWidth() const
{
    return qMax(120, m_view->viewport()->width());
}

void ConversationDelegate::clear()
{
    m_frames.clear();
    m_layouts.clear();
    m_heights.clear();
    m_layoutsByKey.clear();
}

void ConversationDelegate::forget(const QList<qint64> &keys)
{
    for (const qint64 key : keys) {
        m_layouts.remove(key);
        m_heights.remove(key);
        m_layoutsByKey.remove(key);
    }
}

void ConversationDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    Layout *layout = layoutFor(index, true);
    const qint64 key = index.data(ConversationModel::KeyRole).toLongLong();
    const Height &known = m_heights.value(key);
    if (!known.exact || known.height != layout->height) {
        // Painted for the first time with an estimated height: tell the view the real one.
        // Once for all rows of a frame: each announcement lays out every row of the list.
        m_heights[key] = {layout->width, layout->revision, layout->height, true};
        if (!m_heightsPending) {
            m_heightsPending = true;
            auto *self = const_cast<ConversationDelegate *>(this);
            QMetaObject::invokeMethod(
                self,
                [self, at = QPersistentModelIndex(index)] {
                    self->m_heightsPending = false;
                    if (at.isValid())
                        emit self->sizeHintChanged(at);
                },
                Qt::QueuedConnection);
        }
    }

    const QPalette &palette = option.palette;
    const Kind kind = kindOf(index);
    painter->save();
    painter->translate(option.rect.topLeft());
    painter->setClipRect(QRect(0, 0, option.rect.width(), option.rect.height()), Qt::IntersectClip);
    painter->setRenderHint(QPainter::Antialiasing);
    const bool focused = (option.state & QStyle::State_HasFocus) && m_view->hasFocus();

    const auto drawDoc = [&](const QColor &text) {
        for (const Segment &segment : layout->segments) {
            const QRectF area(segment.origin, segment.doc->size());
            const QRectF exposed = painter->clipBoundingRect().intersected(area);
            if (exposed.isEmpty())
                continue; // only what is on screen is drawn
            painter->save();
            painter->translate(segment.origin);
            QAbstractTextDocumentLayout::PaintContext context;
            context.palette = palette;
            context.palette.setColor(QPalette::Text, text);
            context.clip = exposed.translated(-QPointF(segment.origin));
            segment.doc->documentLayout()->draw(painter, context);
            painter->restore();
        }
    };
    // The view's background is there already when the view paints (not in a grab into
    // another device): a card of its colour needs only its border.
    const QWidget *viewport = m_view->viewport();
    const QColor beneath = painter->device() == viewport && viewport->autoFillBackground()
        ? viewport->palette().color(viewport->backgroundRole())
        : QColor();
    const auto frame = [&](const QColor &fill) {
        m_frames.paint(painter, layout->box, fill, palette.color(QPalette::Mid), 6, beneath);
    };
    const auto drawButton = [&](const QRect &rect, const QString &text, bool enabled) {
        QStyleOptionButton button;
        button.initFrom(m_view);
        button.rect = rect;
        button.text = text;
        button.state = QStyle::State_Raised;
        if (enabled)
            button.state |= QStyle::State_Enabled;
        m_view->style()->drawControl(QStyle::CE_PushButton, &button, painter, m_view);
    };

    switch (kind) {
    case Kind::UserMessage:
        frame(palette.color(QPalette::AlternateBase));
        drawDoc(palette.color(QPalette::Text));
        break;
    case Kind::AssistantText: {
        drawDoc(palette.color(QPalette::Text));
        for (int i = 0; i < layout->codeBlocks.size(); ++i) {
            const CodeBlock &block = layout->codeBlocks.at(i);
            painter->setPen(QPen(palette.color(QPalette::Mid), 1));
            painter->setBrush(palette.color(QPalette::Button));
            painter->drawRoundedRect(QRectF(block.button).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
            painter->setPen(palette.color(QPalette::ButtonText));
            const bool copied = m_copiedKey == key && m_copiedBlock == i;
            painter->drawText(block.button, Qt::AlignCenter, copied ? tr("Copied") : tr("Copy"));
        }
        break;
    }
    case Kind::Reasoning: {
        const bool expanded = index.data(ConversationModel::ExpandedRole).toBool();
        const bool streaming = index.data(ConversationModel::StreamingRole).toBool();
        painter->setPen(palette.color(QPalette::PlaceholderText));
        const QString title = (expanded ? QStringLiteral("\u25be ") : QStringLiteral("\u25b8 "))
            + (streaming ? tr("Thinking\u2026") : tr("Reasoning"));
        painter->drawText(layout->header.adjusted(kPad, 0, -kPad, 0),
                          Qt::AlignVCenter | Qt::AlignLeft, title);
        drawDoc(palette.color(QPalette::PlaceholderText));
        break;
    }
    case Kind::ToolCall: {
        frame(palette.color(QPalette::Base));
        const auto status = index.data(ConversationModel::ToolStatusRole).value<ToolStatus>();
        const CardLine &line = *layout->line;
        const QFont normal = font();
        painter->setFont(normal);
        painter->setPen(palette.color(QPalette::PlaceholderText));
        draw(painter, line.arrow);
        if (layout->button.isValid()) {
            QFont underlined = normal;
            underlined.setUnderline(true);
            painter->setFont(underlined);
            painter->setPen(palette.color(QPalette::Link));
            draw(painter, line.link);
            painter->setFont(normal);
        }
        painter->setPen(status == ToolStatus::Failed ? palette.color(QPalette::Text)
                                                     : palette.color(QPalette::PlaceholderText));
        draw(painter, line.status);
        painter->setPen(palette.color(QPalette::PlaceholderText));
        draw(painter, line.summary);
        QFont bold = normal;
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(palette.color(QPalette::Text));
        draw(painter, line.name);
        painter->setFont(normal);
        if (layout->card)
            layout->card->paint(painter, palette, normal);
        break;
    }
    case Kind::Notice:
        frame(palette.color(QPalette::AlternateBase));
        painter->setFont(font());
        painter->setPen(palette.color(QPalette::Text));
        draw(painter, layout->line->summary);
        break;
    case Kind::RunChanges: {
        frame(palette.color(QPalette::Base));
        painter->setFont(font());
        painter->setPen(palette.color(QPalette::Link));
        draw(painter, layout->line->link);
        QFont bold = font();
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(palette.color(QPalette::Text));
        draw(painter, layout->line->name);
        painter->setFont(font());
        break;
    }
    case Kind::Error:
    case Kind::StepLimit:
        frame(palette.color(QPalette::AlternateBase));
        drawDoc(palette.color(QPalette::Text));
        drawButton(layout->button, buttonText(kind),
                   index.data(ConversationModel::ActionableRole).toBool());
        break;
    }
    if (focused) {
        painter->setPen(QPen(palette.color(QPalette::Highlight), 1, Qt::DotLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(QRect(1, 1, option.rect.width() - 3, option.rect.height() - 3));
    }
    painter->restore();
}

bool ConversationDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
                                       const QStyleOptionViewItem &option, const QModelIndex &index)
{
    Q_UNUSED(model)
    if (event->type() != QEvent::MouseButtonRelease)
        return false;
    auto *mouse = static_cast<QMouseEvent *>(event);
    if (mouse->button() != Qt::LeftButton)
        return false;
    const QPoint at = mouse->position().toPoint() - option.rect.topLeft();
    Layout *layout = layoutFor(index, true);
    const Kind kind = kindOf(index);

    for (int i = 0; i < layout->codeBlocks.size(); ++i) {
        if (!layout->codeBlocks.at(i).button.contains(at))
            continue;
        const QString code = layout->codeBlocks.at(i).text;
        QGuiApplication::clipboard()->setText(code);
        m_copiedKey = index.data(ConversationModel::KeyRole).toLongLong();
        m_copiedBlock = i;
        m_view->viewport()->update();
        emit codeCopied(code);
        return true;
    }
    for (const Segment &segment : layout->segments) {
        if (!QRect(segment.origin, segment.doc->size().toSize()).contains(at))
            continue;
        const QString anchor = segment.doc->documentLayout()->anchorAt(at - segment.origin);
        if (!anchor.isEmpty()) {
            QDesktopServices::openUrl(QUrl(anchor));
            return true;
        }
    }
    switch (kind) {
    case Kind::Reasoning:
        if (layout->header.contains(at)) {
            activate(index);
            return true;
        }
        return false;
    case Kind::ToolCall: {
        if (layout->button.isValid() && layout->button.contains(at)) {
            openLink(index);
            return true;
        }
        if (layout->header.contains(at)) {
            activate(index);
            return true;
        }
        QString path;
        switch (layout->card ? layout->card->hit(at, &path) : ToolCardLayout::Target::None) {
        case ToolCardLayout::Target::ShowAll:
            toggleShowAll(index);
            return true;
        case ToolCardLayout::Target::Inspect:
            inspect(index);
            return true;
        case ToolCardLayout::Target::File:
            openFile(index, path);
            return true;
        case ToolCardLayout::Target::None:
            break;
        }
        return layout->box.contains(at);
    }
    case Kind::RunChanges:
        if (layout->box.contains(at)) {
            activate(index);
            return true;
        }
        return false;
    case Kind::Error:
    case Kind::StepLimit:
        if (layout->button.contains(at)) {
            activate(index);
            return true;
        }
        return false;
    default:
        return false;
    }
}

void ConversationDelegate::activate(const QModelIndex &index)
{
    switch (kindOf(index)) {
    case Kind::Reasoning:
        const_cast<QAbstractItemModel *>(index.model())
            ->setData(index, !index.data(ConversationModel::ExpandedRole).toBool(),
                      ConversationModel::ExpandedRole);
        break;
    case Kind::ToolCall:
        const_cast<QAbstractItemModel *>(index.model())
            ->setData(index, !index.data(ConversationModel::ExpandedRole).toBool(),
                      ConversationModel::ExpandedRole);
        break;
    case Kind::RunChanges:
        emit runChangesActivated(index.data(ConversationModel::RunIdRole).toLongLong());
        break;
    case Kind::Error:
        if (index.data(ConversationModel::ActionableRole).toBool())
            emit retryRequested();
        break;
    case Kind::StepLimit:
        if (index.data(ConversationModel::ActionableRole).toBool())
            emit continueRequested();
        break;
    default:
        break;
    }
}

bool ConversationDelegate::openLink(const QModelIndex &index)
{
    const QUrl url = index.data(ConversationModel::ToolLinkRole).toUrl();
    if (url.isEmpty())
        return false;
    QDesktopServices::openUrl(url);
    return true;
}

QString ConversationDelegate::linkText()
{
    return tr("Open preview \u2197");
}

QList<QRect> ConversationDelegate::copyButtonRects(const QModelIndex &index) const
{
    QList<QRect> rects;
    for (const CodeBlock &block : layoutFor(index, false)->codeBlocks)
        rects.append(block.button);
    return rects;
}

QStringList ConversationDelegate::codeBlocks(const QModelIndex &index) const
{
    QStringList blocks;
    for (const CodeBlock &block : layoutFor(index, false)->codeBlocks)
        blocks.append(block.text);
    return blocks;
}

QRect ConversationDelegate::actionButtonRect(const QModelIndex &index) const
{
    return layoutFor(index, false)->button;
}

bool ConversationDelegate::toggleShowAll(const QModelIndex &index)
{
    if (kindOf(index) != Kind::ToolCall)
        return false;
    auto *model = const_cast<QAbstractItemModel *>(index.model());
    if (!index.data(ConversationModel::ExpandedRole).toBool())
        model->setData(index, true, ConversationModel::ExpandedRole);
    const ToolCardLayout *card = toolCard(index);
    if (!card || !card->showAllRect().isValid())
        return false;
    return model->setData(index, !index.data(ConversationModel::ToolShowAllRole).toBool(),
                          ConversationModel::ToolShowAllRole);
}

void ConversationDelegate::inspect(const QModelIndex &index)
{
    if (kindOf(index) == Kind::ToolCall)
        emit toolCardActivated(index.data(ConversationModel::ToolCallRowIdRole).toLongLong());
}

QStringList ConversationDelegate::toolFiles(const QModelIndex &index) const
{
    QStringList paths;
    if (kindOf(index) != Kind::ToolCall)
        return paths;
    const auto status = index.data(ConversationModel::ToolStatusRole).value<ToolStatus>();
    const ToolCardContent content = ToolCardContent::from(
        index.data(ConversationModel::ToolNameRole).toString(),
        index.data(ConversationModel::ToolArgumentsRole).toJsonObject(),
        index.data(ConversationModel::ToolResultRole).toJsonValue(), status == ToolStatus::Failed);
    for (const ToolCardContent::File &file : content.files)
        paths << file.path;
    return paths;
}

bool ConversationDelegate::openFile(const QModelIndex &index, const QString &path)
{
    if (path.isEmpty() || !toolFiles(index).contains(path))
        return false;
    // The Changes tab names files relative to the sandbox's working directory.
    const QString home = SandboxPath::workingDirectory() + QLatin1Char('/');
    emit toolFileActivated(index.data(ConversationModel::ToolCallRowIdRole).toLongLong(),
                           path.startsWith(home) ? path.mid(home.size()) : path);
    return true;
}

const ToolCardLayout *ConversationDelegate::toolCard(const QModelIndex &index) const
{
    if (kindOf(index) != Kind::ToolCall)
        return nullptr;
    return layoutFor(index, false)->card.get();
}
