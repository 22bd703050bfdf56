import { formatDateFr, formatDateTimeFr, isoDateInParis } from '../../platform/clock.js';
import { messages } from '../../platform/i18n/fr.js';
import { textAttributes } from '../../platform/languages.js';
import { type AdminFrame, AdminLayout } from '../../ui/AdminLayout.js';
import { TableRegion } from '../../ui/TableRegion.js';
import type { Dashboard } from './dashboard.service.js';

const text = messages.admin.dashboard;

/** Home of the back office: who you are here, then what awaits you, then the latest changes. */
export function DashboardView({
  frame,
  userName,
  roleLabel,
  sharedWithPartner,
  dashboard,
}: {
  frame: AdminFrame;
  userName: string;
  roleLabel: string;
  /** For a partner: the partnerships shared with its organisation; null for everyone else. */
  sharedWithPartner: Array<{ href: string; title: string }> | null;
  dashboard: Dashboard | null;
}) {
  return (
    <AdminLayout frame={frame} title={messages.admin.nav.dashboard}>
      <h1>{text.welcome(userName)}</h1>
      <p>{text.yourRole(roleLabel)}</p>
      {sharedWithPartner && sharedWithPartner.length === 0 ? <p>{text.partnerNothingShared}</p> : null}
      {sharedWithPartner && sharedWithPartner.length > 0 ? (
        <section aria-labelledby="partage-titre">
          <h2 id="partage-titre">{messages.partnerships.sharedForPartner}</h2>
          <ul>
            {sharedWithPartner.map((item) => (
              <li key={item.href}>
                <a href={item.href}>{item.title}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {dashboard && dashboard.projectsToReview.length > 0 ? (
        <section aria-labelledby="projets-a-relire">
          <h2 id="projets-a-relire">{messages.review.awaitingTitle}</h2>
          <ul>
            {dashboard.projectsToReview.map((project) => (
              <li key={project.href}>
                <a href={project.href}>{project.title}</a> : {messages.review.awaitingItem(project.by)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {dashboard && dashboard.updatesToReview.length > 0 ? (
        <section aria-labelledby="actualites-a-relire">
          <h2 id="actualites-a-relire">{messages.projectUpdates.awaitingTitle}</h2>
          <ul>
            {dashboard.updatesToReview.map((update) => (
              <li key={update.href}>
                <a href={update.href} {...textAttributes(update.language)}>
                  {update.title}
                </a>{' '}
                {messages.projectUpdates.awaitingItem(update.project, update.by)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {dashboard && dashboard.reminders.length > 0 ? (
        <section aria-labelledby="rappels">
          <h2 id="rappels">{messages.reminders.title}</h2>
          <ul>
            {dashboard.reminders.map((reminder) => (
              <li key={reminder.message}>
                <a href={reminder.href}>{reminder.message}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {dashboard && dashboard.failedJobs > 0 ? (
        <p class="notice">
          {text.failedJobs(dashboard.failedJobs)} <a href="/gestion/taches">{text.failedJobsLink}</a>
        </p>
      ) : null}
      <nav aria-labelledby="rubriques">
        <h2 id="rubriques">{text.sections}</h2>
        <ul>
          {frame.nav.slice(1).map((link) => (
            <li key={link.href}>
              <a href={link.href}>{link.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      {dashboard ? (
        <>
          {dashboard.awaitingReview.length > 0 ? (
            <section aria-labelledby="a-relire">
              <h2 id="a-relire">{text.reviewTitle}</h2>
              <p>{text.reviewIntro}</p>
              <ul>
                {dashboard.awaitingReview.map((item) => (
                  <li key={item.id}>
                    <a href={`/gestion/pages/${item.id}/modifications`}>{item.title}</a>,{' '}
                    {text.reviewBy(item.by ?? messages.history.system, formatDateTimeFr(item.at))}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {dashboard.returned.length > 0 ? (
            <section aria-labelledby="renvoyees">
              <h2 id="renvoyees">{text.returnedTitle}</h2>
              <ul>
                {dashboard.returned.map((item) => (
                  <li key={item.id}>
                    <a href={`/gestion/pages/${item.id}`}>{item.title}</a>,{' '}
                    {text.returnedBy(item.by ?? messages.history.system, formatDateTimeFr(item.at))}
                    <blockquote>
                      <p>{item.comment}</p>
                    </blockquote>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {dashboard.scheduled.length > 0 ? (
            <section aria-labelledby="programmees">
              <h2 id="programmees">{text.scheduledTitle}</h2>
              <ul>
                {dashboard.scheduled.map((item) => (
                  <li key={item.id}>
                    <a href={`/gestion/pages/${item.id}`}>{item.title}</a> —{' '}
                    <time dateTime={isoDateInParis(item.at)}>{formatDateTimeFr(item.at)}</time>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="brouillons">
            <h2 id="brouillons">{text.draftsTitle}</h2>
            {dashboard.drafts.length === 0 ? (
              <p>{text.draftsEmpty}</p>
            ) : (
              <TableRegion captionId="tableau-brouillons">
                <table class="table">
                  <caption id="tableau-brouillons" class="visually-hidden">
                    {text.draftsCaption}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{text.columns.what}</th>
                      <th scope="col">{text.columns.updated}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {dashboard.drafts.map((draft) => (
                      <tr key={draft.id}>
                        <td>
                          <a href={`/gestion/pages/${draft.id}`}>{draft.title}</a>
                          {draft.changes ? ` (${text.changesPending})` : null}
                        </td>
                        <td>
                          <time dateTime={isoDateInParis(draft.updatedAt)}>
                            {formatDateFr(draft.updatedAt)}
                          </time>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
            )}
          </section>
          <section aria-labelledby="dernieres-modifications">
            <h2 id="dernieres-modifications">{text.recentTitle}</h2>
            {dashboard.recent.length === 0 ? (
              <p>{text.recentEmpty}</p>
            ) : (
              <TableRegion captionId="tableau-modifications">
                <table class="table">
                  <caption id="tableau-modifications" class="visually-hidden">
                    {text.recentCaption}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{text.columns.when}</th>
                      <th scope="col">{text.columns.who}</th>
                      <th scope="col">{text.columns.action}</th>
                      <th scope="col">{text.columns.what}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {dashboard.recent.map((change, index) => {
                      const kind = text.recordTypes[change.recordType] ?? change.recordType;
                      const name = change.label ? `${kind} « ${change.label} »` : kind;
                      return (
                        <tr key={index}>
                          <td>
                            <time dateTime={isoDateInParis(change.at)}>{formatDateTimeFr(change.at)}</time>
                          </td>
                          <td>{change.actorName ?? messages.history.system}</td>
                          <td>{messages.history.actions[change.action] ?? change.action}</td>
                          <td>{change.href ? <a href={change.href}>{name}</a> : name}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </TableRegion>
            )}
          </section>
        </>
      ) : null}
    </AdminLayout>
  );
}
