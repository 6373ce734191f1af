// The tool-call inspector: a tree of runs, steps and tool calls with arguments and results.
#pragma once

#include <QWidget>

class QTreeView;

class InspectorPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit InspectorPanel(QWidget *parent = nullptr);

    QTreeView *tree() const { return m_tree; }

private:
    QTreeView *m_tree = nullptr;
};
