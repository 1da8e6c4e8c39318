// Log severities. Stored as an integer level (0..3) so that "warn and above" is a range.

export const SEVERITIES = ["debug", "info", "warn", "error"] as const;
export type Severity = typeof SEVERITIES[number];

/** The compatible validation message (docs/compat/inactu-control-api.md §2.6). */
export const SEVERITY_MESSAGE = "severity must be one of: debug, info, warn, error";

export function levelOf(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function severityOf(level: number): Severity {
  return SEVERITIES[level] ?? "error";
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}
