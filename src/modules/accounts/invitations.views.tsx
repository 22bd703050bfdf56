import type { Invitation } from '../../db/schema.js';
import type { FieldErrors } from '../../platform/forms.js';
import { messages } from '../../platform/i18n/fr.js';
import { ErrorSummary } from '../../ui/ErrorSummary.js';
import { TextField } from '../../ui/Field.js';
import { PublicLayout } from '../../ui/PublicLayout.js';
import type { SiteFrame } from '../../ui/site-frame.js';
import { NewPasswordFields, Refusal } from './accounts.views.js';

const text = messages.invitations;

export type AcceptField = 'display_name' | 'password' | 'confirmation';

/**
 * The page an invitation link opens. With an account already, the invitee signs in (the
 * password alone, the address being the invitation's); without, they choose a name and a
 * password. Only the invitee sees this: the workspace that invited learns nothing of it.
 */
export function AcceptInvitationView(props: {
  frame: SiteFrame;
  csrfToken: string;
  token: string;
  workspaceName: string;
  invitation: Invitation;
  mode: 'sign_in' | 'new_account';
  displayName: string;
  errors: FieldErrors<AcceptField>;
  refusal: string | null;
}) {
  const { errors, invitation } = props;
  const title = text.pageTitle(props.workspaceName);
  return (
    <PublicLayout
      frame={props.frame}
      title={Object.keys(errors).length > 0 ? messages.form.pageTitleError(title) : title}
      noIndex
    >
      <Refusal message={props.refusal} />
      <h1>{title}</h1>
      <ErrorSummary
        errors={errors}
        fieldIds={{ display_name: 'display_name', password: 'password', confirmation: 'confirmation' }}
      />
      <p>{text.intro(messages.roles[invitation.role])}</p>
      <p>
        {props.mode === 'sign_in' ? text.signInLead(invitation.email) : text.newAccountLead(invitation.email)}
      </p>
      <form class="form" action={`/invitation/${props.token}`} method="post" novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        {props.mode === 'sign_in' ? (
          <TextField
            id="password"
            name="password"
            type="password"
            label={messages.accounts.signIn.passwordLabel}
            error={errors.password}
            autocomplete="current-password"
          />
        ) : (
          <>
            <TextField
              id="display_name"
              name="display_name"
              label={text.nameLabel}
              hint={text.nameHint}
              value={props.displayName}
              error={errors.display_name}
              autocomplete="name"
            />
            <NewPasswordFields errors={errors} />
          </>
        )}
        <button type="submit">{text.submit}</button>
      </form>
      {props.mode === 'sign_in' ? (
        <p>
          <a href="/mot-de-passe-oublie">{messages.accounts.signIn.forgotten}</a>
        </p>
      ) : null}
    </PublicLayout>
  );
}
