import type { Db } from '../../db/database.js';
import { type Actor, assertMay } from '../../platform/auth/actor.js';
import { isoDateInParis } from '../../platform/clock.js';
import { formatCalendarDateFr } from '../../platform/dates.js';
import { messages } from '../../platform/i18n/fr.js';
import type { JobQueue } from '../../platform/jobs.js';
import { type AccountDeps, workspaceLink } from '../accounts/accounts.service.js';
import { conventionStatus, effectiveEnd } from '../conventions/convention-rules.js';
import { findWorkspace } from '../workspaces/workspace.service.js';
import { conventionEndsSoon, eapdWindow, expectsNews, isQuiet } from './reminder-rules.js';
import {
  findConventionsToWatch,
  findProjectsToWatch,
  findWorkspacesAndAdmins,
  markRemindersSent,
  type SentReminder,
} from './reminders.repo.js';

const text = messages.reminders;

/** The daily look for reminders due, and the e-mail each admin gets, both through the job queue. */
export const REMINDERS_JOB = 'reminders';
export const REMINDER_MAIL_JOB = 'reminder-mail';

export interface Reminder extends SentReminder {
  /** What the dashboard and the e-mail say. */
  message: string;
  /** Where to act, in the back office. */
  path: string;
}

/** The reminders due today in a workspace, each with its item and period. */
export async function dueReminders(db: Db, workspaceId: string, today: string): Promise<Reminder[]> {
  const [conventions, projects] = await Promise.all([
    findConventionsToWatch(db, workspaceId),
    findProjectsToWatch(db, workspaceId),
  ]);
  const reminders: Reminder[] = [];
  for (const convention of conventions) {
    const status = conventionStatus(convention, today);
    if (status === 'terminated' || status === 'draft') continue;
    const endsOn = effectiveEnd(convention, today);
    if (endsOn && conventionEndsSoon(endsOn, today))
      reminders.push({
        kind: 'convention_ending',
        item_id: convention.id,
        period: endsOn,
        message: text.conventionEnding(
          convention.title,
          convention.partner_name,
          formatCalendarDateFr(endsOn),
        ),
        path: `/gestion/conventions/${convention.id}`,
      });
  }
  for (const project of projects) {
    const lastUpdate = isoDateInParis(project.last_update);
    if (expectsNews(project.status) && isQuiet(lastUpdate, today))
      reminders.push({
        kind: 'project_quiet',
        item_id: project.id,
        period: lastUpdate,
        message: text.projectQuiet(project.title, formatCalendarDateFr(lastUpdate)),
        path: `/gestion/projets/${project.id}`,
      });
  }
  const window = eapdWindow(today);
  if (window)
    reminders.push({
      kind: 'eapd_window',
      item_id: String(window.declaredYear),
      period: String(window.declaredYear),
      message: text.eapdOpen(window.declaredYear, formatCalendarDateFr(window.closesOn)),
      path: '/gestion/projets',
    });
  return reminders;
}

/** What the dashboard shows those who read the back office. */
export async function remindersFor(
  deps: Pick<AccountDeps, 'db' | 'clock'>,
  actor: Actor,
): Promise<Reminder[]> {
  assertMay(actor, 'content.read');
  return dueReminders(deps.db, actor.workspace.id, isoDateInParis(deps.clock.now()));
}

/**
 * The queue's side: every day, the reminders due in each workspace that were not sent yet are
 * marked sent and one e-mail per admin is queued, in one transaction — each item and period
 * reaches an admin once, however often the look runs.
 */
export function registerReminderJobs(deps: AccountDeps & { jobs: JobQueue }): void {
  deps.jobs.daily(REMINDERS_JOB, async () => {
    const now = deps.clock.now();
    const today = isoDateInParis(now);
    for (const workspace of await findWorkspacesAndAdmins(deps.db)) {
      if (workspace.adminEmails.length === 0) continue;
      const due = await dueReminders(deps.db, workspace.id, today);
      if (due.length === 0) continue;
      await deps.db.transaction().execute(async (trx) => {
        const fresh = await markRemindersSent(trx, workspace.id, due, now);
        if (fresh.length === 0) return;
        const items = due
          .filter((r) =>
            fresh.some((f) => f.kind === r.kind && f.item_id === r.item_id && f.period === r.period),
          )
          .map((r) => ({ message: r.message, path: r.path }));
        for (const to of workspace.adminEmails)
          await deps.jobs.enqueue(trx, {
            kind: REMINDER_MAIL_JOB,
            workspaceId: workspace.id,
            payload: { to, items },
          });
      });
    }
  });
  deps.jobs.handle(REMINDER_MAIL_JOB, async (job) => {
    const { to, items } = job.payload as { to?: string; items?: Array<{ message: string; path: string }> };
    const workspace = job.workspace_id ? await findWorkspace(deps.db, job.workspace_id) : undefined;
    if (!workspace || !to || !items?.length) throw new Error('reminder-mail: no workspace, address or item');
    await deps.mailer.send({
      to,
      subject: text.mail.subject(workspace.name, items.length),
      text: text.mail.body(
        items.map((item) => `- ${item.message}\n  ${workspaceLink(deps, workspace, item.path)}`).join('\n\n'),
      ),
    });
  });
}
