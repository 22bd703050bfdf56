import { Fragment } from 'preact';
import type { ContactCard, Media } from '../../db/schema.js';
import { formatDateFr, isoDateInParis } from '../../platform/clock.js';
import { messages } from '../../platform/i18n/fr.js';
import { formatPhoneForDisplay, phoneTelHref } from '../../platform/phone.js';
import { frenchTypography } from '../../platform/typography.js';
import { PublicLayout } from '../../ui/PublicLayout.js';
import type { SiteFrame } from '../../ui/site-frame.js';
import {
  type HomeIdentity,
  mediaHref,
  mediaSrcset,
  type PublishedPage,
  type SubPage,
} from './content.service.js';
import type { TreePage } from './page-tree.js';

/** A postal address as typed, one line per line: it must not depend on a stylesheet to keep them. */
function AddressLines({ address }: { address: string }) {
  const lines = address.split(/\r?\n/).filter((line) => line.trim() !== '');
  return (
    <>
      {lines.map((line, index) => (
        <Fragment key={index}>
          {index > 0 ? <br /> : null}
          {line}
        </Fragment>
      ))}
    </>
  );
}

function PhoneLine({ phone }: { phone: string }) {
  const href = phoneTelHref(phone);
  const shown = formatPhoneForDisplay(phone);
  return (
    <p>
      {messages.contact.phone} {href ? <a href={href}>{shown}</a> : shown}
    </p>
  );
}

export function Figure({ media }: { media: Media }) {
  return (
    <figure class="figure">
      <img
        src={mediaHref(media)}
        srcset={mediaSrcset(media)}
        sizes={mediaSrcset(media) ? '(min-width: 60rem) 46rem, 100vw' : undefined}
        alt={media.alt_text}
        width={media.width}
        height={media.height}
      />
      {media.caption || media.credit ? (
        <figcaption>
          {frenchTypography(media.caption)}
          {media.credit ? <span class="figure__credit"> © {media.credit}</span> : null}
        </figcaption>
      ) : null}
    </figure>
  );
}

export function ContactCardBlock({ card, headingLevel }: { card: ContactCard; headingLevel: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div class="contact-card">
      <Heading class="contact-card__service">{card.service_name}</Heading>
      <address>
        {card.person_name ? <p>{card.person_name}</p> : null}
        {card.organisation_name ? <p>{card.organisation_name}</p> : null}
        {card.address ? (
          <p class="contact-card__address">
            <AddressLines address={card.address} />
          </p>
        ) : null}
        {card.phone ? <PhoneLine phone={card.phone} /> : null}
        {card.email ? (
          <p>
            <span class="visually-hidden">{messages.contact.email} </span>
            <a href={`mailto:${card.email}`}>{card.email}</a>
          </p>
        ) : null}
      </address>
    </div>
  );
}

/** The pages under this one, so that any depth is two clicks from its section. */
function SubPageList({ subPages }: { subPages: SubPage[] }) {
  return (
    <section class="sub-pages" aria-labelledby="sous-pages-titre">
      <h2 id="sous-pages-titre">{messages.site.subPagesHeading(subPages.length)}</h2>
      <ul class="sub-pages__list">
        {subPages.map(({ node, summary, image }) => (
          <li key={node.id} class="sub-page">
            {image ? (
              // Beside its page's linked title the picture only illustrates: it is not read out.
              <img
                class="sub-page__image"
                src={mediaHref(image)}
                srcset={mediaSrcset(image)}
                sizes={mediaSrcset(image) ? '8rem' : undefined}
                alt=""
                width={image.width}
                height={image.height}
              />
            ) : null}
            <div class="sub-page__text">
              <h3 class="sub-page__title">
                <a href={node.path}>{node.title}</a>
              </h3>
              {summary ? <p class="sub-page__summary">{summary}</p> : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The home page's banner and the authority's presentation, under the title (headings of the
 * presentation come after the page's <h1>) and above the page's own text.
 */
function HomeIdentityBlock({ home }: { home: HomeIdentity }) {
  const { banner } = home;
  const srcset = banner ? mediaSrcset(banner) : undefined;
  return (
    <>
      {banner ? (
        <figure class="home-banner">
          <img
            src={mediaHref(banner)}
            srcset={srcset}
            sizes={srcset ? '100vw' : undefined}
            alt={banner.alt_text}
            width={banner.width}
            height={banner.height}
          />
          {banner.credit ? <figcaption class="figure__credit">© {banner.credit}</figcaption> : null}
        </figure>
      ) : null}
      {home.presentationHtml ? (
        // Sanitized Markdown from platform/markdown, the one raw-HTML sink.
        <div
          class="home-presentation article__body"
          dangerouslySetInnerHTML={{ __html: home.presentationHtml }}
        />
      ) : null}
    </>
  );
}

export function ContentPageView({
  frame,
  published,
  printVersion,
  home,
  preview,
}: {
  frame: SiteFrame;
  published: PublishedPage;
  printVersion: boolean;
  /** On the home page only: the banner and presentation of the site settings. */
  home?: HomeIdentity | null;
  /** Shown to its editors from the back office, before or after it is published. */
  preview?: { notice: string; backHref: string };
}) {
  const { page, node, blocks, figures, contactCard, subPages } = published;
  const updated = page.updated_at;
  return (
    <PublicLayout
      frame={frame}
      title={
        printVersion
          ? messages.site.printTitle(page.title)
          : preview
            ? messages.pages.previewTitle(page.title)
            : page.title
      }
      description={page.summary || undefined}
      printVersion={printVersion ? { backHref: node.path } : undefined}
      preview={preview}
    >
      <article class="article">
        <h1>{page.title}</h1>
        {page.summary ? <p class="article__lead">{page.summary}</p> : null}
        {home ? <HomeIdentityBlock home={home} /> : null}
        {blocks.map((block, index) => {
          if (block.kind === 'figure') {
            const media = figures.get(block.mediaName);
            return media ? <Figure key={`f${index}`} media={media} /> : null;
          }
          // The one raw-HTML sink: Markdown rendered by platform/markdown, which escapes HTML.
          return (
            <div key={`h${index}`} class="article__body" dangerouslySetInnerHTML={{ __html: block.html }} />
          );
        })}
        {subPages.length > 0 ? <SubPageList subPages={subPages} /> : null}
        {contactCard ? (
          <section class="contact-block" aria-labelledby="contact-titre">
            <h2 id="contact-titre">{messages.contact.heading}</h2>
            <ContactCardBlock card={contactCard} headingLevel={3} />
          </section>
        ) : null}
        <p class="article__updated">
          <time dateTime={isoDateInParis(updated)}>{messages.site.lastUpdated(formatDateFr(updated))}</time>
        </p>
      </article>
    </PublicLayout>
  );
}

export function ContactPageView({ frame, cards }: { frame: SiteFrame; cards: ContactCard[] }) {
  return (
    <PublicLayout frame={frame} title={messages.contact.pageTitle}>
      <h1>{messages.contact.pageTitle}</h1>
      {cards.length === 0 ? (
        <p>{messages.contact.empty}</p>
      ) : (
        <>
          <p>{messages.contact.intro}</p>
          {cards.map((card) => (
            <ContactCardBlock key={card.id} card={card} headingLevel={2} />
          ))}
        </>
      )}
    </PublicLayout>
  );
}

function SiteMapBranch({ pages }: { pages: TreePage[] }) {
  return (
    <ul>
      {pages.map((page) => (
        <li key={page.id}>
          <a href={page.path}>{page.depth === 0 ? messages.site.breadcrumbHome : page.title}</a>
          {page.children.length > 0 ? <SiteMapBranch pages={page.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

export function SiteMapView({ frame, root }: { frame: SiteFrame; root: TreePage | null }) {
  const text = messages;
  return (
    <PublicLayout frame={frame} title={text.siteMap.pageTitle}>
      <h1>{text.siteMap.pageTitle}</h1>
      <nav class="site-map" aria-labelledby="plan-pages">
        <h2 id="plan-pages" class="visually-hidden">
          {text.siteMap.pageTitle}
        </h2>
        {root ? <SiteMapBranch pages={[root]} /> : null}
      </nav>
      <h2>{text.siteMap.otherPages}</h2>
      <ul>
        <li>
          <a href="/contact">{text.contact.pageTitle}</a>
        </li>
        <li>
          <a href="/recherche">{text.search.pageTitle}</a>
        </li>
        <li>
          <a href="/mentions-legales">{text.legal.pageTitle}</a>
        </li>
        <li>
          <a href="/accessibilite">{text.accessibility.pageTitle}</a>
        </li>
      </ul>
    </PublicLayout>
  );
}
