import { messages } from '../../platform/i18n/fr.js';
import { PublicLayout } from '../../ui/PublicLayout.js';
import type { SiteFrame } from '../../ui/site-frame.js';
import type { Highlighted, SearchOutcome } from './search.service.js';

function HighlightedText({ parts }: { parts: Highlighted }) {
  return <>{parts.map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : part.text))}</>;
}

export function SearchView({
  frame,
  outcome,
  rawQuery,
}: {
  frame: SiteFrame;
  outcome: SearchOutcome;
  rawQuery: string;
}) {
  const text = messages.search;
  const title = outcome.kind === 'results' ? text.pageTitleWithQuery(outcome.query) : text.pageTitle;
  return (
    <PublicLayout frame={frame} title={title} searchQuery={rawQuery} noIndex>
      <h1>{text.pageTitle}</h1>
      {outcome.kind === 'empty' ? <p>{text.emptyQuery}</p> : null}
      {outcome.kind === 'too_long' ? <p>{text.queryTooLong}</p> : null}
      {outcome.kind === 'results' && outcome.hits.length === 0 ? (
        <div class="search-empty">
          <h2>{text.noResultTitle(outcome.query)}</h2>
          <ul>
            {text.noResultHints.map((hint) => (
              <li key={hint}>{hint}</li>
            ))}
          </ul>
          <p>{text.noResultOtherWays}</p>
          <ul>
            <li>
              <a href="/plan-du-site">{messages.siteMap.pageTitle}</a>
            </li>
            <li>
              <a href="/contact">{messages.contact.pageTitle}</a>
            </li>
          </ul>
        </div>
      ) : null}
      {outcome.kind === 'results' && outcome.hits.length > 0 ? (
        <>
          <p class="search-count" role="status">
            {text.resultsCount(outcome.hits.length, outcome.query)}
          </p>
          <ol class="search-results">
            {outcome.hits.map((hit) => (
              <li key={hit.href}>
                <h2>
                  <a href={hit.href}>
                    <HighlightedText parts={hit.title} />
                  </a>
                </h2>
                <p class="search-results__trail">
                  <span class="visually-hidden">{text.trailLabel} </span>
                  {hit.trail.join(' › ')}
                </p>
                <p>
                  <HighlightedText parts={hit.extract} />
                </p>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </PublicLayout>
  );
}
