import { TabNav } from "@/components/TabNav.tsx";

/** The /logs section's tabs: the search and the alerts. */
export function LogsTabs({ path }: { path: string }) {
  return (
    <TabNav
      label="Logs"
      tabs={[
        { href: "/logs", label: "Search", current: path === "/logs" },
        { href: "/logs/alerts", label: "Alerts", current: path.startsWith("/logs/alerts") },
      ]}
    />
  );
}
