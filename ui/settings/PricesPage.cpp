// The prices page.
#include "PricesPage.h"

#include "llm/ModelRef.h"
#include "services/CostService.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

QDoubleSpinBox *priceBox(const QString &name, const QString &accessible, QWidget *parent)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setObjectName(name);
    box->setAccessibleName(accessible);
    box->setPrefix(QStringLiteral("$"));
    box->setDecimals(4);
    box->setRange(0, 10000);
    return box;
}

} // namespace

PricesPage::PricesPage(CostService &costs, const QStringList &models, QWidget *parent)
    : QWidget(parent)
    , m_costs(costs)
    , m_custom(costs.prices().custom())
{
    setObjectName(QStringLiteral("pricesPage"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Prices in US dollars per million tokens, and each model's context window. The list "
           "prices were taken on %1; set your own for custom and local models, or where a price "
           "changed. Servers on this computer (Ollama, LM Studio) cost nothing unless you set a "
           "price. A model without a price shows \"no price\".")
            .arg(costs.prices().takenOn()),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_table = new QTableWidget(0, 6, this);
    m_table->setObjectName(QStringLiteral("pricesTable"));
    m_table->setAccessibleName(tr("Model prices"));
    m_table->setHorizontalHeaderLabels(
        {tr("Model"), tr("Input"), tr("Cached input"), tr("Output"), tr("Context"), tr("Source")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    layout->addWidget(m_table, 1);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (const QTableWidgetItem *item = m_table->item(row, 0))
            showModel(item->text());
    });

    auto *form = new QFormLayout;
    m_model = new QComboBox(this);
    m_model->setObjectName(QStringLiteral("priceModelBox"));
    m_model->setAccessibleName(tr("Model to price"));
    m_model->setEditable(true);
    m_model->setInsertPolicy(QComboBox::NoInsert);
    QStringList all = models + costs.prices().listedModels() + m_custom.keys();
    all.removeDuplicates();
    all.sort();
    m_model->addItems(all);
    m_model->setCurrentText(QString());
    connect(m_model, &QComboBox::currentTextChanged, this, &PricesPage::showModel);
    form->addRow(tr("M&odel:"), m_model);
    m_input = priceBox(QStringLiteral("priceInputBox"), tr("Input price per million tokens"), this);
    form->addRow(tr("&Input per 1M tokens:"), m_input);
    m_cached = priceBox(QStringLiteral("priceCachedBox"),
                        tr("Cached input price per million tokens"), this);
    form->addRow(tr("&Cached input per 1M tokens:"), m_cached);
    m_output
        = priceBox(QStringLiteral("priceOutputBox"), tr("Output price per million tokens"), this);
    form->addRow(tr("O&utput per 1M tokens:"), m_output);
    m_context = new QSpinBox(this);
    m_context->setObjectName(QStringLiteral("priceContextBox"));
    m_context->setAccessibleName(tr("Context window in tokens"));
    m_context->setRange(0, 100000000);
    m_context->setSpecialValueText(tr("unknown"));
    m_context->setSuffix(tr(" tokens"));
    form->addRow(tr("Context &window:"), m_context);
    layout->addLayout(form);

    auto *buttons = new QHBoxLayout;
    m_set = new QPushButton(tr("Use &This Price"), this);
    m_set->setObjectName(QStringLiteral("setPriceButton"));
    m_set->setAccessibleName(tr("Use this price"));
    connect(m_set, &QPushButton::clicked, this, &PricesPage::setPrice);
    m_remove = new QPushButton(tr("Remove My &Price"), this);
    m_remove->setObjectName(QStringLiteral("removePriceButton"));
    m_remove->setAccessibleName(tr("Remove my price"));
    connect(m_remove, &QPushButton::clicked, this, &PricesPage::removePrice);
    buttons->addWidget(m_set);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);

    fillTable();
    showModel(QString());
}

std::optional<ModelPrice> PricesPage::effective(const QString &modelRef) const
{
    if (const auto it = m_custom.constFind(modelRef); it != m_custom.constEnd()) {
        ModelPrice price = *it;
        price.source = ModelPrice::Source::Custom;
        return price;
    }
    const auto found = m_costs.price(modelRef);
    // The service's answer may be a custom price removed here: the list's then.
    if (found && found->source == ModelPrice::Source::Custom)
        return m_costs.prices().listPrice(modelRef);
    return found;
}

void PricesPage::fillTable()
{
    QStringList models = m_costs.prices().listedModels() + m_custom.keys();
    models.removeDuplicates();
    models.sort();
    const QLocale locale;
    m_table->setRowCount(int(models.size()));
    for (int row = 0; row < models.size(); ++row) {
        const QString &model = models.at(row);
        const auto price = effective(model);
        const auto money = [](double usd) { return QString::number(usd, 'f', 3); };
        QString source = tr("list, %1").arg(m_costs.prices().takenOn());
        if (price && price->source == ModelPrice::Source::Custom)
            source = tr("yours");
        else if (price && price->source == ModelPrice::Source::Local)
            source = tr("local: free");
        const QStringList cells{model,
                                price ? money(price->input) : tr("no price"),
                                price ? money(price->cachedInput) : QString(),
                                price ? money(price->output) : QString(),
                                price && price->contextWindow > 0
                                    ? locale.toString(price->contextWindow)
                                    : tr("unknown"),
                                source};
        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    m_table->resizeColumnsToContents();
}

void PricesPage::showModel(const QString &modelRef)
{
    if (m_model->currentText() != modelRef)
        m_model->setCurrentText(modelRef);
    const auto price = effective(modelRef);
    m_input->setValue(price ? price->input : 0);
    m_cached->setValue(price ? price->cachedInput : 0);
    m_output->setValue(price ? price->output : 0);
    m_context->setValue(price ? int(qMin<qint64>(price->contextWindow, m_context->maximum())) : 0);
    m_remove->setEnabled(m_custom.contains(modelRef));
    m_error->hide();
}

void PricesPage::setPrice()
{
    const QString model = m_model->currentText().trimmed();
    QString error;
    if (!ModelRef::parse(model, &error)) {
        m_error->setText(error);
        m_error->show();
        m_model->setFocus();
        return;
    }
    ModelPrice price;
    price.input = m_input->value();
    price.cachedInput = m_cached->value();
    price.output = m_output->value();
    price.contextWindow = m_context->value();
    price.source = ModelPrice::Source::Custom;
    m_custom.insert(model, price);
    fillTable();
    m_remove->setEnabled(true);
    m_error->hide();
}

void PricesPage::removePrice()
{
    m_custom.remove(m_model->currentText().trimmed());
    fillTable();
    showModel(m_model->currentText().trimmed());
}

void PricesPage::apply()
{
    const QHash<QString, ModelPrice> saved = m_costs.prices().custom();
    for (auto it = saved.cbegin(); it != saved.cend(); ++it) {
        if (!m_custom.contains(it.key()))
            m_costs.setCustomPrice(it.key(), std::nullopt);
    }
    for (auto it = m_custom.cbegin(); it != m_custom.cend(); ++it) {
        if (saved.value(it.key()) != *it || !saved.contains(it.key()))
            m_costs.setCustomPrice(it.key(), *it);
    }
}
