import type { Job } from '../../db/schema.js';
import { formatDateTimeFr, isoDateInParis } from '../../platform/clock.js';
import { messages } from '../../platform/i18n/fr.js';
import { ActionButton } from '../../ui/ActionButton.js';
import { type AdminFrame, AdminLayout } from '../../ui/AdminLayout.js';
import { TableRegion } from '../../ui/TableRegion.js';

const text = messages.jobs;

export function FailedJobsView({
  frame,
  jobs,
  error,
}: {
  frame: AdminFrame;
  jobs: Job[];
  error: string | null;
}) {
  const title = error ? messages.form.pageTitleError(text.pageTitle) : text.pageTitle;
  return (
    <AdminLayout frame={frame} title={title}>
      <h1>{text.pageTitle}</h1>
      {error ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>{error}</p>
        </div>
      ) : null}
      <p>{text.intro}</p>
      {jobs.length === 0 ? (
        <p>{text.empty}</p>
      ) : (
        <TableRegion captionId="tableau-taches">
          <table class="table">
            <caption id="tableau-taches">{text.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{text.columns.kind}</th>
                <th scope="col">{text.columns.failedAt}</th>
                <th scope="col">{text.columns.attempts}</th>
                <th scope="col">{text.columns.error}</th>
                <th scope="col">{text.columns.action}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id}>
                  <td>{text.kinds[job.kind] ?? job.kind}</td>
                  <td>
                    {job.finished_at ? (
                      <time dateTime={isoDateInParis(new Date(job.finished_at))}>
                        {formatDateTimeFr(new Date(job.finished_at))}
                      </time>
                    ) : null}
                  </td>
                  <td>{job.attempts}</td>
                  <td class="job-error">{job.last_error}</td>
                  <td>
                    <ActionButton action={`/gestion/taches/${job.id}/relancer`} csrfToken={frame.csrfToken}>
                      {text.retry}
                    </ActionButton>
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
