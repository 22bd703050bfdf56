import { messages } from '../platform/i18n/fr.js';
import type { NavLink, NavTreeLink } from './site-frame.js';

function NavAnchor({ link }: { link: NavLink }) {
  return (
    <a href={link.href} aria-current={link.current} rel={link.external ? 'external' : undefined}>
      {link.label}
      {link.external ? <span class="link-external"> {messages.site.externalLink}</span> : null}
    </a>
  );
}

/**
 * A list of links; the current one says so to screen readers with aria-current, and a link to
 * another site says so to everyone.
 */
export function NavList({ links }: { links: NavLink[] }) {
  return (
    <ul>
      {links.map((link) => (
        <li key={link.href}>
          <NavAnchor link={link} />
        </li>
      ))}
    </ul>
  );
}

/** Nested lists: a link's pages are listed inside its own item, as deep as the tree goes. */
export function NavTree({ links }: { links: NavTreeLink[] }) {
  return (
    <ul>
      {links.map((link) => (
        <li key={link.href}>
          <NavAnchor link={link} />
          {link.children.length > 0 ? <NavTree links={link.children} /> : null}
        </li>
      ))}
    </ul>
  );
}
