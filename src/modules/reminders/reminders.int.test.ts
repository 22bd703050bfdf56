import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, textOf } from '../../../test/helpers/html.js';
import { type DecodedMail, decodeMail } from '../../../test/helpers/mail.js';
import { signInAs } from '../../../test/helpers/session.js';
import { DEMO, DEMO_ACCOUNTS, DEMO_CONVENTION, DEMO_SECOND } from '../../db/seeds/demo.js';
import { DEMO_PROJECTS } from '../../db/seeds/demo-projects.js';

/**
 * A year of the settable clock, one day at a time, the job queue run each day as the server runs
 * it: each reminder reaches each admin once per item and period.
 */
let t: TestApp;
const START = Date.parse('2026-11-26T10:00:00Z');
const DAY = 24 * 60 * 60_000;
/** The demo's projects last changed on 20 November 2026: fixed here, the demo is seeded at today's date. */
const LAST_CHANGE = new Date('2026-11-20T09:00:00Z');

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date(START));
  await t.database.db.updateTable('projects').set({ updated_at: LAST_CHANGE }).execute();
  await t.database.db.updateTable('project_transactions').set({ updated_at: LAST_CHANGE }).execute();
});
afterAll(async () => {
  t.clock.set(new Date(START));
  await t?.close();
});

async function sentMails(): Promise<DecodedMail[]> {
  const directory = path.join(t.config.dataDir, 'mail');
  const names = await readdir(directory).catch(() => [] as string[]);
  const mails = await Promise.all(
    names
      .filter((name) => name.endsWith('.eml'))
      .map(async (name) => decodeMail(await readFile(path.join(directory, name), 'utf8'))),
  );
  return mails.filter((mail) => /rappel/.test(mail.subject));
}

describe('the reminders over a year', () => {
  const days: Array<{ day: string; mails: number }> = [];

  it('go out once per item and period, to each workspace’s admins', async () => {
    await t.app.jobs.scheduleDaily();
    let before = 0;
    for (let day = 0; day <= 365; day += 1) {
      const now = new Date(START + day * DAY);
      t.clock.set(now);
      if (now.toISOString().startsWith('2027-06-01')) {
        // The school project gets news: its period starts again.
        await t.database.db
          .updateTable('projects')
          .set({ updated_at: now })
          .where('title', '=', DEMO_PROJECTS.school)
          .execute();
      }
      await t.app.jobs.runner.runDue();
      const count = (await sentMails()).length;
      if (count > before) days.push({ day: now.toISOString().slice(0, 10), mails: count - before });
      before = count;
    }
    const failed = await t.database.db
      .selectFrom('jobs')
      .select(['kind', 'last_error'])
      .where('state', '=', 'failed')
      .execute();
    expect(failed).toEqual([]);
    const mails = await sentMails();
    const admin = DEMO_ACCOUNTS.find((account) => account.role === 'admin')!.email;
    const first = mails.filter((mail) => mail.to.includes(admin));
    const second = mails.filter((mail) => mail.to.includes(DEMO_SECOND.admin.email));
    expect(days).toEqual([
      // 90 days before the convention's end (31 March 2027).
      { day: '2026-12-31', mails: 1 },
      // Three months without news of the three projects: one e-mail naming the three.
      { day: '2027-02-20', mails: 1 },
      // The e-APD declaration opens, in both workspaces.
      { day: '2027-04-15', mails: 2 },
      // Three months after the school project's news of 1 June.
      { day: '2027-09-01', mails: 1 },
    ]);
    expect(second).toHaveLength(1);
    expect(second[0]!.text).toContain('e-APD');
    expect(first).toHaveLength(4);
    const everything = first.map((mail) => mail.text).join('\n');
    const occurrences = (text: string) => everything.split(text).length - 1;
    expect(occurrences(DEMO_CONVENTION.title)).toBe(1);
    expect(occurrences(DEMO_PROJECTS.school)).toBe(2);
    expect(occurrences(DEMO_PROJECTS.saffron)).toBe(1);
    expect(occurrences(DEMO_PROJECTS.culture)).toBe(1);
    expect(occurrences('e-APD')).toBe(1);
    // Each item links to where to act.
    expect(everything).toContain('/gestion/conventions/');
    expect(everything).toContain('/gestion/projets/');
  });

  it('stay on the dashboard while they are due', async () => {
    t.clock.set(new Date('2027-05-02T10:00:00Z'));
    const admin = DEMO_ACCOUNTS.find((account) => account.role === 'admin')!;
    const cookie = await signInAs(t.app, admin.email, admin.password);
    const response = await t.app.inject({ method: 'GET', url: '/gestion', headers: { cookie } });
    const items = [...parseHtml(response.body).querySelectorAll('#rappels ~ ul li')].map((li) => textOf(li));
    // The window is open; the saffron and culture projects still have no news; the convention was renewed.
    expect(items.some((item) => item.includes('e-APD'))).toBe(true);
    expect(items.some((item) => item.includes(DEMO_PROJECTS.saffron))).toBe(true);
    expect(items.some((item) => item.includes(DEMO.workspaceName))).toBe(false);
    expect(items.some((item) => item.includes(DEMO_CONVENTION.title))).toBe(false);
  });
});
