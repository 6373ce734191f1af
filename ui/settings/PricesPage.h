// Settings > Prices (issue 18): every model's price per million tokens (input, cached input,
// output) and context window, from the built-in list (dated) or the user's own; the user sets
// prices for custom and local models, or overrides a list price. Edits are kept until Apply,
// which hands them to the cost service (the owner of prices).
#pragma once

#include "llm/ModelPrices.h"

#include <QHash>
#include <QWidget>

class CostService;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

class PricesPage final : public QWidget
{
    Q_OBJECT

public:
    // `models`: the models the user may pick (suggestions, the default model), besides the
    // listed and custom ones.
    PricesPage(CostService &costs, const QStringList &models, QWidget *parent = nullptr);

    // The form: a model and its price; Set keeps it as the user's price (until Apply).
    QComboBox *modelBox() const { return m_model; }
    QDoubleSpinBox *inputBox() const { return m_input; }
    QDoubleSpinBox *cachedBox() const { return m_cached; }
    QDoubleSpinBox *outputBox() const { return m_output; }
    QSpinBox *contextBox() const { return m_context; }
    QPushButton *setButton() const { return m_set; }
    QPushButton *removeButton() const { return m_remove; }
    QTableWidget *table() const { return m_table; }

    // Writes the user's prices through the cost service.
    void apply();

private:
    void fillTable();
    void showModel(const QString &modelRef);
    void setPrice();
    void removePrice();
    std::optional<ModelPrice> effective(const QString &modelRef) const;

    CostService &m_costs;
    QHash<QString, ModelPrice> m_custom; // as edited
    QTableWidget *m_table = nullptr;
    QComboBox *m_model = nullptr;
    QDoubleSpinBox *m_input = nullptr;
    QDoubleSpinBox *m_cached = nullptr;
    QDoubleSpinBox *m_output = nullptr;
    QSpinBox *m_context = nullptr;
    QPushButton *m_set = nullptr;
    QPushButton *m_remove = nullptr;
    QLabel *m_error = nullptr;
};
