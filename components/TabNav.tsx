import { ui } from "./styles.ts";

export interface Tab {
  href: string;
  label: string;
  current: boolean;
}

/** A row of tabs linking the pages of one section; the current one is marked for screen readers. */
export function TabNav({ label, tabs }: { label: string; tabs: Tab[] }) {
  return (
    <nav aria-label={label} class="flex gap-1 overflow-x-auto border-b border-slate-200 text-sm">
      {tabs.map((tab) => (
        <a
          href={tab.href}
          aria-current={tab.current ? "page" : undefined}
          class={`whitespace-nowrap border-b-2 px-3 py-2 font-medium ${ui.focus} ${
            tab.current
              ? "border-indigo-600 text-indigo-700"
              : "border-transparent text-slate-600 hover:text-slate-900 hover:border-slate-300"
          }`}
        >
          {tab.label}
        </a>
      ))}
    </nav>
  );
}
