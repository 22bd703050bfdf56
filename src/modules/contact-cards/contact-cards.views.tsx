import type { ContactCard } from '../../db/schema.js';
import type { FieldErrors } from '../../platform/forms.js';
import { messages } from '../../platform/i18n/fr.js';
import { formatPhoneForDisplay, formatPhoneForInput } from '../../platform/phone.js';
import type { StaleSave } from '../../platform/versions.js';
import { ActionButton } from '../../ui/ActionButton.js';
import { type AdminFrame, AdminLayout } from '../../ui/AdminLayout.js';
import { ConflictNotice, VersionField } from '../../ui/ConflictNotice.js';
import { ErrorSummary } from '../../ui/ErrorSummary.js';
import { TextAreaField, TextField } from '../../ui/Field.js';
import { PageLinks } from '../../ui/PageLinks.js';
import { TableRegion } from '../../ui/TableRegion.js';
import { type ContactCardField, PHONE_MAX, SERVICE_NAME_MAX } from './contact-cards.schemas.js';
import type { ContactCardDeletionPlan, ContactCardListItem } from './contact-cards.service.js';

const text = messages.contactCards;

export function ContactCardsListView({
  frame,
  items,
  canCreate,
}: {
  frame: AdminFrame;
  items: ContactCardListItem[];
  canCreate: boolean;
}) {
  return (
    <AdminLayout frame={frame} title={text.listTitle}>
      <h1>{text.listTitle}</h1>
      <p>{text.intro}</p>
      {canCreate ? (
        <p>
          <a class="button-link" href="/gestion/contacts/nouvelle">
            {text.newCard}
          </a>
        </p>
      ) : null}
      {items.length === 0 ? (
        <p>{text.empty}</p>
      ) : (
        <TableRegion captionId="tableau-contacts">
          <table class="table">
            <caption id="tableau-contacts">{text.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{text.columns.service}</th>
                <th scope="col">{text.columns.person}</th>
                <th scope="col">{text.columns.phone}</th>
                <th scope="col">{text.columns.email}</th>
                <th scope="col">{text.columns.pages}</th>
              </tr>
            </thead>
            <tbody>
              {items.map(({ card, pageCount }) => (
                <tr key={card.id}>
                  <td>
                    <a href={`/gestion/contacts/${card.id}`}>{card.service_name}</a>
                  </td>
                  <td>{card.person_name}</td>
                  <td class="nowrap">{formatPhoneForDisplay(card.phone)}</td>
                  <td>{card.email}</td>
                  <td>{pageCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </AdminLayout>
  );
}

export type ContactCardFormValues = Record<ContactCardField, string>;

export const emptyContactCardValues: ContactCardFormValues = {
  service_name: '',
  person_name: '',
  organisation_name: '',
  phone: '',
  email: '',
  address: '',
  position: '0',
  version: '',
};

export function contactCardFormValues(card: ContactCard): ContactCardFormValues {
  return {
    service_name: card.service_name,
    person_name: card.person_name,
    organisation_name: card.organisation_name,
    phone: formatPhoneForInput(card.phone),
    email: card.email,
    address: card.address,
    position: String(card.position),
    version: String(card.version),
  };
}

/** Field ids are the field names: the error summary links to them as they are. */
const fieldIds: Record<ContactCardField | 'card', string> = {
  service_name: 'service_name',
  person_name: 'person_name',
  organisation_name: 'organisation_name',
  phone: 'phone',
  email: 'email',
  address: 'address',
  position: 'position',
  version: 'service_name',
  card: 'contenu',
};

export interface ContactCardFormProps {
  frame: AdminFrame;
  card: ContactCard | null;
  values: ContactCardFormValues;
  errors: FieldErrors<ContactCardField>;
  can: { edit: boolean; delete: boolean };
  /** Someone else saved the card after this form was opened: the save was refused. */
  stale?: StaleSave;
}

/** The fields a conflict may list, as the form names them. */
const conflictFields = {
  service_name: { label: text.fields.service_name },
  person_name: { label: text.fields.person_name },
  organisation_name: { label: text.fields.organisation_name },
  phone: { label: text.fields.phone, show: (value: unknown) => formatPhoneForDisplay(String(value)) },
  email: { label: text.fields.email },
  address: { label: text.fields.address },
  position: { label: text.fields.position },
};

export function ContactCardFormView({ frame, card, values, errors, can, stale }: ContactCardFormProps) {
  // "Modifier : …" only to someone who may: a reader sees the card's own name.
  const heading = card ? (can.edit ? text.editTitle(card.service_name) : card.service_name) : text.newTitle;
  const title = Object.keys(errors).length || stale ? messages.form.pageTitleError(heading) : heading;
  const f = text.fields;
  return (
    <AdminLayout frame={frame} title={title}>
      <p>
        <a href="/gestion/contacts">{text.backToList}</a>
      </p>
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} fieldIds={fieldIds} />
      {stale ? <ConflictNotice stale={stale} fields={conflictFields} /> : null}
      {card ? (
        <div class="actions">
          <a href={`/gestion/contacts/${card.id}/historique`}>{text.history}</a>
          {can.delete ? <a href={`/gestion/contacts/${card.id}/supprimer`}>{text.delete}</a> : null}
        </div>
      ) : null}
      {can.edit ? (
        <>
          <p class="hint">{text.publicNotice}</p>
          <form
            class="form"
            action={card ? `/gestion/contacts/${card.id}` : '/gestion/contacts'}
            method="post"
            novalidate
          >
            <input type="hidden" name="_csrf" value={frame.csrfToken} />
            {card ? <VersionField value={values.version} /> : null}
            <TextField
              id="service_name"
              name="service_name"
              label={f.service_name}
              hint={f.service_nameHint}
              value={values.service_name}
              error={errors.service_name}
              maxLength={SERVICE_NAME_MAX}
            />
            <TextField
              id="person_name"
              name="person_name"
              label={f.person_name}
              value={values.person_name}
              error={errors.person_name}
              autocomplete="off"
              optional
            />
            <TextField
              id="organisation_name"
              name="organisation_name"
              label={f.organisation_name}
              value={values.organisation_name}
              error={errors.organisation_name}
              autocomplete="off"
              optional
            />
            <TextField
              id="phone"
              name="phone"
              type="tel"
              label={f.phone}
              hint={f.phoneHint}
              value={values.phone}
              error={errors.phone}
              autocomplete="off"
              maxLength={PHONE_MAX}
              optional
            />
            <TextField
              id="email"
              name="email"
              type="email"
              label={f.email}
              hint={f.emailHint}
              value={values.email}
              error={errors.email}
              autocomplete="off"
              optional
            />
            <TextAreaField
              id="address"
              name="address"
              label={f.address}
              value={values.address}
              error={errors.address}
              rows={4}
              optional
            />
            <TextField
              id="position"
              name="position"
              label={f.position}
              hint={f.positionHint}
              value={values.position}
              error={errors.position}
              optional
            />
            <button type="submit">{card ? text.save : text.create}</button>
          </form>
        </>
      ) : card ? (
        <>
          <p class="notice">{text.readOnly}</p>
          <dl class="history-change">
            <dt>{f.service_name}</dt>
            <dd>{card.service_name}</dd>
            <dt>{f.person_name}</dt>
            <dd>{card.person_name || messages.history.emptyValue}</dd>
            <dt>{f.organisation_name}</dt>
            <dd>{card.organisation_name || messages.history.emptyValue}</dd>
            <dt>{f.phone}</dt>
            <dd>{card.phone ? formatPhoneForDisplay(card.phone) : messages.history.emptyValue}</dd>
            <dt>{f.email}</dt>
            <dd>{card.email || messages.history.emptyValue}</dd>
            <dt>{f.address}</dt>
            <dd>{card.address || messages.history.emptyValue}</dd>
            <dt>{f.position}</dt>
            <dd>{card.position}</dd>
          </dl>
        </>
      ) : null}
    </AdminLayout>
  );
}

export function DeleteContactCardView({
  frame,
  plan,
  error,
}: {
  frame: AdminFrame;
  plan: ContactCardDeletionPlan;
  error: string | null;
}) {
  const heading = text.deleteTitle(plan.card.service_name);
  const refused = plan.usedBy.length > 0;
  return (
    <AdminLayout frame={frame} title={error ? messages.form.pageTitleError(heading) : heading}>
      {error ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>{error}</p>
        </div>
      ) : null}
      <h1>{heading}</h1>
      {refused ? (
        <>
          {error ? null : <p>{text.deleteRefused}</p>}
          <PageLinks pages={plan.usedBy} class="used-by" />
        </>
      ) : (
        <>
          <p>{text.deleteLead}</p>
          <ActionButton
            action={`/gestion/contacts/${plan.card.id}/supprimer`}
            csrfToken={frame.csrfToken}
            variant="warning"
          >
            {text.deleteConfirm}
          </ActionButton>
        </>
      )}
      <p>
        <a href={`/gestion/contacts/${plan.card.id}`}>{text.cancel}</a>
      </p>
    </AdminLayout>
  );
}
