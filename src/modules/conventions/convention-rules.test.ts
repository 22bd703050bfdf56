import { describe, expect, it } from 'vitest';
import { addMonths } from '../../platform/dates.js';
import { messages } from '../../platform/i18n/fr.js';
import {
  type ConventionDates,
  conventionStatus,
  effectiveEnd,
  lawRefusals,
  moneyWithoutConventionWarning,
} from './convention-rules.js';

const law = messages.conventions.law;

/** A convention signed on 10 March 2025, sent to the prefect on 20 March, from 1 April for 3 years. */
const signed: ConventionDates = {
  signature_date: '2025-03-10',
  prefect_sent_date: '2025-03-20',
  start_date: '2025-04-01',
  end_date: null,
  duration_months: 36,
  tacit_renewal: false,
  renewal_months: null,
  termination_date: null,
};

describe('the status of a convention, derived from its dates', () => {
  it('is a draft until the day it is signed', () => {
    expect(conventionStatus({ ...signed, signature_date: null, prefect_sent_date: null }, '2025-03-09')).toBe(
      'draft',
    );
    expect(conventionStatus(signed, '2025-03-09')).toBe('draft');
    expect(conventionStatus(signed, '2025-03-10')).toBe('signed');
  });

  it('is signed until the day it is sent to the prefect, then enforceable (L1115-1)', () => {
    expect(conventionStatus({ ...signed, prefect_sent_date: null }, '2025-06-01')).toBe('signed');
    expect(conventionStatus(signed, '2025-03-19')).toBe('signed');
    expect(conventionStatus(signed, '2025-03-20')).toBe('enforceable');
  });

  it('is in force from its start to its last day, then expired', () => {
    expect(conventionStatus(signed, '2025-03-31')).toBe('enforceable');
    expect(conventionStatus(signed, '2025-04-01')).toBe('in_force');
    // Three years from 1 April 2025 end on 31 March 2028.
    expect(effectiveEnd(signed, '2026-01-01')).toBe('2028-03-31');
    expect(conventionStatus(signed, '2028-03-31')).toBe('in_force');
    expect(conventionStatus(signed, '2028-04-01')).toBe('expired');
  });

  it('with no start date, takes effect the day it is sent to the prefect', () => {
    const noStart = { ...signed, start_date: null, duration_months: null, end_date: '2027-12-31' };
    expect(conventionStatus(noStart, '2025-03-19')).toBe('signed');
    expect(conventionStatus(noStart, '2025-03-20')).toBe('in_force');
    expect(conventionStatus(noStart, '2028-01-01')).toBe('expired');
  });

  it('with tacit renewal, is renewed period after period instead of expiring', () => {
    const renewed = { ...signed, tacit_renewal: true, renewal_months: 12 };
    expect(effectiveEnd(renewed, '2028-03-31')).toBe('2028-03-31');
    expect(effectiveEnd(renewed, '2028-04-01')).toBe('2029-03-31');
    expect(conventionStatus(renewed, '2028-04-01')).toBe('in_force');
    expect(effectiveEnd(renewed, '2031-06-15')).toBe('2032-03-31');
  });

  it('is terminated from the date of the decision that ends it', () => {
    const ended = { ...signed, termination_date: '2026-09-30' };
    expect(conventionStatus(ended, '2026-09-29')).toBe('in_force');
    expect(conventionStatus(ended, '2026-09-30')).toBe('terminated');
  });

  it('counts months as the calendar does', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
  });
});

const taliouine = { kind: 'foreign_local_authority' as const, name: 'Commune de Taliouine' };
const ecrins = { kind: 'epci' as const, name: 'Communauté de communes du Pays des Écrins' };
const morocco = { kind: 'foreign_state' as const, name: 'Royaume du Maroc' };

describe('the law’s refusals', () => {
  const complete = {
    parties: [ecrins, taliouine],
    object: 'Appui à l’école primaire de Taliouine',
    planned_amount_minor: 3_000_000,
    state_exception: null,
    state_exception_reference: '',
  };

  it('accepts a convention with a foreign local authority that states its object and amount', () => {
    expect(lawRefusals(complete)).toEqual({});
    expect(lawRefusals({ ...complete, planned_amount_minor: 0 })).toEqual({});
  });

  it('refuses one with no object or no planned amount (L1115-1)', () => {
    expect(lawRefusals({ ...complete, object: ' ' })).toEqual({ object: law.objectRequired });
    expect(lawRefusals({ ...complete, planned_amount_minor: null })).toEqual({
      planned_amount: law.amountRequired,
    });
  });

  it('asks neither of a convention between French authorities', () => {
    expect(
      lawRefusals({
        ...complete,
        parties: [ecrins, { kind: 'commune', name: 'Briançon' }],
        object: '',
        planned_amount_minor: null,
      }),
    ).toEqual({});
  });

  it('refuses a foreign State as a party (L1115-5), unless an exception and its reference are recorded', () => {
    const withState = { ...complete, parties: [ecrins, taliouine, morocco] };
    expect(lawRefusals(withState)).toEqual({ state_exception: law.foreignStateRefused('Royaume du Maroc') });
    expect(lawRefusals({ ...withState, state_exception: 'prefect_authorisation' })).toEqual({
      state_exception_reference: law.exceptionReferenceRequired,
    });
    expect(
      lawRefusals({
        ...withState,
        state_exception: 'prefect_authorisation',
        state_exception_reference: 'Arrêté préfectoral n° 05-2025-04-12-001',
      }),
    ).toEqual({});
  });
});

describe('money planned for a foreign local authority', () => {
  const planned = {
    partnerKind: 'foreign_local_authority' as const,
    partnerName: 'Commune de Taliouine',
    plannedAmountMinor: 1_200_000,
    emergencyHumanitarian: false,
    conventionStatuses: [] as ReturnType<typeof conventionStatus>[],
  };

  it('warns when no convention is in force (L1115-1)', () => {
    expect(moneyWithoutConventionWarning(planned)).toBe(law.moneyWithoutConvention('Commune de Taliouine'));
    expect(moneyWithoutConventionWarning({ ...planned, conventionStatuses: ['signed', 'expired'] })).toBe(
      law.moneyWithoutConvention('Commune de Taliouine'),
    );
  });

  it('says nothing when one is in force, when nothing is planned, or for an emergency humanitarian action', () => {
    expect(moneyWithoutConventionWarning({ ...planned, conventionStatuses: ['in_force'] })).toBeNull();
    expect(moneyWithoutConventionWarning({ ...planned, plannedAmountMinor: null })).toBeNull();
    expect(moneyWithoutConventionWarning({ ...planned, emergencyHumanitarian: true })).toBeNull();
  });
});
