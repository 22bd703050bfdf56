import { messages } from '../../platform/i18n/fr.js';
import { formatAmount } from '../../platform/money.js';
import { ActionButton } from '../../ui/ActionButton.js';
import { type AdminFrame, AdminLayout } from '../../ui/AdminLayout.js';
import { ErrorSummary } from '../../ui/ErrorSummary.js';
import { SelectField, TextField } from '../../ui/Field.js';
import { TableRegion } from '../../ui/TableRegion.js';
import { onePercentOf, UTILITY_DOMAINS } from './one-percent.js';
import type { UtilityBudgetRow } from './utility-budgets.service.js';

const text = messages.utilityBudgets;
const f = text.fields;

export function UtilityBudgetsView({
  frame,
  budgets,
  canEdit,
  values,
  errors,
}: {
  frame: AdminFrame;
  budgets: UtilityBudgetRow[];
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
      {budgets.length === 0 ? (
        <p>{text.empty}</p>
      ) : (
        <TableRegion captionId="tableau-budgets-annexes">
          <table class="table">
            <caption id="tableau-budgets-annexes">{text.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{text.columns.year}</th>
                <th scope="col">{text.columns.domain}</th>
                <th scope="col">{text.columns.amount}</th>
                <th scope="col">{text.columns.ceiling}</th>
                {canEdit ? <th scope="col">{text.columns.actions}</th> : null}
              </tr>
            </thead>
            <tbody>
              {budgets.map((budget) => (
                <tr key={budget.id}>
                  <td>{budget.year}</td>
                  <td>{text.domains[budget.domain]}</td>
                  <td class="number">{formatAmount(budget.amount_minor, 'EUR')}</td>
                  <td class="number">{formatAmount(onePercentOf(budget.amount_minor), 'EUR')}</td>
                  {canEdit ? (
                    <td>
                      <ActionButton
                        action={`/gestion/budgets-annexes/${budget.id}/supprimer`}
                        csrfToken={frame.csrfToken}
                        variant="warning"
                      >
                        {text.delete(text.domains[budget.domain], budget.year)}
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
        <section aria-labelledby="ajouter-budget">
          <h2 id="ajouter-budget">{text.addTitle}</h2>
          <form class="form" action="/gestion/budgets-annexes" method="post" novalidate>
            <input type="hidden" name="_csrf" value={frame.csrfToken} />
            <TextField
              id="year"
              name="year"
              label={f.year}
              value={values.year}
              error={errors.year}
              autocomplete="off"
            />
            <SelectField
              id="domain"
              name="domain"
              label={f.domain}
              value={values.domain}
              error={errors.domain}
              choices={UTILITY_DOMAINS.map((domain) => ({ value: domain, label: text.domains[domain] }))}
            />
            <TextField
              id="amount"
              name="amount"
              label={f.amount}
              hint={f.amountHint}
              value={values.amount}
              error={errors.amount}
              autocomplete="off"
            />
            <button type="submit">{text.add}</button>
          </form>
        </section>
      ) : null}
    </AdminLayout>
  );
}
