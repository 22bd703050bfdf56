/**
 * The writing tools of a Markdown field, as progressive enhancement: without this script the
 * field is a plain text area with its hint, and the page of images and documents to insert is a
 * link away. With it, above each `textarea[data-markdown-editor]`:
 * - a toolbar (the ARIA toolbar pattern: one tab stop, arrow keys between buttons) that marks the
 *   selection as a heading, bold, italic, a list, a link or a quote;
 * - an image and a document picker, a dialog listing what `/gestion/inserer` lists;
 * - text pasted from a word processor or a web page keeps its headings, bold, italics, lists and
 *   links, converted to Markdown (turndown); images and styles are left out.
 * Bundled by esbuild into src/assets/markdown-editor.js (`npm run build:client`).
 */
import TurndownService from 'turndown';

const LABELS = {
  toolbar: 'Mise en forme du texte',
  heading: 'Intertitre',
  bold: 'Gras',
  italic: 'Italique',
  list: 'Liste',
  link: 'Lien',
  quote: 'Citation',
  image: 'Image',
  document: 'Document',
  boldPlaceholder: 'texte en gras',
  italicPlaceholder: 'texte en italique',
  linkPlaceholder: 'texte du lien',
  pickImage: 'Choisir une image à insérer',
  pickDocument: 'Choisir un document à insérer',
  insert: 'Insérer',
  close: 'Fermer',
  loadFailed: 'La liste n’a pas pu être chargée. Ouvrez la page des éléments à insérer.',
  empty: 'Rien à insérer pour l’instant.',
};

const turndown = new TurndownService({
  headingStyle: 'atx',
  bulletListMarker: '-',
  emDelimiter: '*',
  strongDelimiter: '**',
  codeBlockStyle: 'fenced',
});
// What a word processor adds that a page body does not take: styles, scripts, pictures.
turndown.remove(['style', 'script', 'meta', 'title']);
// A picture of the clipboard is a file of the other program: it enters a page as an image record.
turndown.addRule('pictures-left-out', { filter: 'img', replacement: () => '' });

/** Replaces the selection with `text`, selecting `select` (offsets within `text`) afterwards. */
function replaceSelection(area: HTMLTextAreaElement, text: string, select?: [number, number]): void {
  const start = area.selectionStart;
  area.focus();
  area.setRangeText(text, start, area.selectionEnd, 'end');
  if (select) area.setSelectionRange(start + select[0], start + select[1]);
  area.dispatchEvent(new Event('input', { bubbles: true }));
}

function wrap(area: HTMLTextAreaElement, mark: string, placeholder: string): void {
  const selected = area.value.slice(area.selectionStart, area.selectionEnd) || placeholder;
  replaceSelection(area, `${mark}${selected}${mark}`, [mark.length, mark.length + selected.length]);
}

/** Puts `prefix` before each line the selection touches (a heading, a list, a quote). */
function prefixLines(area: HTMLTextAreaElement, prefix: string): void {
  const value = area.value;
  const lineStart = value.lastIndexOf('\n', area.selectionStart - 1) + 1;
  const endIndex = value.indexOf('\n', area.selectionEnd);
  const lineEnd = endIndex === -1 ? value.length : endIndex;
  const lines = value.slice(lineStart, lineEnd).split('\n');
  const text = lines.map((line) => (line.startsWith(prefix) ? line : `${prefix}${line}`)).join('\n');
  area.setSelectionRange(lineStart, lineEnd);
  replaceSelection(area, text, [text.length, text.length]);
}

function link(area: HTMLTextAreaElement): void {
  const selected = area.value.slice(area.selectionStart, area.selectionEnd) || LABELS.linkPlaceholder;
  const text = `[${selected}](https://)`;
  // The address is what is left to type: it is selected.
  replaceSelection(area, text, [selected.length + 3, text.length - 1]);
}

/** An editor code on a line of its own, as a figure must be (a document may sit in a sentence). */
function insertCode(area: HTMLTextAreaElement, code: string, ownLine: boolean): void {
  if (!ownLine) {
    replaceSelection(area, code, [code.length, code.length]);
    return;
  }
  const before = area.value.slice(0, area.selectionStart);
  const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const text = `${lead}${code}\n\n`;
  replaceSelection(area, text, [text.length, text.length]);
}

interface PickerItem {
  code: string;
  label: string;
  thumbnail: string | null;
  thumbnailAlt: string;
}

/** The items of one kind that the insertion page lists (`li[data-insert-code]`). */
async function loadItems(url: string, kind: 'image' | 'document'): Promise<PickerItem[]> {
  const response = await fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } });
  if (!response.ok) throw new Error(String(response.status));
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  return [...page.querySelectorAll<HTMLElement>(`[data-insert-kind="${kind}"] [data-insert-code]`)].map(
    (item) => {
      const image = item.querySelector('img');
      return {
        code: item.dataset.insertCode ?? '',
        label: item.dataset.insertLabel ?? '',
        thumbnail: image?.getAttribute('src') ?? null,
        thumbnailAlt: image?.getAttribute('alt') ?? '',
      };
    },
  );
}

let dialogCount = 0;

function openPicker(
  area: HTMLTextAreaElement,
  kind: 'image' | 'document',
  pickerUrl: string,
  opener: HTMLElement,
) {
  const dialog = document.createElement('dialog');
  dialog.className = 'insert-dialog';
  const titleId = `insert-dialog-title-${++dialogCount}`;
  dialog.setAttribute('aria-labelledby', titleId);
  const heading = document.createElement('h2');
  heading.id = titleId;
  heading.textContent = kind === 'image' ? LABELS.pickImage : LABELS.pickDocument;
  const list = document.createElement('ul');
  list.className = 'insert-list';
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'button-secondary';
  close.textContent = LABELS.close;
  close.addEventListener('click', () => dialog.close());
  dialog.append(heading, list, close);
  dialog.addEventListener('close', () => {
    dialog.remove();
    opener.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  loadItems(pickerUrl, kind)
    .then((items) => {
      if (items.length === 0) {
        const empty = document.createElement('li');
        empty.textContent = LABELS.empty;
        list.append(empty);
      }
      for (const item of items) {
        const row = document.createElement('li');
        if (item.thumbnail) {
          const image = document.createElement('img');
          image.src = item.thumbnail;
          image.alt = item.thumbnailAlt;
          image.width = 96;
          row.append(image);
        }
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = `${LABELS.insert} : ${item.label}`;
        button.addEventListener('click', () => {
          dialog.close();
          insertCode(area, item.code, kind === 'image');
        });
        row.append(button);
        list.append(row);
      }
      list.querySelector('button')?.focus();
    })
    .catch(() => {
      const failed = document.createElement('li');
      const anchor = document.createElement('a');
      anchor.href = pickerUrl;
      anchor.textContent = LABELS.loadFailed;
      failed.append(anchor);
      list.append(failed);
    });
}

/**
 * The pasted HTML in a document of its own, which runs and loads nothing (DOMParser), without its
 * styles and pictures: turndown's own parsing would apply them to the page, against its CSP.
 */
function inertBody(html: string): HTMLElement {
  // A <style> element is checked against the CSP as it is parsed, even here: it goes first.
  const parsed = new DOMParser().parseFromString(
    html.replace(/<style[\s\S]*?<\/style\s*>/gi, ''),
    'text/html',
  );
  for (const element of parsed.querySelectorAll('style, script, link, meta, img, picture, svg'))
    element.remove();
  for (const element of parsed.querySelectorAll('[style]')) element.removeAttribute('style');
  return parsed.body;
}

function enhance(area: HTMLTextAreaElement): void {
  const pickerUrl = area.dataset.markdownEditor || '/gestion/inserer';
  const toolbar = document.createElement('div');
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', LABELS.toolbar);
  toolbar.setAttribute('aria-controls', area.id);
  toolbar.className = 'markdown-toolbar';
  const actions: Array<[string, (button: HTMLButtonElement) => void]> = [
    [LABELS.heading, () => prefixLines(area, '## ')],
    [LABELS.bold, () => wrap(area, '**', LABELS.boldPlaceholder)],
    [LABELS.italic, () => wrap(area, '*', LABELS.italicPlaceholder)],
    [LABELS.list, () => prefixLines(area, '- ')],
    [LABELS.link, () => link(area)],
    [LABELS.quote, () => prefixLines(area, '> ')],
    [LABELS.image, (button) => openPicker(area, 'image', pickerUrl, button)],
    [LABELS.document, (button) => openPicker(area, 'document', pickerUrl, button)],
  ];
  const buttons = actions.map(([label, act], index) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button-secondary';
    button.textContent = label;
    button.tabIndex = index === 0 ? 0 : -1;
    button.addEventListener('click', () => act(button));
    return button;
  });
  toolbar.append(...buttons);
  // One tab stop for the whole toolbar; the arrows, Home and End move between its buttons.
  toolbar.addEventListener('keydown', (event) => {
    const current = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (current === -1) return;
    const last = buttons.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? (current + 1) % buttons.length
        : event.key === 'ArrowLeft'
          ? (current + last) % buttons.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    buttons[current]!.tabIndex = -1;
    buttons[next]!.tabIndex = 0;
    buttons[next]!.focus();
  });
  area.before(toolbar);

  area.addEventListener('paste', (event) => {
    const html = event.clipboardData?.getData('text/html');
    if (!html) return;
    const markdown = turndown.turndown(inertBody(html)).trim();
    if (!markdown) return;
    event.preventDefault();
    // Paragraphs, headings or lists start on a line of their own, after a blank line.
    const before = area.value.slice(0, area.selectionStart);
    const block = markdown.includes('\n') || /^(#|-|>|\d+\.)\s/.test(markdown);
    const lead =
      !block || before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
    const text = `${lead}${markdown}`;
    replaceSelection(area, text, [text.length, text.length]);
  });
}

for (const area of document.querySelectorAll<HTMLTextAreaElement>('textarea[data-markdown-editor]'))
  enhance(area);
