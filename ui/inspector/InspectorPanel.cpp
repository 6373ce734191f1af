#include "InspectorPanel.h"

#include <QTreeView>
#include <QVBoxLayout>

InspectorPanel::InspectorPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("toolCallInspector"));

    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("inspectorTree"));
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree);
}
