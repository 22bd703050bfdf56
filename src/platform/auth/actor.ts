import type { Role, User, Workspace } from '../../db/schema.js';
import { ForbiddenError } from '../errors-typed.js';
import { messages } from '../i18n/fr.js';
import { type Permission, roleMay } from './permissions.js';

/** Who does a change, in which workspace, with which role: what every service use case receives. */
export interface Actor {
  workspace: Workspace;
  user: User;
  role: Role;
  /** For a partner account: the organisation it represents (what is shared with it). */
  partnerOrganisationId?: string | null;
}

/** Services check again what routes already checked: a service may be called from elsewhere (CLI, jobs). */
export function assertMay(actor: Actor, permission: Permission): void {
  if (!roleMay(actor.role, permission)) throw new ForbiddenError(messages.admin.forbidden);
}
