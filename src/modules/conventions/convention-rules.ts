import type { OrganisationKind } from '../../db/schema.js';
import { addDays, addMonths } from '../../platform/dates.js';
import { messages } from '../../platform/i18n/fr.js';

/**
 * The rules of the Code général des collectivités territoriales that a convention of
 * decentralised cooperation is checked against, as pure functions of the record and the day:
 * the services apply them, the tests call them on each side of each date.
 */

const law = messages.conventions.law;

/** Dates are calendar days in Europe/Paris, written `YYYY-MM-DD`: they compare as text. */
export type IsoDate = string;

export const conventionStatuses = [
  'draft',
  'signed',
  'enforceable',
  'in_force',
  'expired',
  'terminated',
] as const;
export type ConventionStatus = (typeof conventionStatuses)[number];

export interface ConventionDates {
  signature_date: IsoDate | null;
  /** Sent to the prefect (contrôle de légalité): the convention is enforceable from then on. */
  prefect_sent_date: IsoDate | null;
  start_date: IsoDate | null;
  end_date: IsoDate | null;
  duration_months: number | null;
  tacit_renewal: boolean;
  /** How long each tacit renewal lasts; the first period's length when not given. */
  renewal_months: number | null;
  termination_date: IsoDate | null;
}

/** The day the convention takes effect: its start, or the day it became enforceable. */
export function effectiveStart(dates: ConventionDates): IsoDate | null {
  if (!dates.signature_date || !dates.prefect_sent_date) return dates.start_date;
  // ISO dates: the later of the two is the larger string.
  const enforceable = [dates.prefect_sent_date, dates.signature_date].sort()[1] ?? null;
  return dates.start_date ?? enforceable;
}

/**
 * The last day of the convention as it stands on `today`: its end date, or its start plus its
 * duration; with tacit renewal, extended by one renewal period after another while `today` has
 * passed it (a renewal happens only once the period it extends is over). Null: no end.
 */
export function effectiveEnd(dates: ConventionDates, today: IsoDate): IsoDate | null {
  const start = effectiveStart(dates);
  let end =
    dates.end_date ??
    (start && dates.duration_months ? addDays(addMonths(start, dates.duration_months), -1) : null);
  if (!end || !dates.tacit_renewal) return end;
  const period = dates.renewal_months ?? dates.duration_months ?? 12;
  // Bounded: a century of yearly renewals at most, whatever the data says.
  for (let renewals = 0; end < today && renewals < 1200; renewals += 1) {
    end = addDays(addMonths(addDays(end, 1), period), -1);
  }
  return end;
}

/**
 * The status, derived from the dates and never typed (L1115-1: a convention is enforceable once
 * sent to the prefect): draft → signed (signature date reached) → enforceable (sent to the
 * prefect, that date reached) → in force (between its start and its end) → expired; terminated
 * from the date of the decision that ended it.
 */
export function conventionStatus(dates: ConventionDates, today: IsoDate): ConventionStatus {
  if (dates.termination_date && dates.termination_date <= today) return 'terminated';
  if (!dates.signature_date || dates.signature_date > today) return 'draft';
  if (!dates.prefect_sent_date || dates.prefect_sent_date > today) return 'signed';
  const start = effectiveStart(dates);
  if (start && start > today) return 'enforceable';
  const end = effectiveEnd(dates, today);
  if (end && end < today) return 'expired';
  return 'in_force';
}

export interface PartyForRules {
  kind: OrganisationKind;
  name: string;
}

export const stateExceptions = [
  'cross_border_grouping',
  'international_agreement',
  'prefect_authorisation',
] as const;
export type StateException = (typeof stateExceptions)[number];

export interface ConventionForRules {
  parties: PartyForRules[];
  object: string;
  planned_amount_minor: number | null;
  state_exception: StateException | null;
  state_exception_reference: string;
}

/**
 * The refusals of the law, each beside its field, naming its article:
 * - L1115-5: no convention with a foreign State, unless one of the cases the law lists applies
 *   and its reference (the international agreement, the prefect's authorisation) is recorded;
 * - L1115-1: a convention with a foreign local authority states the object of the planned
 *   actions and the planned amount of the financial commitments.
 */
export function lawRefusals(convention: ConventionForRules): Record<string, string> {
  const errors: Record<string, string> = {};
  const state = convention.parties.find((party) => party.kind === 'foreign_state');
  if (state) {
    if (!convention.state_exception) errors.state_exception = law.foreignStateRefused(state.name);
    else if (!convention.state_exception_reference.trim())
      errors.state_exception_reference = law.exceptionReferenceRequired;
  }
  const foreignAuthority = convention.parties.some((party) => party.kind === 'foreign_local_authority');
  if (foreignAuthority) {
    if (!convention.object.trim()) errors.object = law.objectRequired;
    if (convention.planned_amount_minor === null) errors.planned_amount = law.amountRequired;
  }
  return errors;
}

/**
 * L1115-1, second paragraph: money planned for a foreign local authority with no convention in
 * force calls for a warning, not a refusal (since 2014 a convention is required « le cas
 * échéant »); an emergency humanitarian action never asks for one. Null: nothing to say.
 */
export function moneyWithoutConventionWarning(input: {
  partnerKind: OrganisationKind;
  partnerName: string;
  plannedAmountMinor: number | null;
  emergencyHumanitarian: boolean;
  conventionStatuses: ConventionStatus[];
}): string | null {
  if (input.partnerKind !== 'foreign_local_authority') return null;
  if (!input.plannedAmountMinor || input.plannedAmountMinor <= 0) return null;
  if (input.emergencyHumanitarian) return null;
  if (input.conventionStatuses.includes('in_force')) return null;
  return law.moneyWithoutConvention(input.partnerName);
}
