// Request bodies for registering a context and changing its status: unknown fields are
// refused (docs/security.md A3, no mass assignment); the messages are the existing API's.
import { z } from "zod";
import { checkText } from "../logs/text.ts";
import { type ContextStatus, isStatus, STATUS_MESSAGE } from "./contexts.ts";

export const MAX_REGION_CHARS = 128;

// Every field is optional here so that a missing one gets the field's own message below.
// The details (name, labels, runtime) are checked by ContextDetails (details.ts).
const details = {
  name: z.unknown().optional(),
  labels: z.unknown().optional(),
  runtime_name: z.unknown().optional(),
  runtime_version: z.unknown().optional(),
  host: z.unknown().optional(),
};

export const CreateContextBody = z.strictObject({
  status: z.unknown().optional(),
  region: z.unknown().optional(),
  package: z.unknown().optional(),
  version: z.unknown().optional(),
  capability_policy: z.unknown().optional(),
  ...details,
});

export const PatchContextBody = z.strictObject({
  status: z.unknown().optional(),
  capability_policy: z.unknown().optional(),
  ...details,
});

export type Checked<T> = { value: T } | { error: string };

/** A trimmed, known status. */
export function checkStatus(input: unknown): Checked<ContextStatus> {
  const status = typeof input === "string" ? input.trim() : "";
  return isStatus(status) ? { value: status } : { error: STATUS_MESSAGE };
}

/** Status, region and the optional package link of a new context, in the existing order. */
export function checkCreate(body: z.infer<typeof CreateContextBody>): Checked<{
  status: ContextStatus;
  region: string;
  link: { name: string; version: string } | null;
}> {
  const status = checkStatus(body.status);
  if ("error" in status) return status;
  const region = checkText("region", body.region, { max: MAX_REGION_CHARS, required: true });
  if ("error" in region) return region;
  const name = typeof body.package === "string" ? body.package.trim() : body.package;
  const version = typeof body.version === "string" ? body.version.trim() : body.version;
  const absent = (v: unknown) => v === undefined || v === null;
  if (absent(name) && absent(version)) {
    return { value: { status: status.value, region: region.value!, link: null } };
  }
  if (typeof name !== "string" || typeof version !== "string" || !name || !version) {
    return { error: "package and version must either both be set or both be omitted" };
  }
  return { value: { status: status.value, region: region.value!, link: { name, version } } };
}
