import { sql } from 'kysely';
import type { Db } from '../db/database.js';

export interface RateLimitRule {
  bucket: string;
  max: number;
  windowMs: number;
}

/** Hits are kept one day at most: enough for the longest window, and no longer (see the legal notice). */
const RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * Takes one slot in every bucket, or none: returns the first rule that is full, or null once
 * a hit is recorded in each. Counted in the database so that every process shares the limit;
 * an advisory lock per bucket keeps two concurrent requests from both taking the last slot.
 */
export async function takeRateLimitSlots(
  db: Db,
  rules: RateLimitRule[],
  now: Date,
): Promise<RateLimitRule | null> {
  return db.transaction().execute(async (trx) => {
    for (const rule of [...rules].sort((a, b) => a.bucket.localeCompare(b.bucket))) {
      await sql`SELECT pg_advisory_xact_lock(hashtext(${rule.bucket}))`.execute(trx);
    }
    for (const rule of rules) {
      const since = new Date(now.getTime() - rule.windowMs);
      const { count } = await trx
        .selectFrom('rate_limit_hits')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('bucket', '=', rule.bucket)
        .where('hit_at', '>', since)
        .executeTakeFirstOrThrow();
      if (count >= rule.max) return rule;
    }
    await trx
      .deleteFrom('rate_limit_hits')
      .where('hit_at', '<', new Date(now.getTime() - RETENTION_MS))
      .execute();
    await trx
      .insertInto('rate_limit_hits')
      .values(rules.map((rule) => ({ bucket: rule.bucket, hit_at: now })))
      .execute();
    return null;
  });
}

/** Gives back the slots of an attempt that did not happen (the mail server failed). */
export async function releaseRateLimitSlots(db: Db, rules: RateLimitRule[], at: Date): Promise<void> {
  await db
    .deleteFrom('rate_limit_hits')
    .where(
      'bucket',
      'in',
      rules.map((rule) => rule.bucket),
    )
    .where('hit_at', '=', at)
    .execute();
}
