import type { ComponentChildren } from "preact";
import { ui } from "./styles.ts";

/**
 * A box that scrolls sideways when its content (a table) is wider than the screen, instead of
 * the page. It is a labelled region in the tab order, so keyboard users can scroll it too, and
 * `relative`, so absolutely placed content inside (an `.sr-only` header) stays in the box
 * rather than widening the page.
 */
export function ScrollBox(
  { label, class: extra = "", children }: {
    label: string;
    class?: string;
    children: ComponentChildren;
  },
) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      class={`relative overflow-x-auto ${ui.focus} ${extra}`}
    >
      {children}
    </div>
  );
}
