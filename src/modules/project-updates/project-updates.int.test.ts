import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { parseHtml, plainText, textOf } from '../../../test/helpers/html.js';
import { type FilePart, multipart } from '../../../test/helpers/multipart.js';
import { expectValidHtml } from '../../../test/helpers/page-checks.js';
import { csrfFrom, postForm, signInAs } from '../../../test/helpers/session.js';
import type { Role } from '../../db/schema.js';
import { DEMO_ACCOUNTS } from '../../db/seeds/demo.js';
import { DEMO_PARTNER_UPDATE, DEMO_PROJECTS } from '../../db/seeds/demo-projects.js';
import { messages } from '../../platform/i18n/fr.js';

const text = messages.projectUpdates;

let t: TestApp;
let school: string;
const cookies = {} as Record<'admin' | 'editor' | 'contributor' | 'reader' | 'partner', string>;
const pages: Array<[string, string]> = [];

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ['admin', 'editor', 'contributor', 'reader', 'partner'] as const) {
    const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === (role as Role))!;
    cookies[role] = await signInAs(t.app, account.email, account.password);
  }
  school = (
    await t.database.db
      .selectFrom('projects')
      .select('id')
      .where('title', '=', DEMO_PROJECTS.school)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await t?.close();
});

async function get(url: string, who: keyof typeof cookies) {
  const response = await t.app.inject({ method: 'GET', url, headers: { cookie: cookies[who] } });
  return { response, document: parseHtml(response.body) };
}

async function post(who: keyof typeof cookies, url: string, fields: Record<string, string>) {
  const token = await csrfFrom(t.app, '/gestion', cookies[who]);
  const response = await postForm(t.app, url, { token, cookie: cookies[who] }, fields);
  return { response, document: parseHtml(response.body) };
}

const versionOf = (document: Document) =>
  document.querySelector<HTMLInputElement>('input[name="version"]')?.value ?? '';

const ARABIC = {
  language: 'ar',
  title: 'افتتاح قاعة المطالعة',
  body: 'افتتحت قاعة المطالعة الجديدة في المدرسة يوم الاثنين بحضور التلاميذ والآباء.',
};

describe('news of a project, proposed by the partner in Arabic and published by an editor', () => {
  let updateUrl: string;

  it('lets the partner propose news of a shared project, in Arabic, shown right to left', async () => {
    const form = await get(`/gestion/projets/${school}/actualites/nouvelle`, 'partner');
    expect(form.response.statusCode).toBe(200);
    // The partner's language is offered first.
    expect(form.document.querySelector('#language option[selected]')?.getAttribute('value')).toBe('ar');
    expect(form.document.querySelector('#body')?.getAttribute('dir')).toBe('auto');
    pages.push(['news proposed by the partner', form.response.body]);

    const empty = await post('partner', `/gestion/projets/${school}/actualites`, {
      language: 'ar',
      title: '',
      body: '',
    });
    expect(empty.response.statusCode).toBe(400);
    expect(textOf(empty.document.querySelector('#title-error'))).toContain(
      plainText(text.errors.titleRequired),
    );
    expect(textOf(empty.document.querySelector('#body-error'))).toContain(
      plainText(text.errors.bodyRequired),
    );
    pages.push(['news refused', empty.response.body]);

    const proposed = await post('partner', `/gestion/projets/${school}/actualites`, ARABIC);
    expect(proposed.response.statusCode).toBe(303);
    updateUrl = proposed.response.headers.location as string;
    const page = await get(updateUrl, 'partner');
    expect(page.response.statusCode).toBe(200);
    const article = page.document.querySelector('article.project-update')!;
    expect(article.getAttribute('lang')).toBe('ar');
    expect(article.getAttribute('dir')).toBe('rtl');
    expect(textOf(article.querySelector('h2'))).toBe(ARABIC.title);
    expect(textOf(page.document.querySelector('.status-box strong'))).toBe(text.statuses.proposed);
    // The partner does not review its own news.
    expect(page.document.querySelector('form[action$="/publier"]')).toBeNull();
    pages.push(['news awaiting review, read by its author', page.response.body]);
  });

  it('keeps it from those who may not propose, and from a project not shared with the partner', async () => {
    expect((await post('reader', `/gestion/projets/${school}/actualites`, ARABIC)).response.statusCode).toBe(
      403,
    );
    const oulx = await t.database.db
      .selectFrom('partnerships')
      .select('id')
      .where('kind', '=', 'twinning')
      .executeTakeFirstOrThrow();
    const created = await post('editor', '/gestion/projets', {
      title: 'Tournoi de ski à Oulx',
      partnership_id: oulx.id,
      kind: 'friendship_twinning',
      status: '2',
      eapd_category: 'cooperation',
    });
    const oulxProject = (created.response.headers.location as string).split('/').pop()!;
    expect(
      (await post('partner', `/gestion/projets/${oulxProject}/actualites`, ARABIC)).response.statusCode,
    ).toBe(404);
    // An officer's proposal is not the partner's to read before it is published.
    const officer = await post('contributor', `/gestion/projets/${school}/actualites`, {
      language: 'fr',
      title: 'Visite de la délégation',
      body: 'La délégation des Écrins a visité l’école.',
    });
    expect(officer.response.statusCode).toBe(303);
    expect((await get(officer.response.headers.location as string, 'partner')).response.statusCode).toBe(404);
  });

  it('is listed for the editors, refused when the form is stale, then published', async () => {
    const dashboard = await get('/gestion', 'editor');
    const listed = [...dashboard.document.querySelectorAll('#actualites-a-relire ~ ul a')];
    expect(listed.map((a) => textOf(a))).toEqual(
      expect.arrayContaining([ARABIC.title, DEMO_PARTNER_UPDATE.title]),
    );
    expect(listed.find((a) => textOf(a) === ARABIC.title)?.getAttribute('lang')).toBe('ar');
    pages.push(['a dashboard with news to review', dashboard.response.body]);

    const page = await get(updateUrl, 'editor');
    const opened = versionOf(page.document);
    pages.push(['news to review', page.response.body]);
    // Its author changes it meanwhile: the editor's publication is refused, with what changed.
    const changed = await post('partner', updateUrl, {
      ...ARABIC,
      body: `${ARABIC.body} شكرا.`,
      version: opened,
    });
    expect(changed.response.statusCode).toBe(303);
    const stale = await post('editor', `${updateUrl}/publier`, { version: opened });
    expect(stale.response.statusCode).toBe(409);

    const fresh = versionOf((await get(updateUrl, 'editor')).document);
    const published = await post('editor', `${updateUrl}/publier`, { version: fresh });
    expect(published.response.statusCode).toBe(303);
    const project = await get(`/gestion/projets/${school}`, 'partner');
    const shown = [...project.document.querySelectorAll('#actualites-titre ~ article')].find(
      (article) => textOf(article.querySelector('h3')) === ARABIC.title,
    )!;
    expect(shown.querySelector('h3')?.getAttribute('dir')).toBe('rtl');
    expect(shown.querySelector('p.preserve-lines')?.getAttribute('lang')).toBe('ar');
    expect(textOf(shown.querySelector('p.preserve-lines'))).toContain('شكرا');
    pages.push(['a project with published news, read by the partner', project.response.body]);
    // Published, it no longer awaits anyone, and its author no longer changes it.
    expect(
      (
        await post('editor', `${updateUrl}/publier`, {
          version: versionOf((await get(updateUrl, 'editor')).document),
        })
      ).response.statusCode,
    ).toBe(400);
    expect(
      (
        await post('partner', updateUrl, {
          ...ARABIC,
          version: versionOf((await get(updateUrl, 'partner')).document),
        })
      ).response.statusCode,
    ).toBe(403);
  });

  it('is sent back with a comment, which is required, and proposed again once its author changed it', async () => {
    const demo = await t.database.db
      .selectFrom('project_updates')
      .select('id')
      .where('title', '=', DEMO_PARTNER_UPDATE.title)
      .executeTakeFirstOrThrow();
    const url = `/gestion/actualites/${demo.id}`;
    const version = versionOf((await get(url, 'editor')).document);
    const noComment = await post('editor', `${url}/renvoyer`, { comment: '', version });
    expect(noComment.response.statusCode).toBe(400);
    expect(textOf(noComment.document.querySelector('#comment-error'))).toContain(
      plainText(text.errors.commentRequired),
    );
    pages.push(['news sent back without a comment', noComment.response.body]);
    const returned = await post('editor', `${url}/renvoyer`, {
      comment: 'Ajoutez le nombre de livres, s’il vous plaît.',
      version,
    });
    expect(returned.response.statusCode).toBe(303);
    const forAuthor = await get(url, 'partner');
    expect(textOf(forAuthor.document.querySelector('.status-box'))).toContain('Ajoutez le nombre de livres');
    const again = await post('partner', url, {
      language: 'ar',
      title: DEMO_PARTNER_UPDATE.title,
      body: `${DEMO_PARTNER_UPDATE.body} ٣٠٠ كتاب.`,
      version: versionOf(forAuthor.document),
    });
    expect(again.response.statusCode).toBe(303);
    expect(textOf((await get(url, 'editor')).document.querySelector('.status-box strong'))).toBe(
      text.statuses.proposed,
    );
    const history = await get(`${url}/historique`, 'editor');
    expect(history.response.statusCode).toBe(200);
    pages.push(['the history of news', history.response.body]);
  });

  it('is valid HTML on every page of the way', async () => {
    for (const [label, html] of pages) await expectValidHtml(html, label);
  });
});

describe('photos of news, added by the partner that proposes it', () => {
  const png = () =>
    sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 150, b: 40 } } })
      .png()
      .toBuffer();

  async function addPhoto(
    who: keyof typeof cookies,
    url: string,
    fields: Record<string, string>,
    file: FilePart | null,
  ) {
    const token = await csrfFrom(t.app, '/gestion', cookies[who]);
    const body = multipart({ _csrf: token, ...fields }, file);
    const response = await t.app.inject({
      method: 'POST',
      url: `${url}/photos`,
      headers: { cookie: cookies[who], 'content-type': body.contentType },
      payload: body.payload,
    });
    return { response, document: parseHtml(response.body) };
  }

  it('keeps each photo with its alternative text, refuses bad ones beside their fields, and takes one off', async () => {
    const demo = await t.database.db
      .selectFrom('project_updates')
      .select(['id', 'status'])
      .where('title', '=', DEMO_PARTNER_UPDATE.title)
      .executeTakeFirstOrThrow();
    expect(demo.status).toBe('proposed');
    const url = `/gestion/actualites/${demo.id}`;
    const image = { fileName: 'ecole.png', content: await png(), contentType: 'image/png' };

    // No alternative text, and a file that is no image: both messages at once, nothing stored.
    const mediaBefore = await t.database.db.selectFrom('media').select('id').execute();
    const noAlt = await addPhoto(
      'partner',
      url,
      { alt_text: '', caption: 'المدرسة' },
      {
        fileName: 'lettre.png',
        content: Buffer.from('pas une image'),
        contentType: 'image/png',
      },
    );
    expect(noAlt.response.statusCode).toBe(400);
    expect(textOf(noAlt.document.querySelector('#alt_text-error'))).toContain(
      plainText(messages.media.errors.altTextRequired),
    );
    expect(textOf(noAlt.document.querySelector('#file-error'))).not.toBe('');
    expect(noAlt.document.querySelector<HTMLInputElement>('#caption')?.value).toBe('المدرسة');
    pages.push(['news with a photo refused', noAlt.response.body]);
    expect(await t.database.db.selectFrom('media').select('id').execute()).toHaveLength(mediaBefore.length);

    // Those who may not change the news may not add to it either.
    expect((await addPhoto('reader', url, { alt_text: 'Une classe' }, image)).response.statusCode).toBe(403);

    const opened = versionOf((await get(url, 'editor')).document);
    const added = await addPhoto(
      'partner',
      url,
      { alt_text: 'Des élèves devant les nouveaux pupitres', caption: 'التلاميذ في القسم الجديد' },
      image,
    );
    expect(added.response.statusCode, textOf(added.document.querySelector('.error-summary'))).toBe(303);
    const page = await get(url, 'editor');
    const figures = [...page.document.querySelectorAll('#photos-titre ~ .update-photo figure')];
    // The demo's photo of the school comes first, its caption in Arabic.
    expect(textOf(figures[0]?.querySelector('figcaption'))).toBe(DEMO_PARTNER_UPDATE.caption);
    const figure = figures.find(
      (candidate) =>
        candidate.querySelector('img')?.getAttribute('alt') === 'Des élèves devant les nouveaux pupitres',
    );
    expect(figure?.querySelector('figcaption')?.getAttribute('lang')).toBe('ar');
    expect(figure?.querySelector('figcaption')?.getAttribute('dir')).toBe('rtl');
    const src = figure?.querySelector('img')?.getAttribute('src') ?? '';
    expect((await t.app.inject({ method: 'GET', url: src })).statusCode).toBe(200);
    pages.push(['news with a photo, for the editor', page.response.body]);
    pages.push(['news with a photo, for its author', (await get(url, 'partner')).response.body]);

    // The editor publishes only what they saw: a page opened before the photo is stale.
    expect((await post('editor', `${url}/publier`, { version: opened })).response.statusCode).toBe(409);

    // The image, shown by live news, stays out of the trash.
    const { id: mediaId } = await t.database.db
      .selectFrom('media')
      .select('id')
      .where('alt_text', '=', 'Des élèves devant les nouveaux pupitres')
      .executeTakeFirstOrThrow();
    const deletePage = await get(`/gestion/images/${mediaId}/supprimer`, 'editor');
    expect(deletePage.document.querySelector(`main a[href="${url}"]`)).not.toBeNull();
    expect(deletePage.document.querySelector('main [action$="/supprimer"]')).toBeNull();
    pages.push(['the deletion of an image news shows', deletePage.response.body]);
    const trashed = await post('editor', `/gestion/images/${mediaId}/supprimer`, {});
    expect(trashed.response.statusCode).toBe(400);
    expect(textOf(trashed.document.querySelector('main'))).toContain(
      plainText(messages.media.deleteRefusedUpdates(1)).slice(0, 60),
    );

    // Taken off by its author: the news no longer shows it; the image stays in the library.
    const removed = await post('partner', `${url}/photos/retirer`, { media_id: mediaId });
    expect(removed.response.statusCode).toBe(303);
    const alts = [
      ...(await get(url, 'editor')).document.querySelectorAll('#photos-titre ~ .update-photo img'),
    ].map((img) => img.getAttribute('alt'));
    expect(alts).not.toContain('Des élèves devant les nouveaux pupitres');
    expect(alts).toHaveLength(1);
    expect(
      await t.database.db.selectFrom('media').select('id').where('id', '=', mediaId).executeTakeFirst(),
    ).toBeDefined();
    const actions = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('record_id', '=', demo.id)
      .where('action', 'in', ['add_photo', 'remove_photo'])
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['add_photo', 'remove_photo']);
    for (const [label, html] of pages.slice(-4)) await expectValidHtml(html, label);
  });
});
