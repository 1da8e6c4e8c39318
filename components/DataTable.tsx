// The tables of the dashboard's lists (activity, tokens, contexts, a version's capabilities):
// one header style and one row divider, so every list reads the same.
import type { ComponentChildren } from "preact";

/** A table: the header cells `head` in one row, then the rows. */
export function DataTable(props: { head: ComponentChildren; children: ComponentChildren }) {
  return (
    <table class="min-w-full text-sm">
      <thead class="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
        <tr>{props.head}</tr>
      </thead>
      <tbody class="divide-y divide-slate-100">{props.children}</tbody>
    </table>
  );
}

/** What a list's card says when the list is empty. */
export function EmptyList({ children }: { children: ComponentChildren }) {
  return (
    <p class="rounded-lg bg-white px-4 py-6 text-center text-sm text-slate-500 ring-1 ring-slate-200">
      {children}
    </p>
  );
}
