/** What the public layout needs to draw the frame around a page: plain data, no records. */
export interface NavLink {
  label: string;
  href: string;
  /** 'page' for the page shown, 'true' for its ancestors (the section it is in). */
  current?: 'page' | 'true';
  /** Another site: the link says so. */
  external?: boolean;
}

export interface SiteFrame {
  siteName: string;
  mainMenu: NavLink[];
  /** The current section's pages; null on pages outside any section (home, search…). */
  subMenu: { title: string; links: NavLink[] } | null;
  /** From home to the current page; null where a trail would say nothing (home). */
  breadcrumb: NavLink[] | null;
  tools: NavLink[];
  miscLinks: NavLink[];
  /** Absolute address of the page, for the canonical link. */
  canonicalUrl: string | null;
}
