/**
 * ScrollTable: a table that may be wider than a phone, in a labelled region the keyboard can focus
 * and so scroll (WCAG 2.1.1; axe's scrollable-region-focusable). The table is its child.
 */
import type { ComponentChildren } from 'preact';

export function ScrollTable({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus for a keyboard to scroll it
    <section class="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
