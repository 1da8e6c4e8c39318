// The JSON-lines export of the old inactu control database (docs/import.md): one object per
// line, named as the old tables and API name their fields. Unknown fields are ignored (an
// export may carry more than we use, such as NextAuth's password hash, which we never keep).
import { z } from "zod";
import { fieldIssues } from "../validation.ts";

const Timestamp = z.string().refine((v) => !Number.isNaN(Date.parse(v)), {
  message: "must be a date and time, such as 2026-02-06T12:30:00Z",
}).transform((v) => new Date(v));

export const UserLine = z.object({
  type: z.literal("user"),
  id: z.string().min(1),
  email: z.string().trim().email("must be an email address"),
  email_verified_at: Timestamp.nullable().optional(),
  username: z.string().nullable().optional(),
  name: z.string().nullable().optional(),
});

export const PackageLine = z.object({
  type: z.literal("package"),
  id: z.string().min(1),
  owner_user_id: z.string().min(1),
  name: z.string(),
  visibility: z.enum(["private", "public"]).nullable().optional(),
  description: z.string().nullable().optional(),
  deprecated_at: Timestamp.nullable().optional(),
  deprecation_message: z.string().nullable().optional(),
});

export const VersionLine = z.object({
  type: z.literal("version"),
  package_id: z.string().min(1),
  version: z.string().min(1),
  artifact_digest: z.string().optional(),
  deprecated_at: Timestamp.nullable().optional(),
  /** Our extension: the signed bundle archive (.tar.gz, .tar.zst or .tar), base64. */
  bundle: z.string().nullable().optional(),
});

export type UserLine = z.infer<typeof UserLine>;
export type PackageLine = z.infer<typeof PackageLine>;
export type VersionLine = z.infer<typeof VersionLine>;

const Line = z.discriminatedUnion("type", [UserLine, PackageLine, VersionLine], {
  error: 'type must be "user", "package" or "version"',
});

export interface ParsedExport {
  users: (UserLine & { line: number })[];
  packages: (PackageLine & { line: number })[];
  versions: (VersionLine & { line: number })[];
  /** Lines that could not be read, with what was wrong. */
  unreadable: { line: number; reason: string }[];
}

/** Reads an export; blank lines are skipped, a bad line is reported and the rest still read. */
export function parseExport(text: string): ParsedExport {
  const out: ParsedExport = { users: [], packages: [], versions: [], unreadable: [] };
  text.split("\n").forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return out.unreadable.push({ line, reason: "not valid JSON" });
    }
    const parsed = Line.safeParse(value);
    if (!parsed.success) {
      const reason = fieldIssues(parsed.error).map((x) => x.message).join("; ");
      return out.unreadable.push({ line, reason });
    }
    const item = parsed.data;
    if (item.type === "user") out.users.push({ ...item, line });
    else if (item.type === "package") out.packages.push({ ...item, line });
    else out.versions.push({ ...item, line });
  });
  return out;
}
