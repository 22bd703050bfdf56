import { messages } from '../platform/i18n/fr.js';
import type { NavLink } from './site-frame.js';

export function Breadcrumb({ trail }: { trail: NavLink[] }) {
  return (
    <nav class="breadcrumb" aria-label={messages.site.breadcrumb}>
      <ol>
        {trail.map((link, index) =>
          index === trail.length - 1 ? (
            <li key={link.href}>
              <a href={link.href} aria-current="page">
                {link.label}
              </a>
            </li>
          ) : (
            <li key={link.href}>
              <a href={link.href}>{link.label}</a>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}
