import { messages } from '../../platform/i18n/fr.js';
import { PublicLayout } from '../../ui/PublicLayout.js';
import type { SiteFrame } from '../../ui/site-frame.js';

export function NotFoundView({ frame }: { frame: SiteFrame }) {
  const text = messages.notFound;
  return (
    <PublicLayout frame={{ ...frame, breadcrumb: null }} title={text.pageTitle} noIndex>
      <h1>{text.pageTitle}</h1>
      <p>{text.lead}</p>
      <p>{text.hints}</p>
      <ul>
        <li>
          <a href="/">{text.home}</a>
        </li>
        <li>
          <a href="/plan-du-site">{text.siteMap}</a>
        </li>
        <li>
          <a href="#recherche">{text.search}</a>
        </li>
      </ul>
    </PublicLayout>
  );
}
