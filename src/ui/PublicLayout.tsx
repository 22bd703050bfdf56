import type { ComponentChildren } from 'preact';
import { messages } from '../platform/i18n/fr.js';
import { assetHref } from '../platform/static-assets.js';
import { Breadcrumb } from './Breadcrumb.js';
import { documentTitle } from './document-title.js';
import { NavList, NavTree } from './NavList.js';
import { anchors, SkipLinks } from './SkipLinks.js';
import type { SiteFrame } from './site-frame.js';

interface PublicLayoutProps {
  frame: SiteFrame;
  /** The document title's first part; the site name follows it. */
  title: string;
  description?: string;
  /** The printable version: the article alone, the print dialog opened by a small script. */
  printVersion?: { backHref: string };
  noIndex?: boolean;
  /** A page shown to its editors as the public will see it: a banner says so, robots are kept out. */
  preview?: { notice: string; backHref: string };
  searchQuery?: string;
  children: ComponentChildren;
}

export function PublicLayout({
  frame,
  title,
  description,
  printVersion,
  noIndex,
  preview,
  searchQuery,
  children,
}: PublicLayoutProps) {
  const text = messages.site;
  return (
    <html lang="fr" dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{documentTitle(title, frame.siteName)}</title>
        {description ? <meta name="description" content={description} /> : null}
        {noIndex || printVersion || preview ? <meta name="robots" content="noindex" /> : null}
        {frame.canonicalUrl ? <link rel="canonical" href={frame.canonicalUrl} /> : null}
        <link rel="stylesheet" href={assetHref('site.css')} />
        <link rel="stylesheet" href={assetHref('identity.css')} />
        {frame.identity?.colourStylesheet ? (
          <link rel="stylesheet" href={frame.identity.colourStylesheet} />
        ) : null}
        <link rel="icon" href={frame.identity?.icons?.favicon ?? '/favicon.ico'} />
        {frame.identity?.icons ? <link rel="apple-touch-icon" href={frame.identity.icons.touchIcon} /> : null}
        <script src={assetHref('menu.js')} defer />
        {printVersion ? <script src={assetHref('print.js')} defer /> : null}
      </head>
      <body class={printVersion ? 'print-version' : undefined}>
        <SkipLinks hasSubMenu={frame.subMenu !== null} />
        <header class="site-header">
          <div class="site-header__inner">
            <p class="site-header__name">
              <a href="/" title={text.homeLinkTitle(frame.siteName)}>
                {frame.identity?.logo ? (
                  // The logo stands for the site name, which is its text alternative.
                  <img
                    class="site-header__logo"
                    src={frame.identity.logo.src}
                    alt={frame.siteName}
                    width={frame.identity.logo.width}
                    height={frame.identity.logo.height}
                  />
                ) : (
                  frame.siteName
                )}
              </a>
            </p>
            {/*
              A disclosure that needs no script: on a phone the search and the menu wait behind
              "Menu"; on a wide screen the stylesheet shows them and hides the control.
            */}
            <details class="site-nav" id="navigation">
              <summary class="site-nav__toggle">{text.menuToggle}</summary>
              <div class="site-nav__panel">
                {/* biome-ignore lint/a11y/useSemanticElements: the <search> element is too recent for the screen readers RGAA tests with */}
                <form
                  class="search-form"
                  id="formulaire-recherche"
                  role="search"
                  action="/recherche"
                  method="get"
                >
                  <label for={anchors.search}>{text.searchLabel}</label>
                  <input
                    type="search"
                    id={anchors.search}
                    name="q"
                    value={searchQuery ?? ''}
                    maxLength={200}
                    autocomplete="off"
                  />
                  <button type="submit">{text.searchButton}</button>
                </form>
                <nav id={anchors.mainMenu} class="main-menu" aria-label={text.mainMenu} tabindex={-1}>
                  <NavList links={frame.mainMenu} />
                </nav>
              </div>
            </details>
          </div>
        </header>
        {preview ? (
          <p class="print-banner preview-banner" role="note">
            {preview.notice} <a href={preview.backHref}>{text.previewBack}</a>
          </p>
        ) : null}
        {printVersion ? (
          <p class="print-banner">
            {text.printBanner} <a href={printVersion.backHref}>{text.printBack}</a>
          </p>
        ) : null}
        <div class="page-frame">
          {frame.breadcrumb ? <Breadcrumb trail={frame.breadcrumb} /> : null}
          {/*
            The content comes first, so that a phone shows the page's title at once; on a wide
            screen the sub-menu takes the left column.
          */}
          <div class={frame.subMenu ? 'page-columns page-columns--with-sub-menu' : 'page-columns'}>
            <main id={anchors.content} tabindex={-1}>
              {children}
            </main>
            {frame.subMenu ? (
              <nav
                id={anchors.subMenu}
                class="sub-menu"
                aria-label={text.subMenu(frame.subMenu.section.label)}
                tabindex={-1}
              >
                <p class="sub-menu__section">
                  <a href={frame.subMenu.section.href} aria-current={frame.subMenu.section.current}>
                    {frame.subMenu.section.label}
                  </a>
                </p>
                <NavTree links={frame.subMenu.links} />
              </nav>
            ) : null}
            <nav id={anchors.tools} class="tools-menu" aria-label={text.toolsMenu} tabindex={-1}>
              <NavList links={frame.tools} />
            </nav>
          </div>
        </div>
        <footer class="site-footer">
          <nav id={anchors.misc} class="misc-links" aria-label={text.miscLinks} tabindex={-1}>
            <NavList links={frame.miscLinks} />
          </nav>
          <p class="site-footer__credit">
            {frame.siteName} · {text.footerPoweredBy}
          </p>
        </footer>
      </body>
    </html>
  );
}
