import type { Invitation, Role } from '../../db/schema.js';
import { roles } from '../../db/schema.js';
import { MIN_PASSWORD_LENGTH } from '../../platform/auth/password.js';
import { formatDateFr } from '../../platform/clock.js';
import type { FieldErrors } from '../../platform/forms.js';
import { messages } from '../../platform/i18n/fr.js';
import type { StaleSave } from '../../platform/versions.js';
import { ActionButton } from '../../ui/ActionButton.js';
import { type AdminFrame, AdminLayout } from '../../ui/AdminLayout.js';
import { ConflictNotice, VersionField } from '../../ui/ConflictNotice.js';
import { ErrorSummary } from '../../ui/ErrorSummary.js';
import { RadioField, SelectField, TextField } from '../../ui/Field.js';
import { PublicLayout } from '../../ui/PublicLayout.js';
import type { SiteFrame } from '../../ui/site-frame.js';
import { TableRegion } from '../../ui/TableRegion.js';
import { asText } from '../backoffice/history.service.js';
import type { MemberRow } from './accounts.repo.js';

const text = messages.accounts;

function titleFor(title: string, errors: FieldErrors) {
  return Object.keys(errors).length > 0 ? messages.form.pageTitleError(title) : title;
}

/** A refusal that is no field's (a slowed account, a changed situation): told above the form. */
export function Refusal({ message }: { message: string | null }) {
  return message ? (
    <div class="error-summary" role="alert" tabindex={-1}>
      <p>{message}</p>
    </div>
  ) : null;
}

/** The columns of the members table and of the invitations table: one list of people. */
function PeopleTableHead() {
  const t = messages.users;
  return (
    <thead>
      <tr>
        <th scope="col">{t.name}</th>
        <th scope="col">{t.email}</th>
        <th scope="col">{t.role}</th>
        <th scope="col">{t.status}</th>
        <th scope="col">{t.actions}</th>
      </tr>
    </thead>
  );
}

function Notice({ message }: { message: string | null }) {
  return message ? (
    <div class="notice" role="status">
      <p>{message}</p>
    </div>
  ) : null;
}

export function SignInView(props: {
  frame: SiteFrame;
  csrfToken: string;
  email: string;
  back: string;
  errors: FieldErrors<'email' | 'password'>;
  notice: string | null;
  refusal: string | null;
}) {
  const { errors } = props;
  return (
    <PublicLayout frame={props.frame} title={titleFor(text.signIn.pageTitle, errors)} noIndex>
      <Refusal message={props.refusal} />
      <Notice message={props.notice} />
      <h1>{text.signIn.pageTitle}</h1>
      <ErrorSummary errors={errors} fieldIds={{ email: 'email', password: 'password' }} />
      <form class="form" action="/connexion" method="post" novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="retour" value={props.back} />
        <TextField
          id="email"
          name="email"
          type="email"
          label={text.signIn.emailLabel}
          value={props.email}
          error={errors.email}
          autocomplete="username"
        />
        <TextField
          id="password"
          name="password"
          type="password"
          label={text.signIn.passwordLabel}
          error={errors.password}
          autocomplete="current-password"
        />
        <button type="submit">{text.signIn.submit}</button>
      </form>
      <p>
        <a href="/mot-de-passe-oublie">{text.signIn.forgotten}</a>
      </p>
    </PublicLayout>
  );
}

export function ResetRequestView(props: {
  frame: SiteFrame;
  csrfToken: string;
  email: string;
  errors: FieldErrors<'email'>;
}) {
  return (
    <PublicLayout frame={props.frame} title={titleFor(text.reset.pageTitle, props.errors)} noIndex>
      <h1>{text.reset.pageTitle}</h1>
      <ErrorSummary errors={props.errors} fieldIds={{ email: 'email' }} />
      <p>{text.reset.intro}</p>
      <form class="form" action="/mot-de-passe-oublie" method="post" novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <TextField
          id="email"
          name="email"
          type="email"
          label={text.signIn.emailLabel}
          value={props.email}
          error={props.errors.email}
          autocomplete="username"
        />
        <button type="submit">{text.reset.submit}</button>
      </form>
    </PublicLayout>
  );
}

export function MessagePageView({
  frame,
  title,
  lead,
  link,
}: {
  frame: SiteFrame;
  title: string;
  lead: string;
  link?: { href: string; label: string };
}) {
  return (
    <PublicLayout frame={frame} title={title} noIndex>
      <h1>{title}</h1>
      <p>{lead}</p>
      {link ? (
        <p>
          <a href={link.href}>{link.label}</a>
        </p>
      ) : null}
    </PublicLayout>
  );
}

export function ChoosePasswordView(props: {
  frame: SiteFrame;
  csrfToken: string;
  token: string;
  errors: FieldErrors<'password' | 'confirmation'>;
}) {
  const title = text.choosePassword.resetTitle;
  return (
    <PublicLayout frame={props.frame} title={titleFor(title, props.errors)} noIndex>
      <h1>{title}</h1>
      <ErrorSummary errors={props.errors} fieldIds={{ password: 'password', confirmation: 'confirmation' }} />
      <form class="form" action={`/mot-de-passe/${props.token}`} method="post" novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <NewPasswordFields errors={props.errors} />
        <button type="submit">{text.choosePassword.submit}</button>
      </form>
    </PublicLayout>
  );
}

/** A new password and its confirmation: reset links and new accounts ask the same. */
export function NewPasswordFields({ errors }: { errors: FieldErrors<'password' | 'confirmation'> }) {
  return (
    <>
      <TextField
        id="password"
        name="password"
        type="password"
        label={text.choosePassword.passwordLabel}
        hint={text.choosePassword.passwordHint(MIN_PASSWORD_LENGTH)}
        error={errors.password}
        autocomplete="new-password"
      />
      <TextField
        id="confirmation"
        name="confirmation"
        type="password"
        label={text.choosePassword.confirmLabel}
        error={errors.confirmation}
        autocomplete="new-password"
      />
    </>
  );
}

const roleChoices = roles.map((role) => ({
  value: role,
  label: messages.roles[role],
  hint: messages.roleDescriptions[role],
}));

export function MembersView({
  frame,
  members,
  invitations,
  viewerUserId,
  now,
}: {
  frame: AdminFrame;
  members: MemberRow[];
  /** Open invitations: only what the admin typed, never what an account elsewhere holds. */
  invitations: Invitation[];
  viewerUserId: string;
  now: Date;
}) {
  const t = messages.users;
  return (
    <AdminLayout frame={frame} title={t.pageTitle}>
      <h1>{t.pageTitle}</h1>
      <p>
        <a class="button-link" href="/gestion/utilisateurs/inviter">
          {t.invite}
        </a>
      </p>
      <TableRegion captionId="tableau-membres">
        <table class="table">
          <caption id="tableau-membres">{t.tableCaption(members.length)}</caption>
          <PeopleTableHead />
          <tbody>
            {members.map((member) => (
              <tr key={member.membership_id}>
                <td>{member.display_name}</td>
                <td>{member.anonymised_at ? '—' : member.email}</td>
                <td>{messages.roles[member.role]}</td>
                <td>
                  {member.anonymised_at
                    ? t.statusAnonymised(formatDateFr(member.anonymised_at))
                    : member.deactivated_at
                      ? t.statusDeactivated
                      : t.statusActive}
                </td>
                <td>
                  {member.anonymised_at ? (
                    <a href={`/gestion/utilisateurs/${member.membership_id}/historique`}>{t.history}</a>
                  ) : (
                    <a href={`/gestion/utilisateurs/${member.membership_id}`}>
                      {t.manage}
                      <span class="visually-hidden"> {member.display_name}</span>
                    </a>
                  )}
                  {member.user_id === viewerUserId ? <span> {t.you}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      {invitations.length > 0 ? (
        <InvitationsTable invitations={invitations} csrfToken={frame.csrfToken} now={now} />
      ) : null}
    </AdminLayout>
  );
}

function InvitationsTable({
  invitations,
  csrfToken,
  now,
}: {
  invitations: Invitation[];
  csrfToken: string;
  now: Date;
}) {
  const t = messages.users;
  return (
    <>
      <h2 id="invitations">{t.invitationsTitle}</h2>
      <TableRegion captionId="tableau-invitations">
        <table class="table" aria-describedby="invitations">
          <caption id="tableau-invitations">{t.invitationsCaption(invitations.length)}</caption>
          <PeopleTableHead />
          <tbody>
            {invitations.map((invitation) => {
              const base = `/gestion/utilisateurs/invitations/${invitation.id}`;
              const expired = invitation.expires_at.getTime() <= now.getTime();
              return (
                <tr key={invitation.id}>
                  <td>{invitation.display_name}</td>
                  <td>{invitation.email}</td>
                  <td>{messages.roles[invitation.role]}</td>
                  <td>
                    {expired
                      ? t.invitationExpired(formatDateFr(invitation.expires_at))
                      : t.invitationSent(formatDateFr(invitation.created_at))}
                  </td>
                  <td>
                    <div class="actions">
                      <ActionButton action={`${base}/renvoyer`} csrfToken={csrfToken} variant="secondary">
                        {t.resendInvitation}
                        <span class="visually-hidden"> {t.invitationOf(invitation.display_name)}</span>
                      </ActionButton>
                      <ActionButton action={`${base}/annuler`} csrfToken={csrfToken} variant="warning">
                        {t.cancelInvitation}
                        <span class="visually-hidden"> {t.invitationOf(invitation.display_name)}</span>
                      </ActionButton>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableRegion>
    </>
  );
}

/** What a refused role change lists as changed meanwhile, as the history shows it. */
const memberConflictFields = {
  role: { label: messages.history.fields.role ?? 'role', show: (value: unknown) => asText('role', value) },
  deactivated_at: {
    label: messages.history.fields.deactivated_at ?? 'deactivated_at',
    show: (value: unknown) => asText('deactivated_at', value),
  },
};

export function MemberView({
  frame,
  member,
  csrfToken,
  errors,
  refused,
}: {
  frame: AdminFrame;
  member: MemberRow;
  csrfToken: string;
  errors: FieldErrors<'role' | 'actions'>;
  /** A role change refused: someone else changed the member after the form was opened. */
  refused?: { stale: StaleSave; role: string };
}) {
  const t = messages.users;
  const base = `/gestion/utilisateurs/${member.membership_id}`;
  const title = refused
    ? messages.form.pageTitleError(member.display_name)
    : titleFor(member.display_name, errors);
  return (
    <AdminLayout frame={frame} title={title}>
      <h1>{member.display_name}</h1>
      <ErrorSummary errors={errors} fieldIds={{ role: 'role', actions: 'actions' }} />
      {refused ? <ConflictNotice stale={refused.stale} fields={memberConflictFields} /> : null}
      <p>
        {member.email} · {messages.roles[member.role]} ·{' '}
        {member.deactivated_at ? t.statusDeactivated : t.statusActive}
      </p>
      <form class="form" action={`${base}/role`} method="post" novalidate>
        <input type="hidden" name="_csrf" value={csrfToken} />
        <VersionField value={String(member.version)} />
        <SelectField
          id="role"
          name="role"
          label={t.role}
          choices={roleChoices.map(({ value, label }) => ({ value, label }))}
          value={refused?.role || member.role}
          error={errors.role}
        />
        <button type="submit">{t.changeRole}</button>
      </form>
      <div class={errors.actions ? 'actions field--error' : 'actions'} id="actions" tabindex={-1}>
        {errors.actions ? (
          <p class="field__error" id="actions-error">
            <span class="visually-hidden">{messages.form.errorPrefix} </span>
            {errors.actions}
          </p>
        ) : null}
        <ActionButton
          action={`${base}/${member.deactivated_at ? 'reactiver' : 'desactiver'}`}
          csrfToken={csrfToken}
          variant="secondary"
        >
          {member.deactivated_at ? t.reactivate : t.deactivate}
        </ActionButton>
        <ActionButton action={`${base}/anonymiser`} csrfToken={csrfToken} variant="warning">
          {t.anonymise}
        </ActionButton>
      </div>
      <p class="hint">{t.anonymiseHint}</p>
      <p>
        <a href={`${base}/historique`}>{t.history}</a>
      </p>
    </AdminLayout>
  );
}

export function InviteView({
  frame,
  csrfToken,
  values,
  errors,
  organisations,
}: {
  frame: AdminFrame;
  csrfToken: string;
  values: Record<'email' | 'display_name' | 'role' | 'organisation_id', string>;
  errors: FieldErrors<'email' | 'display_name' | 'role' | 'organisation_id'>;
  organisations: Array<{ id: string; name: string }>;
}) {
  const t = messages.users;
  return (
    <AdminLayout frame={frame} title={titleFor(t.inviteTitle, errors)}>
      <h1>{t.inviteTitle}</h1>
      <ErrorSummary
        errors={errors}
        fieldIds={{
          email: 'email',
          display_name: 'display_name',
          role: 'role',
          organisation_id: 'organisation_id',
        }}
      />
      <p>{t.inviteIntro}</p>
      <form class="form" action="/gestion/utilisateurs/inviter" method="post" novalidate>
        <input type="hidden" name="_csrf" value={csrfToken} />
        <TextField
          id="email"
          name="email"
          type="email"
          label={t.email}
          value={values.email}
          error={errors.email}
          autocomplete="off"
        />
        <TextField
          id="display_name"
          name="display_name"
          label={t.name}
          value={values.display_name}
          error={errors.display_name}
          autocomplete="off"
        />
        <RadioField
          id="role"
          name="role"
          label={t.role}
          choices={roleChoices}
          value={values.role as Role}
          error={errors.role}
        />
        <SelectField
          id="organisation_id"
          name="organisation_id"
          label={t.partnerOrganisation}
          hint={t.partnerOrganisationHint}
          value={values.organisation_id}
          error={errors.organisation_id}
          choices={[
            { value: '', label: t.noPartnerOrganisation },
            ...organisations.map((o) => ({ value: o.id, label: o.name })),
          ]}
          optional
        />
        <button type="submit">{t.sendInvitation}</button>
      </form>
    </AdminLayout>
  );
}
