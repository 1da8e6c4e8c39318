// deno task import (docs/import.md): users, then packages, then versions, whatever the order of
// the lines, each kept or reported with its reason. Running it again changes nothing: every
// item is looked up first and counted "unchanged" when it is already there.
import type { Services } from "../services.ts";
import type { Account } from "../auth/accounts.ts";
import { normalizeEmail } from "../auth/accounts.ts";
import { parseExport } from "./format.ts";
import { importUser } from "./accounts.ts";
import { importPackage, importVersion } from "./packages.ts";
import { emptyReport, type ImportReport, note, record } from "./report.ts";

/** Applies an export (JSON lines) to the database; with `dryRun`, only says what it would do. */
export async function importExport(
  s: Services,
  text: string,
  options: { dryRun?: boolean } = {},
): Promise<ImportReport> {
  const dryRun = options.dryRun ?? false;
  const report = emptyReport(dryRun);
  const parsed = parseExport(text);
  for (const bad of parsed.unreadable) {
    record(report, { ...bad, kind: "line", item: "", outcome: "refused" });
  }

  const accounts = new Map<string, Account>();
  const refusedUsers = new Map<string, string>();
  const emails = new Map<string, number>();
  const claimed = new Set<string>();
  for (const user of parsed.users) {
    const item = user.email;
    const email = normalizeEmail(user.email);
    const first = emails.get(email);
    const dupe = first ?? (accounts.has(user.id) || refusedUsers.has(user.id) ? 0 : undefined);
    if (dupe !== undefined) {
      const reason = first ? `the same email as line ${first}` : `the same id as an earlier user`;
      record(report, { line: user.line, kind: "user", item, outcome: "refused", reason });
      if (!accounts.has(user.id)) refusedUsers.set(user.id, reason);
      continue;
    }
    emails.set(email, user.line);
    const result = await importUser(s, user, { dryRun, claimed });
    if (result.outcome === "refused") refusedUsers.set(user.id, result.reason);
    else accounts.set(user.id, result.account);
    record(report, { line: user.line, kind: "user", item, ...result });
    if ("note" in result && result.note) {
      note(report, { line: user.line, kind: "user", item, reason: result.note });
    }
  }

  const packages = new Map<string, { owner: Account; name: string }>();
  for (const pkg of parsed.packages) {
    const owner = accounts.get(pkg.owner_user_id);
    const base = { line: pkg.line, kind: "package" as const, item: pkg.name };
    if (!owner || packages.has(pkg.id)) {
      const reason = packages.has(pkg.id)
        ? "the same id as an earlier package"
        : refusedUsers.has(pkg.owner_user_id)
        ? "its owner was not imported (see the owner's line)"
        : `its owner ${pkg.owner_user_id} is not in the export`;
      record(report, { ...base, outcome: "refused", reason });
      continue;
    }
    const result = await importPackage(s, owner, pkg, dryRun);
    if (result.outcome !== "refused") packages.set(pkg.id, { owner, name: pkg.name });
    record(report, { ...base, ...result });
    if ("note" in result && result.note) note(report, { ...base, reason: result.note });
  }

  const known = new Set(parsed.packages.map((p) => p.id));
  for (const version of parsed.versions) {
    const pkg = packages.get(version.package_id);
    const name = parsed.packages.find((p) => p.id === version.package_id)?.name ?? "?";
    const base = {
      line: version.line,
      kind: "version" as const,
      item: `${name}@${version.version}`,
    };
    if (!pkg) {
      const reason = known.has(version.package_id)
        ? "its package was not imported (see the package's line)"
        : `its package ${version.package_id} is not in the export`;
      record(report, { ...base, outcome: "refused", reason });
      continue;
    }
    const result = await importVersion(s, pkg.owner, pkg.name, version, dryRun);
    record(report, { ...base, ...result });
  }
  return report;
}
