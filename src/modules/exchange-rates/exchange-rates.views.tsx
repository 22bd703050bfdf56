import { formatCalendarDateFr } from '../../platform/dates.js';
import { messages } from '../../platform/i18n/fr.js';
import { listCurrencies } from '../../platform/money.js';
import { ActionButton } from '../../ui/ActionButton.js';
import { type AdminFrame, AdminLayout } from '../../ui/AdminLayout.js';
import { ErrorSummary } from '../../ui/ErrorSummary.js';
import { SelectField, TextField } from '../../ui/Field.js';
import { TableRegion } from '../../ui/TableRegion.js';
import type { RateRow } from './exchange-rates.service.js';
import { formatRate } from './exchange-rules.js';

const text = messages.exchangeRates;
const f = text.fields;

export function ExchangeRatesView({
  frame,
  rates,
  canEdit,
  values,
  errors,
}: {
  frame: AdminFrame;
  rates: RateRow[];
  canEdit: boolean;
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const title = Object.keys(errors).length ? messages.form.pageTitleError(text.title) : text.title;
  return (
    <AdminLayout frame={frame} title={title}>
      <h1>{text.title}</h1>
      <ErrorSummary errors={errors} fieldIds={{}} />
      <p>{text.intro}</p>
      {rates.length === 0 ? (
        <p>{text.empty}</p>
      ) : (
        <TableRegion captionId="tableau-taux">
          <table class="table">
            <caption id="tableau-taux">{text.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{text.columns.currency}</th>
                <th scope="col">{text.columns.from}</th>
                <th scope="col">{text.columns.rate}</th>
                <th scope="col">{text.columns.by}</th>
                {canEdit ? <th scope="col">{text.columns.actions}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rates.map((rate) => (
                <tr key={rate.id}>
                  <td>{rate.currency}</td>
                  <td>{formatCalendarDateFr(rate.valid_from)}</td>
                  <td class="number">{formatRate(rate.euros_per_unit)} €</td>
                  <td>{rate.created_by_name ?? messages.history.emptyValue}</td>
                  {canEdit ? (
                    <td>
                      <ActionButton
                        action={`/gestion/taux-de-change/${rate.id}/supprimer`}
                        csrfToken={frame.csrfToken}
                        variant="warning"
                      >
                        {text.delete(rate.currency, formatCalendarDateFr(rate.valid_from))}
                      </ActionButton>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {canEdit ? (
        <section aria-labelledby="ajouter-taux">
          <h2 id="ajouter-taux">{text.addTitle}</h2>
          <form class="form" action="/gestion/taux-de-change" method="post" novalidate>
            <input type="hidden" name="_csrf" value={frame.csrfToken} />
            <SelectField
              id="currency"
              name="currency"
              label={f.currency}
              value={values.currency ?? 'MAD'}
              error={errors.currency}
              choices={listCurrencies()
                .filter((c) => c.code !== 'EUR')
                .map((c) => ({ value: c.code, label: c.name }))}
            />
            <TextField
              id="valid_from"
              name="valid_from"
              type="date"
              label={f.valid_from}
              value={values.valid_from}
              error={errors.valid_from}
            />
            <TextField
              id="euros_per_unit"
              name="euros_per_unit"
              label={f.euros_per_unit}
              hint={f.euros_per_unitHint}
              value={values.euros_per_unit}
              error={errors.euros_per_unit}
              autocomplete="off"
            />
            <button type="submit">{text.add}</button>
          </form>
        </section>
      ) : null}
    </AdminLayout>
  );
}
