import type { Role } from '../../db/schema.js';

/**
 * Who may do what, per workspace. This is the table of the issue "Step 2" in code form; the
 * authorization test keeps its own copy of that table and checks every route against it.
 *
 * - admin: everything in its workspace: users, settings, content, empty the trash
 * - editor: create, edit, publish, delete and restore content; no users, no settings
 * - contributor: create and edit drafts; no publishing, no deleting
 * - reader: read everything in the back office, drafts included; no change
 * - partner: read what is shared with its organisation; propose updates (kept as drafts)
 */
export const permissions = {
  /** Enter the back office at all. */
  'backoffice.enter': ['admin', 'editor', 'contributor', 'reader', 'partner'],
  /** Read pages, images, contacts, settings, histories, trash — drafts included. */
  'content.read': ['admin', 'editor', 'contributor', 'reader'],
  /** Create a draft page, upload an image. */
  'content.create': ['admin', 'editor', 'contributor'],
  /** Change a draft page or an image (a contributor cannot change what is public: see content rules). */
  'content.edit': ['admin', 'editor', 'contributor'],
  /** Put on or take off the public site, change what is already public, contact cards. */
  'content.publish': ['admin', 'editor'],
  'content.delete': ['admin', 'editor'],
  'content.restore': ['admin', 'editor'],
  /** Open partnerships and conventions: a partner only those shared with its organisation. */
  'partnerships.read': ['admin', 'editor', 'contributor', 'reader', 'partner'],
  /** Propose news of a project (a partner: of a project shared with it), read by an editor before it shows. */
  'updates.propose': ['admin', 'editor', 'contributor', 'partner'],
  /** Share a partnership with the partner organisation's accounts. */
  'partnerships.share': ['admin'],
  'trash.empty': ['admin'],
  'settings.manage': ['admin'],
  'users.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function roleMay(role: Role | null | undefined, permission: Permission): boolean {
  return !!role && (permissions[permission] as readonly Role[]).includes(role);
}
