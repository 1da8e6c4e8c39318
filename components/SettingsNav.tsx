const ITEMS = [
  { href: "/settings", label: "Account" },
  { href: "/settings/sessions", label: "Sessions" },
  { href: "/settings/tokens", label: "API tokens" },
  { href: "/settings/audit", label: "Audit log" },
];

/** The tabs of the settings section. */
export function SettingsNav({ path }: { path: string }) {
  return (
    <nav aria-label="Settings" class="flex gap-1 overflow-x-auto border-b border-slate-200 text-sm">
      {ITEMS.map((item) => {
        const current = path === item.href;
        return (
          <a
            href={item.href}
            aria-current={current ? "page" : undefined}
            class={`whitespace-nowrap border-b-2 px-3 py-2 font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600 ${
              current
                ? "border-indigo-600 text-indigo-700"
                : "border-transparent text-slate-600 hover:text-slate-900 hover:border-slate-300"
            }`}
          >
            {item.label}
          </a>
        );
      })}
    </nav>
  );
}
