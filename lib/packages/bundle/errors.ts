/** Stable machine codes for every way an upload or a bundle can be rejected. */
export type BundleErrorCode =
  // Archive transport (step 1)
  | "archive_format_unsupported"
  | "archive_too_large"
  | "archive_unpacked_too_large"
  | "archive_too_many_entries"
  | "archive_corrupt"
  | "archive_truncated"
  | "archive_trailing_data"
  | "archive_entry_type"
  | "archive_link"
  | "archive_extended_header"
  | "archive_path_absolute"
  | "archive_path_traversal"
  | "archive_path_invalid"
  | "archive_duplicate_name"
  | "archive_nested_folder"
  | "archive_layout"
  // Bundle files (step 1)
  | "file_unknown"
  | "file_missing"
  | "file_too_large"
  // Strict JSON (steps 2 and 7)
  | "json_invalid"
  | "json_duplicate_key"
  | "json_forbidden_key"
  | "json_too_deep"
  | "json_too_large"
  // Schemas (step 2; public keys at step 7)
  | "manifest_invalid"
  | "manifest_schema_version_unsupported"
  | "signatures_invalid"
  | "provenance_invalid"
  | "bundle_meta_invalid"
  // Digests (steps 3 to 5)
  | "signatures_artifact_mismatch"
  | "manifest_hash_mismatch"
  | "bundle_meta_mismatch"
  | "artifact_mismatch"
  | "wasm_invalid"
  // Experimental gate (step 6)
  | "experimental_manifest_disabled"
  // Keys and signatures (steps 7 and 8)
  | "public_keys_invalid"
  | "public_key_invalid"
  | "signatures_empty"
  | "signature_algorithm_unsupported"
  | "signature_duplicate_signer"
  | "signer_unknown"
  | "signature_malformed"
  | "signature_invalid"
  // Control-plane rules (step 9)
  | "signer_not_listed"
  | "name_invalid"
  | "name_mismatch"
  | "version_invalid"
  | "version_published"
  | "signer_key_not_pinned"
  // Policy documents (POST /v1/verify/manifest)
  | "policy_invalid"
  | "capability_ceiling_exceeded";

/** Where and why a bundle was rejected, in a shape that serializes to JSON as is. */
export interface BundleErrorInfo {
  code: BundleErrorCode;
  message: string;
  /** Step 1 to 9 of docs/bundle-format.md "Verification steps"; null outside them. */
  step: number | null;
  file: string | null;
  /** Path inside the file, such as `capabilities[0].kind`. */
  field: string | null;
  expected: string | null;
  found: string | null;
}

/** Optional context of a BundleError. */
export type BundleErrorDetails = Partial<Omit<BundleErrorInfo, "code" | "message">>;

/** A rejected upload or bundle: a stable code, the step, the file and field, expected versus found. */
export class BundleError extends Error {
  readonly code: BundleErrorCode;
  step: number | null;
  readonly file: string | null;
  readonly field: string | null;
  readonly expected: string | null;
  readonly found: string | null;

  constructor(code: BundleErrorCode, message: string, details: BundleErrorDetails = {}) {
    super(message);
    this.name = "BundleError";
    this.code = code;
    this.step = details.step ?? null;
    this.file = details.file ?? null;
    this.field = details.field ?? null;
    this.expected = details.expected ?? null;
    this.found = details.found ?? null;
  }

  /** The error as plain data, for reports and JSON responses. */
  toInfo(): BundleErrorInfo {
    const { code, message, step, file, field, expected, found } = this;
    return { code, message, step, file, field, expected, found };
  }
}

/** Formats a JSON path such as `["capabilities", 0, "kind"]` as `capabilities[0].kind`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(String(segment))) {
      out += out === "" ? String(segment) : `.${String(segment)}`;
    } else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

/** Describes an untrusted value for a message: short, quoted, never the whole input. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") {
    const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
    const suffix = value.length > 80 ? ` (${value.length} characters)` : "";
    return `${JSON.stringify(shown)}${suffix}`;
  }
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${value}`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return "an object";
}
