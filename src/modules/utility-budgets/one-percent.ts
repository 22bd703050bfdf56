/**
 * The 1 % of L1115-1-1 (water and sanitation, energy) and L1115-2 (waste), as pure functions:
 * what a year's spending on that basis may reach, in euro cents.
 */

export const UTILITY_DOMAINS = ['water_sanitation', 'waste', 'energy'] as const;
export type UtilityDomain = (typeof UTILITY_DOMAINS)[number];

export function isUtilityDomain(category: string): category is UtilityDomain {
  return (UTILITY_DOMAINS as readonly string[]).includes(category);
}

/** 1 % of the service's budget, rounded down to the cent: the law says « dans la limite de 1 % ». */
export function onePercentOf(budgetCents: number): number {
  return Math.floor(budgetCents / 100);
}

/** Whether a year's spending, this transaction included, passes the 1 %. */
export function passesOnePercent(spentCents: number, budgetCents: number): boolean {
  return spentCents > onePercentOf(budgetCents);
}
