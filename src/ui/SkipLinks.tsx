import { messages } from '../platform/i18n/fr.js';

export const anchors = {
  content: 'contenu',
  mainMenu: 'menu-principal',
  subMenu: 'sous-menu',
  tools: 'menu-outils',
  misc: 'liens-divers',
  search: 'recherche',
} as const;

/**
 * The six skip links of the seed page, in its order and wording. A link whose target is
 * not on the page (no sub menu on the home page) is left out rather than left broken.
 */
export function SkipLinks({ hasSubMenu }: { hasSubMenu: boolean }) {
  const text = messages.site.skipLinks;
  const links = [
    { href: anchors.content, label: text.content },
    { href: anchors.mainMenu, label: text.mainMenu },
    ...(hasSubMenu ? [{ href: anchors.subMenu, label: text.subMenu }] : []),
    { href: anchors.tools, label: text.tools },
    { href: anchors.misc, label: text.misc },
    { href: anchors.search, label: text.search },
  ];
  return (
    <nav class="skip-links" aria-label={text.label}>
      <ul>
        {links.map((link) => (
          <li key={link.href}>
            <a href={`#${link.href}`}>{link.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
