import { messages } from '../platform/i18n/fr.js';
import type { NavLink } from './site-frame.js';

/**
 * A list of links; the current one says so to screen readers with aria-current, and a link to
 * another site says so to everyone.
 */
export function NavList({ links }: { links: NavLink[] }) {
  return (
    <ul>
      {links.map((link) => (
        <li key={link.href}>
          <a href={link.href} aria-current={link.current} rel={link.external ? 'external' : undefined}>
            {link.label}
            {link.external ? <span class="link-external"> {messages.site.externalLink}</span> : null}
          </a>
        </li>
      ))}
    </ul>
  );
}
