import { formatDateTimeFr, isoDateInParis } from '../../platform/clock.js';
import { messages } from '../../platform/i18n/fr.js';
import { ActionButton } from '../../ui/ActionButton.js';
import { type AdminFrame, AdminLayout } from '../../ui/AdminLayout.js';
import { FieldChanges } from '../../ui/FieldChanges.js';
import { TableRegion } from '../../ui/TableRegion.js';
import type { HistoryEntry } from './history.service.js';

const text = messages.history;

export function HistoryView({
  frame,
  title,
  backHref,
  events,
  restoreAction,
}: {
  frame: AdminFrame;
  title: string;
  backHref: string;
  events: HistoryEntry[];
  /** Where "Rétablir" posts: the version an event left, or (`earlier`) the one it found. */
  restoreAction?: (eventId: number, earlier?: boolean) => string;
}) {
  // The latest change is the record as it is: nothing to restore there.
  const mayRestore = (event: HistoryEntry, index: number) =>
    restoreAction !== undefined && event.restorable && index > 0;
  const mayRestoreEarlier = (event: HistoryEntry) => restoreAction !== undefined && event.earlierRestorable;
  return (
    <AdminLayout frame={frame} title={text.pageTitle(title)}>
      <h1>{text.pageTitle(title)}</h1>
      <p>
        <a href={backHref}>{text.back}</a>
      </p>
      {events.length > 0 ? <p class="hint">{text.diffLegend}</p> : null}
      {events.some((event, index) => mayRestore(event, index) || mayRestoreEarlier(event)) ? (
        <p class="hint">{text.restoreVersionHint}</p>
      ) : null}
      {events.length === 0 ? (
        <p>{text.empty}</p>
      ) : (
        <TableRegion captionId="tableau-historique">
          <table class="table">
            <caption id="tableau-historique" class="visually-hidden">
              {text.tableCaption}
            </caption>
            <thead>
              <tr>
                <th scope="col">{text.when}</th>
                <th scope="col">{text.who}</th>
                <th scope="col">{text.what}</th>
                <th scope="col">{text.details}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event, index) => (
                <tr key={event.id}>
                  <td>
                    <time dateTime={`${isoDateInParis(event.at)}`}>{formatDateTimeFr(event.at)}</time>
                  </td>
                  <td>{event.actorName ?? text.system}</td>
                  <td>{text.actions[event.action] ?? event.action}</td>
                  <td>
                    {event.changes.length > 0 ? <FieldChanges changes={event.changes} /> : null}
                    {mayRestore(event, index) ? (
                      <ActionButton
                        action={restoreAction!(event.id)}
                        csrfToken={frame.csrfToken}
                        variant="secondary"
                      >
                        {text.restoreVersion}
                      </ActionButton>
                    ) : null}
                    {mayRestoreEarlier(event) ? (
                      <ActionButton
                        action={restoreAction!(event.id, true)}
                        csrfToken={frame.csrfToken}
                        variant="secondary"
                      >
                        {text.restoreEarlier}
                      </ActionButton>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </AdminLayout>
  );
}
