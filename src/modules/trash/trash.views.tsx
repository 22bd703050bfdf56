import { formatDateTimeFr, isoDateInParis } from '../../platform/clock.js';
import { messages } from '../../platform/i18n/fr.js';
import { ActionButton } from '../../ui/ActionButton.js';
import { type AdminFrame, AdminLayout } from '../../ui/AdminLayout.js';
import { TableRegion } from '../../ui/TableRegion.js';
import type { TrashEntry } from './trash.service.js';

const text = messages.trash;

export function TrashView({
  frame,
  entries,
  can,
  error,
}: {
  frame: AdminFrame;
  entries: TrashEntry[];
  can: { restore: boolean; empty: boolean };
  error: string | null;
}) {
  return (
    <AdminLayout frame={frame} title={error ? messages.form.pageTitleError(text.pageTitle) : text.pageTitle}>
      {error ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>{error}</p>
        </div>
      ) : null}
      <h1>{text.pageTitle}</h1>
      <p>{text.intro}</p>
      {entries.length === 0 ? (
        <p>{text.empty}</p>
      ) : (
        <>
          <TableRegion captionId="tableau-corbeille">
            <table class="table">
              <caption id="tableau-corbeille">{text.tableCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{text.columns.what}</th>
                  <th scope="col">{text.columns.kind}</th>
                  <th scope="col">{text.columns.when}</th>
                  <th scope="col">{text.columns.who}</th>
                  {can.restore ? <th scope="col">{text.columns.actions}</th> : null}
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.deletionId}>
                    <td>
                      {entry.title}
                      {entry.companions > 0 ? ` (${text.withChildren(entry.companions)})` : null}
                    </td>
                    <td>{text.kinds[entry.kind]}</td>
                    <td>
                      <time dateTime={isoDateInParis(entry.deletedAt)}>
                        {formatDateTimeFr(entry.deletedAt)}
                      </time>
                    </td>
                    <td>{entry.deletedBy ?? messages.history.system}</td>
                    {can.restore ? (
                      <td>
                        <ActionButton
                          action={`/gestion/corbeille/${entry.deletionId}/restaurer`}
                          csrfToken={frame.csrfToken}
                          variant="secondary"
                        >
                          {text.restore}
                          <span class="visually-hidden"> {entry.title}</span>
                        </ActionButton>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          {can.empty ? (
            <form action="/gestion/corbeille/vider" method="post">
              <input type="hidden" name="_csrf" value={frame.csrfToken} />
              <p class="hint">{text.emptyTrashHint}</p>
              <button type="submit" class="button-warning">
                {text.emptyTrash}
              </button>
            </form>
          ) : null}
        </>
      )}
    </AdminLayout>
  );
}
