import type { SiteSettings } from '../../db/schema.js';
import { formatDateFr } from '../../platform/clock.js';
import { messages } from '../../platform/i18n/fr.js';
import { PublicLayout } from '../../ui/PublicLayout.js';
import type { SiteFrame } from '../../ui/site-frame.js';

/** When the accessibility statement below was last checked against the software. */
export const ACCESSIBILITY_STATEMENT_DATE = new Date('2026-11-26T12:00:00Z');

function OrNotProvided({ value }: { value: string }) {
  return value ? value : <em>{messages.legal.notProvided}</em>;
}

export function LegalNoticeView({ frame, settings }: { frame: SiteFrame; settings: SiteSettings }) {
  const text = messages.legal;
  return (
    <PublicLayout frame={frame} title={text.pageTitle}>
      <h1>{text.pageTitle}</h1>
      <h2>{text.publisher}</h2>
      <p>
        <OrNotProvided value={settings.publisher_name} />
        {settings.publisher_address ? (
          <>
            <br />
            {settings.publisher_address}
          </>
        ) : null}
      </p>
      <h2>{text.director}</h2>
      <p>
        <OrNotProvided value={settings.publication_director} />
      </p>
      <h2>{text.hosting}</h2>
      <p>
        <OrNotProvided value={settings.hosting_provider} />
      </p>
      {settings.contact_email ? (
        <>
          <h2>{text.contact}</h2>
          <p>
            <a href={`mailto:${settings.contact_email}`}>{settings.contact_email}</a>
          </p>
        </>
      ) : null}
      <h2>{text.personalData}</h2>
      <p>{text.personalDataText}</p>
      <h2>{text.cookies}</h2>
      <p>{text.cookiesText}</p>
      <h2>{text.licence}</h2>
      <p>{text.licenceText}</p>
      <h2>{text.dataSources}</h2>
      <ul>
        {text.dataSourcesItems.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </PublicLayout>
  );
}

export function AccessibilityStatementView({
  frame,
  settings,
  siteUrl,
}: {
  frame: SiteFrame;
  settings: SiteSettings;
  siteUrl: string;
}) {
  const text = messages.accessibility;
  return (
    <PublicLayout frame={frame} title={text.pageTitle}>
      <h1>{text.pageTitle}</h1>
      <p>{text.intro(settings.publisher_name || settings.site_name)}</p>
      <p>{text.scope(siteUrl)}</p>
      <h2>{text.statusHeading}</h2>
      <p>{text.status}</p>
      <h3>{text.resultsHeading}</h3>
      <p>{text.results}</p>
      <h2>{text.nonAccessibleHeading}</h2>
      <p>{text.nonAccessible}</p>
      <ul>
        {text.nonAccessibleItems.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <h2>{text.establishedHeading}</h2>
      <p>{text.established(formatDateFr(ACCESSIBILITY_STATEMENT_DATE))}</p>
      <h3>{text.technologiesHeading}</h3>
      <ul>
        {text.technologies.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <h3>{text.environmentHeading}</h3>
      <p>{text.environment}</p>
      <h3>{text.toolsHeading}</h3>
      <ul>
        {text.tools.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <h2>{text.feedbackHeading}</h2>
      <p>{text.feedback}</p>
      <ul>
        <li>
          <a href="/contact">{text.feedbackContactPage}</a>
        </li>
        {settings.contact_email ? (
          <li>
            <a href={`mailto:${settings.contact_email}`}>{settings.contact_email}</a>
          </li>
        ) : null}
      </ul>
      <h2>{text.remediesHeading}</h2>
      <p>{text.remedies}</p>
      <ul>
        {text.remedyItems.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </PublicLayout>
  );
}
