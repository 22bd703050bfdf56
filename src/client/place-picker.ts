/**
 * The gazetteer search of « Ajouter une organisation » as a combobox, as progressive
 * enhancement: without this script the field is a plain GET search whose result page has one
 * « Ajouter » form per place, and that stays true (Enter with no suggestion chosen still sends
 * the search). With it, the field follows the WAI-ARIA Authoring Practices pattern "combobox
 * with listbox popup, list autocomplete" (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/):
 * - suggestions fetched as one types, from the address in the form's `data-place-picker`;
 * - focus stays in the field; the arrow keys move the active option (`aria-activedescendant`),
 *   Enter chooses it, Escape closes the list and a second Escape empties the field;
 * - a polite live region reads how many suggestions there are.
 * Choosing a place already among the workspace's organisations opens that organisation;
 * choosing another submits the page's hidden « Ajouter » form (#place-picker-add), the same POST
 * as the buttons of the result page, CSRF token included.
 * Every word shown comes from the server's JSON: this file holds no French. The DOM is built
 * with createElement and textContent only, never from HTML strings.
 * Bundled by esbuild into src/assets/place-picker.js (`npm run build:client`).
 */

interface Suggestion {
  key: string;
  name: string;
  summary: string;
  organisationId: string | null;
}

interface SuggestionsAnswer {
  status: string;
  alreadyHere: string;
  suggestions: Suggestion[];
}

/** Long enough to skip a request per keystroke of a quick typist, short enough to feel immediate. */
const DEBOUNCE_MS = 200;
/**
 * The server's own minimum (MIN_SEARCH_LENGTH): shorter queries answer an empty list, so the
 * script does not ask, and the live region does not say « no suggestion » after one letter.
 */
const MIN_QUERY_LENGTH = 2;

/** The answer checked field by field: a session that expired answers the sign-in page, not JSON. */
function readAnswer(value: unknown): SuggestionsAnswer | null {
  if (typeof value !== 'object' || value === null) return null;
  const { status, alreadyHere, suggestions } = value as Record<string, unknown>;
  if (typeof status !== 'string' || typeof alreadyHere !== 'string' || !Array.isArray(suggestions)) {
    return null;
  }
  const valid = suggestions.every((item: unknown) => {
    if (typeof item !== 'object' || item === null) return false;
    const { key, name, summary, organisationId } = item as Record<string, unknown>;
    return (
      typeof key === 'string' &&
      typeof name === 'string' &&
      typeof summary === 'string' &&
      (organisationId === null || typeof organisationId === 'string')
    );
  });
  return valid ? { status, alreadyHere, suggestions: suggestions as Suggestion[] } : null;
}

/** What the server's markup gives the script; without any one of them the page stays as it is. */
interface Parts {
  /** The address of the suggestions (the search form's `data-place-picker`). */
  endpoint: string;
  input: HTMLInputElement;
  label: HTMLLabelElement;
  addForm: HTMLFormElement;
  placeField: HTMLInputElement;
}

function findParts(): Parts | null {
  const form = document.querySelector<HTMLFormElement>('form[data-place-picker]');
  const endpoint = form?.dataset.placePicker;
  const input = form?.querySelector<HTMLInputElement>('input[name="q"]');
  const label = input?.labels?.[0];
  const addForm = document.getElementById('place-picker-add');
  const placeField = addForm instanceof HTMLFormElement ? addForm.elements.namedItem('place') : null;
  if (!endpoint || !input?.id || !label || !(addForm instanceof HTMLFormElement)) return null;
  if (!(placeField instanceof HTMLInputElement)) return null;
  return { endpoint, input, label, addForm, placeField };
}

function enhance({ endpoint, input, label, addForm, placeField }: Parts): void {
  // The list is positioned against a box that holds only the field, so that it opens right
  // under the input whatever stands above it (label, hint, error message).
  const anchor = document.createElement('div');
  anchor.className = 'place-picker';
  const hadFocus = document.activeElement === input;
  input.before(anchor);
  anchor.append(input);
  if (hadFocus) input.focus();

  // The listbox is named by the field's own label: the same words, said once on the page.
  label.id ||= `${input.id}-label`;
  const listbox = document.createElement('ul');
  listbox.id = `${input.id}-suggestions`;
  listbox.className = 'place-picker__list';
  listbox.setAttribute('role', 'listbox');
  listbox.setAttribute('aria-labelledby', label.id);
  listbox.hidden = true;
  anchor.append(listbox);

  // Polite, and present (empty) from the start: a live region added with its text is not read.
  const status = document.createElement('div');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  anchor.after(status);

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listbox.id);

  /** The suggestions shown, for `shownFor` (the trimmed query they answer). */
  let suggestions: Suggestion[] = [];
  let shownFor = '';
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: AbortController | undefined;
  /** Set once a choice navigates away: a second Enter or click must not post twice. */
  let choosing = false;

  const options = () => Array.from(listbox.children) as HTMLLIElement[];
  const isOpen = () => !listbox.hidden;

  function setActive(index: number): void {
    active = index;
    options().forEach((option, position) => {
      if (position === index) option.setAttribute('aria-selected', 'true');
      else option.removeAttribute('aria-selected');
    });
    const option = options()[index];
    if (option) {
      input.setAttribute('aria-activedescendant', option.id);
      // The list scrolls on its own (max-height): keep the active option in sight.
      option.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function open(): void {
    if (suggestions.length === 0) return;
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function close(): void {
    setActive(-1);
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  }

  function render(answer: SuggestionsAnswer, query: string): void {
    suggestions = answer.suggestions;
    shownFor = query;
    const items = suggestions.map((suggestion, index) => {
      const option = document.createElement('li');
      option.id = `${listbox.id}-${index}`;
      option.className = 'place-picker__option';
      option.setAttribute('role', 'option');
      // Block-level parts: the option's accessible name gets a space between each.
      const name = document.createElement('span');
      name.className = 'place-picker__name';
      name.textContent = suggestion.name;
      const summary = document.createElement('span');
      summary.className = 'place-picker__summary';
      summary.textContent = suggestion.summary;
      option.append(name, summary);
      if (suggestion.organisationId !== null) {
        const already = document.createElement('span');
        already.className = 'place-picker__already';
        already.textContent = answer.alreadyHere;
        option.append(already);
      }
      return option;
    });
    listbox.replaceChildren(...items);
    active = -1;
    input.removeAttribute('aria-activedescendant');
    status.textContent = answer.status;
    if (suggestions.length > 0 && document.activeElement === input) open();
    else close();
  }

  function forget(): void {
    pending?.abort();
    clearTimeout(timer);
    suggestions = [];
    shownFor = '';
    listbox.replaceChildren();
    status.textContent = '';
    close();
  }

  async function fetchSuggestions(query: string): Promise<void> {
    pending?.abort();
    const controller = new AbortController();
    pending = controller;
    const url = new URL(endpoint, window.location.href);
    url.searchParams.set('q', query);
    try {
      const response = await fetch(url, {
        signal: controller.signal,
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      const answer = response.ok ? readAnswer(await response.json()) : null;
      // A slower answer for an older query never replaces the list of the current one.
      if (controller.signal.aborted || input.value.trim() !== query) return;
      if (answer) render(answer, query);
      else forget();
    } catch {
      // Aborted by a newer keystroke, offline, or not JSON: the field stays a plain search,
      // whose button and Enter still work.
      if (!controller.signal.aborted) close();
    }
  }

  function schedule(): void {
    clearTimeout(timer);
    const query = input.value.trim();
    if (query.length < MIN_QUERY_LENGTH) {
      forget();
      return;
    }
    // The list shown answers an older text: it stays in sight until the new one comes, but
    // no option of it stays active, so that Enter sends the search rather than a stale choice.
    setActive(-1);
    timer = setTimeout(() => void fetchSuggestions(query), DEBOUNCE_MS);
  }

  function choose(index: number): void {
    const suggestion = suggestions[index];
    if (!suggestion || choosing) return;
    choosing = true;
    close();
    if (suggestion.organisationId !== null) {
      window.location.assign(`/gestion/organisations/${encodeURIComponent(suggestion.organisationId)}`);
      return;
    }
    placeField.value = suggestion.key;
    addForm.submit();
  }

  /** Down and Up on a closed list open it on the first or last option, as the pattern says. */
  function move(step: 1 | -1): void {
    const count = suggestions.length;
    if (count === 0 || shownFor !== input.value.trim()) {
      // Nothing fetched for this text yet (a page opened on a search, say): ask now.
      if (input.value.trim().length >= MIN_QUERY_LENGTH) {
        clearTimeout(timer);
        void fetchSuggestions(input.value.trim());
      }
      return;
    }
    if (!isOpen()) {
      open();
      setActive(step === 1 ? 0 : count - 1);
      return;
    }
    // Wraps around, as the pattern's example does: Home and End belong to the text.
    setActive(active === -1 ? (step === 1 ? 0 : count - 1) : (active + step + count) % count);
  }

  input.addEventListener('input', schedule);

  input.addEventListener('keydown', (event) => {
    if (event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        move(event.key === 'ArrowDown' ? 1 : -1);
        break;
      case 'Enter':
        // Only a chosen option is taken; otherwise the form's GET search goes as without script.
        if (isOpen() && active !== -1) {
          event.preventDefault();
          choose(active);
        }
        break;
      case 'Escape':
        if (isOpen()) {
          event.preventDefault();
          close();
        } else if (input.value !== '') {
          event.preventDefault();
          input.value = '';
          forget();
        }
        break;
      case 'ArrowLeft':
      case 'ArrowRight':
      case 'Home':
      case 'End':
        // The caret moves in the text again: no option is active any more.
        if (active !== -1) setActive(-1);
        break;
    }
  });

  input.addEventListener('blur', close);

  // A press on the list would take focus from the field (and close the list) before the click.
  listbox.addEventListener('mousedown', (event) => event.preventDefault());
  listbox.addEventListener('click', (event) => {
    const option = (event.target as Element).closest('[role="option"]');
    if (option) choose(options().indexOf(option as HTMLLIElement));
  });

  // Back from the organisation's page, the page may come from the back-forward cache.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) {
      choosing = false;
      close();
    }
  });
}

const parts = findParts();
if (parts) enhance(parts);
