import { z } from "zod";

// Control characters (other than tab and line breaks in the readme) have no business in
// metadata.
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LINE_CONTROL = /\p{Cc}/u;

const httpsUrl = (field: string) =>
  z.string().trim().max(2048, `${field} must be at most 2048 characters`).refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "https:" && !u.username && !u.password;
    } catch {
      return false;
    }
  }, `${field} must be an https:// URL, such as https://github.com/you/skill`);

export const MAX_TAGS = 10;
export const MAX_DEPRECATION_MESSAGE = 500;

/** Why a version or package is deprecated: trimmed, at most 500 characters. */
export const DeprecationMessage = z.string()
  .trim()
  .max(
    MAX_DEPRECATION_MESSAGE,
    `must be at most ${MAX_DEPRECATION_MESSAGE} characters, such as "Use 1.2.1: fixes a crash"`,
  );

/** A package's visibility, as every input names it. */
export const VisibilityInput = z.enum(
  ["private", "public"],
  "visibility must be 'private' or 'public'",
);
export const TAG_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;
export const README_MAX_BYTES = 64 * 1024;

/** Everything about a package an owner can change; every field optional, unknown ones refused. */
export const PackagePatch = z.strictObject({
  description: z.string().trim().max(2048, "description must be at most 2048 characters")
    .refine((v) => !LINE_CONTROL.test(v), "description must not contain control characters")
    .nullable().optional(),
  tags: z.array(
    z.string().trim().toLowerCase().regex(
      TAG_PATTERN,
      "each tag must be 1 to 32 lowercase letters, digits or hyphens, starting with a letter or digit",
    ),
  ).max(MAX_TAGS, `at most ${MAX_TAGS} tags`).optional(),
  readme: z.string()
    .refine(
      (v) => new TextEncoder().encode(v).byteLength <= README_MAX_BYTES,
      "readme must be at most 64 KiB",
    )
    .refine((v) => !CONTROL.test(v), "readme must not contain control characters")
    .nullable().optional(),
  homepage: httpsUrl("homepage").nullable().optional(),
  repository: httpsUrl("repository").nullable().optional(),
  visibility: VisibilityInput.optional(),
  /** A deprecation message to deprecate the package, or null to undo it. */
  deprecated: DeprecationMessage.min(1, "say why it is deprecated, such as what to use instead")
    .nullable().optional(),
  unlisted: z.boolean().optional(),
  archived: z.boolean().optional(),
});
export type PackagePatch = z.infer<typeof PackagePatch>;

/** A new package's fields, as POST /v1/packages takes them (the name is checked by the command). */
export const NewPackage = z.strictObject({
  name: z.string().trim(),
  visibility: VisibilityInput.nullable().optional(),
  description: PackagePatch.shape.description,
});

/** Normalizes an empty string to null, the way forms send "nothing". */
export function blankToNull(value: string | null | undefined): string | null | undefined {
  return value === undefined ? undefined : value === null || value.trim() === "" ? null : value;
}
