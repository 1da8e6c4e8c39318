// What an import did: counts per kind of item, and one line per item not kept as it was.

export type Kind = "user" | "package" | "version" | "line";
export type Outcome = "imported" | "unchanged" | "refused";

export interface ReportItem {
  line: number;
  kind: Kind;
  /** The item in the old data's terms: an email, a package name, name@version. */
  item: string;
  outcome: Outcome | "changed";
  reason: string;
}

export interface ImportReport {
  dryRun: boolean;
  counts: Record<Kind, Record<Outcome, number>>;
  items: ReportItem[];
}

export function emptyReport(dryRun: boolean): ImportReport {
  const zero = () => ({ imported: 0, unchanged: 0, refused: 0 });
  return {
    dryRun,
    counts: { user: zero(), package: zero(), version: zero(), line: zero() },
    items: [],
  };
}

/** Counts an outcome; refusals and notes get a line with their reason. */
export function record(
  report: ImportReport,
  entry: { line: number; kind: Kind; item: string; outcome: Outcome; reason?: string },
): void {
  report.counts[entry.kind][entry.outcome]++;
  if (entry.outcome === "refused") report.items.push({ ...entry, reason: entry.reason ?? "" });
}

/** A kept item that was changed on the way in (a handle that had to differ, for example). */
export function note(
  report: ImportReport,
  entry: { line: number; kind: Kind; item: string; reason: string },
): void {
  report.items.push({ ...entry, outcome: "changed" });
}

/** The report as text, one line per count and per item. */
export function formatReport(report: ImportReport): string {
  const head = report.dryRun ? ["dry run: nothing was written"] : [];
  const counts = (["user", "package", "version"] as const).map((k) => {
    const c = report.counts[k];
    return `${k}s: ${c.imported} imported, ${c.unchanged} unchanged, ${c.refused} not kept`;
  });
  const bad = report.counts.line.refused;
  const lines = report.items.map((x) =>
    x.kind === "line"
      ? `line ${x.line}: unreadable: ${x.reason}`
      : `line ${x.line} ${x.kind} ${x.item}: ${
        x.outcome === "changed" ? "changed" : "not kept"
      }: ${x.reason}`
  );
  return [...head, ...counts, ...(bad ? [`unreadable lines: ${bad}`] : []), ...lines].join("\n");
}
