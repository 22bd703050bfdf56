import type { ComponentChildren } from 'preact';

/**
 * A table that, on a screen too narrow for it, scrolls inside its own region rather than
 * widening the page (RGAA 10.11). The region is named by the table's caption and takes the
 * keyboard focus, so that it can be scrolled without a mouse.
 */
export function TableRegion({ captionId, children }: { captionId: string; children: ComponentChildren }) {
  return (
    // A <section> with a name is a region landmark.
    <section class="table-region" aria-labelledby={captionId} tabindex={0}>
      {children}
    </section>
  );
}
