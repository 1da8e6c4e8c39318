import { TabNav } from "./TabNav.tsx";

const ITEMS = [
  { href: "/settings", label: "Account" },
  { href: "/settings/sessions", label: "Sessions" },
  { href: "/settings/tokens", label: "API tokens" },
  { href: "/settings/audit", label: "Audit log" },
];

/** The tabs of the settings section. */
export function SettingsNav({ path }: { path: string }) {
  return <TabNav label="Settings" tabs={ITEMS.map((i) => ({ ...i, current: path === i.href }))} />;
}
