import type { ComponentChildren } from 'preact';
import { messages } from '../platform/i18n/fr.js';
import { assetHref } from '../platform/static-assets.js';
import { documentTitle } from './document-title.js';
import { NavList } from './NavList.js';
import type { NavLink } from './site-frame.js';

export interface AdminFrame {
  siteName: string;
  userName: string;
  roleLabel: string;
  nav: NavLink[];
  csrfToken: string;
  flash: string | null;
}

/** The back office: a skip link, the header with the account, the navigation, the main content. */
export function AdminLayout({
  frame,
  title,
  children,
}: {
  frame: AdminFrame;
  title: string;
  children: ComponentChildren;
}) {
  const text = messages.admin;
  return (
    <html lang="fr" dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{documentTitle(title, text.title, frame.siteName)}</title>
        <link rel="stylesheet" href={assetHref('site.css')} />
        <link rel="stylesheet" href={assetHref('admin.css')} />
        <script src={assetHref('menu.js')} defer />
      </head>
      <body class="admin">
        <nav class="skip-links" aria-label={messages.site.skipLinks.label}>
          <ul>
            <li>
              <a href="#contenu">{messages.site.skipLinks.content}</a>
            </li>
            <li>
              <a href="#menu-gestion">{text.skipToNav}</a>
            </li>
          </ul>
        </nav>
        <header class="site-header">
          <div class="site-header__inner">
            <p class="site-header__name">
              <a href="/gestion">{`${text.title} – ${frame.siteName}`}</a>
            </p>
            {/* The public site's disclosure: the account and the menu behind "Menu" on a phone. */}
            <details class="site-nav" id="navigation">
              <summary class="site-nav__toggle">{messages.site.menuToggle}</summary>
              <div class="site-nav__panel">
                <div class="admin-account">
                  <p>
                    {frame.userName} <span class="admin-account__role">({frame.roleLabel})</span>
                  </p>
                  <form action="/deconnexion" method="post">
                    <input type="hidden" name="_csrf" value={frame.csrfToken} />
                    <button type="submit">{messages.accounts.signOut}</button>
                  </form>
                  <p>
                    <a href="/">{text.viewSite}</a>
                  </p>
                </div>
                <nav id="menu-gestion" class="main-menu" aria-label={text.navLabel} tabindex={-1}>
                  <NavList links={frame.nav} />
                </nav>
              </div>
            </details>
          </div>
        </header>
        <div class="page-frame">
          <main id="contenu" tabindex={-1}>
            {frame.flash ? (
              <div class="notice" role="status">
                <p>{frame.flash}</p>
              </div>
            ) : null}
            {children}
          </main>
        </div>
      </body>
    </html>
  );
}
