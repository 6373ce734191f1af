// Help > About Agent Studio: version, Qt version, where the data lives.
#pragma once

#include <QDialog>

class StudioPaths;

class AboutDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(const StudioPaths &paths, QWidget *parent = nullptr);
};
