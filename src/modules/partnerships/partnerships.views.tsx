import { partnershipKinds, partnershipStatuses } from '../../db/schema.js';
import { formatCalendarDateFr } from '../../platform/dates.js';
import { messages } from '../../platform/i18n/fr.js';
import { amountForInput, formatAmount, listCurrencies } from '../../platform/money.js';
import type { StaleSave } from '../../platform/versions.js';
import { ActionButton } from '../../ui/ActionButton.js';
import { type AdminFrame, AdminLayout } from '../../ui/AdminLayout.js';
import { ConflictNotice, VersionField } from '../../ui/ConflictNotice.js';
import { ErrorSummary } from '../../ui/ErrorSummary.js';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/Field.js';
import { TableRegion } from '../../ui/TableRegion.js';
import type { ConventionWithStatus } from '../conventions/conventions.service.js';
import type { MissionRow } from '../missions/missions.service.js';
import type { ProjectRow } from '../projects/projects.service.js';
import type { OrganisationChoices, PartnershipRow } from './partnerships.service.js';

const text = messages.partnerships;
const conventionText = messages.conventions;
const empty = messages.history.emptyValue;

export const partnershipTitle = (p: Pick<PartnershipRow, 'local_name' | 'partner_name'>) =>
  text.title(p.local_name, p.partner_name);

export function PartnershipsListView({
  frame,
  partnerships,
  canCreate,
  forPartner,
}: {
  frame: AdminFrame;
  partnerships: PartnershipRow[];
  canCreate: boolean;
  forPartner: boolean;
}) {
  const title = forPartner ? text.sharedForPartner : text.listTitle;
  return (
    <AdminLayout frame={frame} title={title}>
      <h1>{title}</h1>
      {forPartner ? null : <p>{text.intro}</p>}
      {canCreate ? (
        <p>
          <a class="button-link" href="/gestion/partenariats/nouveau">
            {text.add}
          </a>
        </p>
      ) : null}
      {partnerships.length === 0 ? (
        <p>{forPartner ? text.noneShared : text.empty}</p>
      ) : (
        <TableRegion captionId="tableau-partenariats">
          <table class="table">
            <caption id="tableau-partenariats">{text.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{text.columns.partner}</th>
                <th scope="col">{text.columns.kind}</th>
                <th scope="col">{text.columns.since}</th>
                <th scope="col">{text.columns.status}</th>
                <th scope="col">{text.columns.conventions}</th>
              </tr>
            </thead>
            <tbody>
              {partnerships.map((p) => (
                <tr key={p.id}>
                  <td>
                    <a href={`/gestion/partenariats/${p.id}`}>{partnershipTitle(p)}</a>
                  </td>
                  <td>{text.kinds[p.kind]}</td>
                  <td>{p.since ? formatCalendarDateFr(p.since) : empty}</td>
                  <td>{text.statuses[p.status]}</td>
                  <td>{p.convention_count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </AdminLayout>
  );
}

export type PartnershipFormValues = Record<string, string>;

export function emptyPartnershipValues(
  choices: OrganisationChoices,
  ownOrganisationId: string | null,
): PartnershipFormValues {
  const local = choices.local.find((o) => o.id === ownOrganisationId)?.id ?? '';
  return {
    local_organisation_id: local,
    partner_organisation_id: '',
    kind: 'cooperation',
    since: '',
    status: 'active',
    description: '',
    planned_amount: '',
    currency: 'EUR',
    emergency_humanitarian: '',
    version: '',
  };
}

export function partnershipFormValues(p: PartnershipRow): PartnershipFormValues {
  return {
    local_organisation_id: p.local_organisation_id,
    partner_organisation_id: p.partner_organisation_id,
    kind: p.kind,
    since: p.since ?? '',
    status: p.status,
    description: p.description,
    planned_amount: amountForInput(p.planned_amount_minor, p.currency),
    currency: p.currency,
    emergency_humanitarian: p.emergency_humanitarian ? 'on' : '',
    version: String(p.version),
  };
}

const conflictFields = {
  local_organisation_id: { label: text.fields.local_organisation_id },
  partner_organisation_id: { label: text.fields.partner_organisation_id },
  kind: {
    label: text.fields.kind,
    show: (v: unknown) => text.kinds[v as keyof typeof text.kinds] ?? String(v),
  },
  since: { label: text.fields.since },
  status: {
    label: text.fields.status,
    show: (v: unknown) => text.statuses[v as keyof typeof text.statuses] ?? String(v),
  },
  description: { label: text.fields.description },
  planned_amount_minor: { label: text.fields.planned_amount },
  currency: { label: text.fields.currency },
  emergency_humanitarian: { label: text.fields.emergency_humanitarian },
};

export interface PartnershipPageProps {
  frame: AdminFrame;
  partnership: PartnershipRow | null;
  choices: OrganisationChoices;
  values: PartnershipFormValues;
  errors: Record<string, string>;
  can: { edit: boolean; delete: boolean; share: boolean; createConvention: boolean };
  conventions: ConventionWithStatus[];
  projects: ProjectRow[];
  missions: MissionRow[];
  warning: string | null;
  partnerAccounts: number;
  stale?: StaleSave;
}

export function PartnershipPageView(props: PartnershipPageProps) {
  const { frame, partnership, choices, values, errors, can, conventions, warning, stale } = props;
  const heading = partnership
    ? can.edit
      ? text.editTitle(partnershipTitle(partnership))
      : partnershipTitle(partnership)
    : text.newTitle;
  const title = Object.keys(errors).length || stale ? messages.form.pageTitleError(heading) : heading;
  const f = text.fields;
  const choose = { value: '', label: text.choose };
  return (
    <AdminLayout frame={frame} title={title}>
      <p>
        <a href="/gestion/partenariats">{text.backToList}</a>
      </p>
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} fieldIds={{ version: 'local_organisation_id', partnership: 'contenu' }} />
      {stale ? <ConflictNotice stale={stale} fields={conflictFields} /> : null}
      {warning ? (
        <div class="notice notice--warning" role="note">
          <h2>{text.warningTitle}</h2>
          <p>{warning}</p>
        </div>
      ) : null}
      {partnership && (can.edit || can.delete) ? (
        <div class="actions">
          <a href={`/gestion/partenariats/${partnership.id}/historique`}>{text.history}</a>
          {can.delete ? (
            <a href={`/gestion/partenariats/${partnership.id}/supprimer`}>{text.delete}</a>
          ) : null}
        </div>
      ) : null}
      {can.edit ? (
        <form
          class="form"
          action={partnership ? `/gestion/partenariats/${partnership.id}` : '/gestion/partenariats'}
          method="post"
          novalidate
        >
          <input type="hidden" name="_csrf" value={frame.csrfToken} />
          {partnership ? <VersionField value={values.version ?? ''} /> : null}
          <SelectField
            id="local_organisation_id"
            name="local_organisation_id"
            label={f.local_organisation_id}
            value={values.local_organisation_id}
            error={errors.local_organisation_id}
            choices={[choose, ...choices.local.map((o) => ({ value: o.id, label: o.name }))]}
          />
          <SelectField
            id="partner_organisation_id"
            name="partner_organisation_id"
            label={f.partner_organisation_id}
            hint={f.partnerHint}
            value={values.partner_organisation_id}
            error={errors.partner_organisation_id}
            choices={[choose, ...choices.partners.map((o) => ({ value: o.id, label: o.name }))]}
          />
          <SelectField
            id="kind"
            name="kind"
            label={f.kind}
            value={values.kind}
            error={errors.kind}
            choices={partnershipKinds.map((kind) => ({ value: kind, label: text.kinds[kind] }))}
          />
          <TextField
            id="since"
            name="since"
            type="date"
            label={f.since}
            hint={f.sinceHint}
            value={values.since}
            error={errors.since}
            optional
          />
          <SelectField
            id="status"
            name="status"
            label={f.status}
            value={values.status}
            error={errors.status}
            choices={partnershipStatuses.map((status) => ({ value: status, label: text.statuses[status] }))}
          />
          <TextAreaField
            id="description"
            name="description"
            label={f.description}
            value={values.description}
            error={errors.description}
            rows={4}
            optional
          />
          <TextField
            id="planned_amount"
            name="planned_amount"
            label={f.planned_amount}
            hint={f.planned_amountHint}
            value={values.planned_amount}
            error={errors.planned_amount}
            autocomplete="off"
            optional
          />
          <SelectField
            id="currency"
            name="currency"
            label={f.currency}
            value={values.currency}
            error={errors.currency}
            choices={listCurrencies().map((c) => ({ value: c.code, label: c.name }))}
          />
          <CheckboxField
            id="emergency_humanitarian"
            name="emergency_humanitarian"
            label={f.emergency_humanitarian}
            hint={f.emergencyHint}
            checked={values.emergency_humanitarian === 'on'}
            error={errors.emergency_humanitarian}
          />
          <button type="submit">{partnership ? text.save : text.create}</button>
        </form>
      ) : partnership ? (
        <PartnershipReadOnly partnership={partnership} />
      ) : null}
      {partnership ? (
        <section aria-labelledby="conventions-titre">
          <h2 id="conventions-titre">{text.conventionsTitle}</h2>
          {can.createConvention ? (
            <p>
              <a class="button-link" href={`/gestion/partenariats/${partnership.id}/conventions/nouvelle`}>
                {text.addConvention}
              </a>
            </p>
          ) : null}
          {conventions.length === 0 ? (
            <p>{text.noConventions}</p>
          ) : (
            <ul class="record-list">
              {conventions.map(({ convention, status, endsOn }) => (
                <li key={convention.id}>
                  <a href={`/gestion/conventions/${convention.id}`}>{convention.title}</a> —{' '}
                  <span class={`status status--${status}`}>{conventionText.statuses[status]}</span>
                  {endsOn ? ` · ${conventionText.endsOn(formatCalendarDateFr(endsOn))}` : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {partnership ? (
        <section aria-labelledby="projets-titre">
          <h2 id="projets-titre">{messages.projects.listTitle}</h2>
          {can.createConvention ? (
            <p>
              <a class="button-link" href={`/gestion/projets/nouveau?partenariat=${partnership.id}`}>
                {messages.projects.add}
              </a>
            </p>
          ) : null}
          {props.projects.length === 0 ? (
            <p>{messages.projects.emptyForPartnership}</p>
          ) : (
            <ul class="record-list">
              {props.projects.map((project) => (
                <li key={project.id}>
                  <a href={`/gestion/projets/${project.id}`}>{project.title}</a> —{' '}
                  {messages.projects.statuses[project.status]}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {partnership ? (
        <section aria-labelledby="missions-titre">
          <h2 id="missions-titre">{messages.missions.listTitle}</h2>
          {can.createConvention ? (
            <p>
              <a class="button-link" href={`/gestion/missions/nouvelle?partenariat=${partnership.id}`}>
                {messages.missions.add}
              </a>
            </p>
          ) : null}
          {props.missions.length === 0 ? (
            <p>{messages.missions.emptyForPartnership}</p>
          ) : (
            <ul class="record-list">
              {props.missions.map((mission) => (
                <li key={mission.id}>
                  <a href={`/gestion/missions/${mission.id}`}>{mission.title}</a> —{' '}
                  {messages.missions.directions[mission.direction]},{' '}
                  {formatCalendarDateFr(mission.start_date)}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {partnership && can.share ? (
        <SharingSection frame={frame} partnership={partnership} accounts={props.partnerAccounts} />
      ) : null}
    </AdminLayout>
  );
}

function SharingSection({
  frame,
  partnership,
  accounts,
}: {
  frame: AdminFrame;
  partnership: PartnershipRow;
  accounts: number;
}) {
  return (
    <section aria-labelledby="partage-titre">
      <h2 id="partage-titre">{text.sharingTitle}</h2>
      <p>{partnership.shared_with_partner ? text.sharedWith(accounts) : text.notShared}</p>
      {accounts === 0 ? <p class="hint">{text.noPartnerAccounts}</p> : null}
      <p>
        <a
          href={`/gestion/utilisateurs/inviter?role=partner&organisation=${partnership.partner_organisation_id}`}
        >
          {text.invitePartner(partnership.partner_name)}
        </a>
      </p>
      <ActionButton
        action={`/gestion/partenariats/${partnership.id}/partage`}
        csrfToken={frame.csrfToken}
        fields={{ partage: partnership.shared_with_partner ? 'non' : 'oui' }}
        variant="secondary"
      >
        {partnership.shared_with_partner ? text.unshare : text.share}
      </ActionButton>
    </section>
  );
}

function PartnershipReadOnly({ partnership: p }: { partnership: PartnershipRow }) {
  const f = text.fields;
  return (
    <dl class="history-change">
      <dt>{f.local_organisation_id}</dt>
      <dd>{p.local_name}</dd>
      <dt>{f.partner_organisation_id}</dt>
      <dd>{p.partner_name}</dd>
      <dt>{f.kind}</dt>
      <dd>{text.kinds[p.kind]}</dd>
      <dt>{f.since}</dt>
      <dd>{p.since ? formatCalendarDateFr(p.since) : empty}</dd>
      <dt>{f.status}</dt>
      <dd>{text.statuses[p.status]}</dd>
      <dt>{f.description}</dt>
      <dd>{p.description || empty}</dd>
      <dt>{f.planned_amount}</dt>
      <dd>{p.planned_amount_minor === null ? empty : formatAmount(p.planned_amount_minor, p.currency)}</dd>
    </dl>
  );
}

export function DeletePartnershipView({
  frame,
  partnership,
  refused,
  error,
}: {
  frame: AdminFrame;
  partnership: PartnershipRow;
  /** Why it may not go to the trash, or null. */
  refused: string | null;
  error: string | null;
}) {
  const heading = text.deleteTitle(partnershipTitle(partnership));
  return (
    <AdminLayout frame={frame} title={error ? messages.form.pageTitleError(heading) : heading}>
      {error ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>{error}</p>
        </div>
      ) : null}
      <h1>{heading}</h1>
      {refused ? (
        error ? null : (
          <p>{refused}</p>
        )
      ) : (
        <>
          <p>{text.deleteLead}</p>
          <ActionButton
            action={`/gestion/partenariats/${partnership.id}/supprimer`}
            csrfToken={frame.csrfToken}
            variant="warning"
          >
            {text.deleteConfirm}
          </ActionButton>
        </>
      )}
      <p>
        <a href={`/gestion/partenariats/${partnership.id}`}>{text.cancel}</a>
      </p>
    </AdminLayout>
  );
}
