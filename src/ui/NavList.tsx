import type { NavLink } from './site-frame.js';

/** A list of links; the current one says so to screen readers with aria-current. */
export function NavList({ links }: { links: NavLink[] }) {
  return (
    <ul>
      {links.map((link) => (
        <li key={link.href}>
          <a href={link.href} aria-current={link.current}>
            {link.label}
          </a>
        </li>
      ))}
    </ul>
  );
}
