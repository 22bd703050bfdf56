import type { AppServices } from '../../app-services.js';
import { findRecentAuditEvents } from '../../platform/audit/audit.repo.js';
import type { Actor } from '../../platform/auth/actor.js';
import { roleMay } from '../../platform/auth/permissions.js';
import { listFailedJobs } from '../../platform/jobs.js';
import type { AwaitingReview } from '../../platform/review.js';
import { listMissionsAwaitingReview } from '../missions/missions.service.js';
import {
  listPageDrafts,
  listPages,
  listPagesAwaitingReview,
  listPagesReturnedTo,
  listScheduledPublications,
} from '../pages/pages.service.js';
import { listProposedUpdates } from '../project-updates/project-updates.service.js';
import { listProjectsAwaitingReview } from '../projects/projects.service.js';
import { remindersFor } from '../reminders/reminders.service.js';
import { listResultsAwaitingReview } from '../results/results.service.js';
import { listTransactionsAwaitingReview } from '../transactions/transactions.service.js';
import { labelOf } from './history.service.js';

/** How many changes the dashboard lists. */
const RECENT_CHANGES = 20;

export interface DashboardChange {
  at: Date;
  actorName: string | null;
  action: string;
  recordType: string;
  label: string | null;
  /** Where the record is edited, when it still has a screen of its own. */
  href: string | null;
}

export interface Dashboard {
  /** For those who may publish: changes proposed for review, oldest first. */
  awaitingReview: Array<{ id: string; title: string; by: string | null; at: Date }>;
  /** Changes this person proposed that were sent back, with the reviewer's comment. */
  returned: Array<{ id: string; title: string; by: string | null; at: Date; comment: string }>;
  /** Draft pages, and published pages with unpublished changes (`changes`), latest first. */
  drafts: Array<{ id: string; title: string; updatedAt: Date; changes: boolean }>;
  scheduled: Array<{ id: string; title: string; at: Date }>;
  recent: DashboardChange[];
  /** For administrators: how many background jobs failed their last attempt. */
  failedJobs: number;
  /** Conventions about to end, projects with no news, the e-APD window: what the admins are e-mailed. */
  reminders: Array<{ message: string; href: string }>;
  /** For those who may publish: project news proposed by partners, oldest first. */
  updatesToReview: Array<{ title: string; language: string; project: string; by: string; href: string }>;
  /** For those who may publish: projects, transactions, results and missions whose changes a contributor proposed. */
  projectsToReview: AwaitingReview[];
}

function editHref(recordType: string, recordId: string): string | null {
  if (recordType === 'page') return `/gestion/pages/${recordId}`;
  if (recordType === 'media') return `/gestion/images/${recordId}`;
  if (recordType === 'document') return `/gestion/documents/${recordId}`;
  if (recordType === 'contact_card') return `/gestion/contacts/${recordId}`;
  if (recordType === 'site_settings') return '/gestion/parametres';
  if (recordType === 'organisation') return `/gestion/organisations/${recordId}`;
  if (recordType === 'partnership') return `/gestion/partenariats/${recordId}`;
  if (recordType === 'convention') return `/gestion/conventions/${recordId}`;
  if (recordType === 'project') return `/gestion/projets/${recordId}`;
  if (recordType === 'project_transaction') return `/gestion/operations/${recordId}`;
  if (recordType === 'project_update') return `/gestion/actualites/${recordId}`;
  if (recordType === 'project_result') return `/gestion/resultats/${recordId}`;
  if (recordType === 'mission') return `/gestion/missions/${recordId}`;
  return null;
}

/** What awaits the people who read the content: drafts, scheduled publications, the latest changes. */
export async function loadDashboard(deps: AppServices, actor: Actor): Promise<Dashboard | null> {
  if (!roleMay(actor.role, 'content.read')) return null;
  const [pages, pageDrafts, review, returned, scheduled, events, failed, reminders, proposed, projects] =
    await Promise.all([
      listPages(deps, actor),
      listPageDrafts(deps, actor),
      roleMay(actor.role, 'content.publish') ? listPagesAwaitingReview(deps, actor) : Promise.resolve([]),
      listPagesReturnedTo(deps, actor),
      listScheduledPublications(deps, actor),
      findRecentAuditEvents(deps.db, actor.workspace.id, RECENT_CHANGES),
      roleMay(actor.role, 'settings.manage')
        ? listFailedJobs(deps.db, actor.workspace.id)
        : Promise.resolve([]),
      remindersFor(deps, actor),
      listProposedUpdates(deps, actor),
      listProjectsAwaitingReview(deps, actor),
    ]);
  const childrenToReview = await Promise.all([
    listTransactionsAwaitingReview(deps, actor),
    listResultsAwaitingReview(deps, actor),
    listMissionsAwaitingReview(deps, actor),
  ]);
  return {
    awaitingReview: review.map(({ page, draft }) => ({
      id: page.id,
      title: page.title,
      by: draft.proposedByName,
      at: draft.proposedAt ?? draft.savedAt,
    })),
    returned: returned.map(({ page, draft }) => ({
      id: page.id,
      title: page.title,
      by: draft.returnedByName,
      at: draft.returnedAt ?? draft.savedAt,
      comment: draft.returnedComment ?? '',
    })),
    drafts: pages
      .map((item) => item.page)
      .filter((page) => page.status === 'draft' || pageDrafts.has(page.id))
      .map((page) => {
        const draft = pageDrafts.get(page.id);
        return draft
          ? {
              id: page.id,
              title: String(draft.data.title ?? page.title),
              updatedAt: draft.savedAt,
              changes: true,
            }
          : { id: page.id, title: page.title, updatedAt: page.updated_at, changes: false };
      })
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime()),
    scheduled,
    recent: events.map((event) => ({
      at: event.at,
      actorName: event.actor_name,
      action: event.action,
      recordType: event.record_type,
      label: labelOf(event.after) ?? labelOf(event.before),
      href: event.action === 'purge' ? null : editHref(event.record_type, event.record_id),
    })),
    failedJobs: failed.length,
    reminders: reminders.map((reminder) => ({ message: reminder.message, href: reminder.path })),
    updatesToReview: proposed.map((update) => ({
      title: update.title,
      language: update.language,
      project: update.project_title,
      by: update.proposed_by_name ?? '',
      href: `/gestion/actualites/${update.id}`,
    })),
    projectsToReview: [
      ...projects.map(({ project, draft }) => ({
        title: project.title,
        by: draft.proposedByName ?? '',
        href: `/gestion/projets/${project.id}`,
      })),
      ...childrenToReview.flat(),
    ],
  };
}
