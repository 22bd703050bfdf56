/** What the public layout needs to draw the frame around a page: plain data, no records. */
export interface NavLink {
  label: string;
  href: string;
  /** 'page' for the page shown, 'true' for its ancestors (the section it is in). */
  current?: 'page' | 'true';
  /** Another site: the link says so. */
  external?: boolean;
}

/** A link of the sub-menu, with the pages under it when it lies on the way to the page shown. */
export interface NavTreeLink extends NavLink {
  children: NavTreeLink[];
}

export interface SiteFrame {
  siteName: string;
  mainMenu: NavLink[];
  /**
   * The current section: its own link once, then its pages, unfolded along the way to the
   * page shown to any depth. Null on pages outside any section (home, search…).
   */
  subMenu: { section: NavLink; links: NavTreeLink[] } | null;
  /** From home to the current page; null where a trail would say nothing (home). */
  breadcrumb: NavLink[] | null;
  tools: NavLink[];
  miscLinks: NavLink[];
  /** Absolute address of the page, for the canonical link. */
  canonicalUrl: string | null;
  /** The authority's logo, colours and icons; absent or null: the site name alone, site.css's colours. */
  identity?: SiteIdentity | null;
}

/** What the site settings' identity gives every public page. */
export interface SiteIdentity {
  /** Drawn in the header in place of the site name, which is its text alternative. */
  logo: { src: string; width: number; height: number } | null;
  /** The workspace's colour stylesheet, its version in its address; null: site.css's own colours. */
  colourStylesheet: string | null;
  /** The icons made from the logo, versioned; null without a logo (the default /favicon.ico). */
  icons: { favicon: string; touchIcon: string } | null;
}
