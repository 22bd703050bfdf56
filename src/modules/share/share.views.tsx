import { messages } from '../../platform/i18n/fr.js';
import { ErrorSummary } from '../../ui/ErrorSummary.js';
import { TextAreaField, TextField } from '../../ui/Field.js';
import { PublicLayout } from '../../ui/PublicLayout.js';
import type { SiteFrame } from '../../ui/site-frame.js';
import {
  MESSAGE_MAX_LENGTH,
  SENDER_MAX_LENGTH,
  type ShareField,
  type ShareFormValues,
  shareFieldIds,
} from './share.schemas.js';

export const SHARE_PATH = '/envoyer-a-un-ami';

interface SharedPageRef {
  title: string;
  path: string;
}

export function ShareFormView({
  frame,
  page,
  csrfToken,
  values,
  errors,
}: {
  frame: SiteFrame;
  page: SharedPageRef;
  csrfToken: string;
  values: ShareFormValues;
  errors: Partial<Record<ShareField, string>>;
}) {
  const text = messages.share;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <PublicLayout
      frame={frame}
      title={
        hasErrors
          ? messages.form.pageTitleError(text.documentTitle(page.title))
          : text.documentTitle(page.title)
      }
      noIndex
    >
      <h1>{text.pageTitle}</h1>
      <ErrorSummary errors={errors} fieldIds={shareFieldIds} />
      <p>{text.intro(page.title)}</p>
      <p class="hint">{text.privacy}</p>
      <form class="form" action={SHARE_PATH} method="post" novalidate>
        <input type="hidden" name="_csrf" value={csrfToken} />
        <input type="hidden" name="page" value={page.path} />
        <TextField
          id={shareFieldIds.destinataire}
          name="destinataire"
          type="email"
          label={text.recipientLabel}
          hint={text.recipientHint}
          value={values.destinataire}
          error={errors.destinataire}
          autocomplete="off"
        />
        <TextField
          id={shareFieldIds.nom}
          name="nom"
          label={text.senderLabel}
          hint={text.senderHint}
          value={values.nom}
          error={errors.nom}
          autocomplete="name"
          maxLength={SENDER_MAX_LENGTH}
        />
        <TextAreaField
          id={shareFieldIds.message}
          name="message"
          label={text.messageLabel}
          hint={text.messageHint(MESSAGE_MAX_LENGTH)}
          value={values.message}
          error={errors.message}
          optional
        />
        <div class="honeypot" aria-hidden="true">
          <label for="site_web">{text.honeypotLabel}</label>
          <input type="text" id="site_web" name="site_web" tabindex={-1} autocomplete="off" />
        </div>
        <button type="submit">{text.submit}</button>
      </form>
      <p>
        <a href={page.path}>{text.back(page.title)}</a>
      </p>
    </PublicLayout>
  );
}

export function ShareMessageView({
  frame,
  page,
  title,
  lead,
}: {
  frame: SiteFrame;
  page: SharedPageRef;
  title: string;
  lead: string;
}) {
  return (
    <PublicLayout frame={frame} title={title} noIndex>
      <h1>{title}</h1>
      <p>{lead}</p>
      <p>
        <a href={page.path}>{messages.share.back(page.title)}</a>
      </p>
    </PublicLayout>
  );
}
