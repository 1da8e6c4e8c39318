// What people and runtimes say about a context besides its status: a name, `key=value`
// labels, and the runtime it runs on. One schema for registration and PATCH (the API and the
// context page's form); every bound has its own message naming what is allowed.
import { z } from "zod";
import { checkText } from "../logs/text.ts";
import { invalid } from "../errors.ts";

export const MAX_NAME_CHARS = 128;
export const MAX_LABELS = 16;
export const MAX_LABEL_KEY_CHARS = 63;
export const MAX_LABEL_VALUE_CHARS = 128;
export const MAX_RUNTIME_CHARS = 64;
export const MAX_HOST_CHARS = 255;

// Label keys and values as Kubernetes-style labels, plus ":" "@" "+" in values (versions,
// URNs, instance ids); no spaces, commas or "=", so `key=value,key=value` always splits back.
const LABEL_KEY = /^[A-Za-z0-9](?:[A-Za-z0-9._/-]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^[A-Za-z0-9._:/@+-]+$/;
export const LABEL_KEY_RULE =
  `must be 1 to ${MAX_LABEL_KEY_CHARS} letters, digits, ".", "_", "-" or "/", starting and ending with a letter or digit`;
export const LABEL_VALUE_RULE =
  `must be 1 to ${MAX_LABEL_VALUE_CHARS} letters, digits or any of . _ - : / @ +`;

export type Labels = Record<string, string>;

/** The problem with one label, worded after "labels: ", or null. */
export function labelProblem(key: string, value: unknown): string | null {
  if (key.length > MAX_LABEL_KEY_CHARS || !LABEL_KEY.test(key)) {
    return `key ${JSON.stringify(key)} ${LABEL_KEY_RULE}`;
  }
  if (typeof value !== "string") return `the value of ${key} must be a string`;
  if (value.length > MAX_LABEL_VALUE_CHARS || !LABEL_VALUE.test(value)) {
    return `the value of ${key} ${LABEL_VALUE_RULE}`;
  }
  return null;
}

const LabelsInput = z.record(z.string(), z.unknown(), "must be an object of key: value strings")
  .superRefine((labels, ctx) => {
    const keys = Object.keys(labels);
    if (keys.length > MAX_LABELS) {
      ctx.addIssue({
        code: "custom",
        message: `must be at most ${MAX_LABELS} labels; there are ${keys.length}`,
      });
      return;
    }
    for (const key of keys) {
      const problem = labelProblem(key, labels[key]);
      if (problem) return void ctx.addIssue({ code: "custom", message: problem });
    }
  }).transform((labels) => labels as Labels);

/** An optional one-line text field: blank or null clears it, `undefined` leaves it alone. */
function textField(field: string, max: number) {
  return z.string("must be a string or null").transform((input, ctx) => {
    const checked = checkText(field, input, { max });
    if ("error" in checked) {
      ctx.addIssue({ code: "custom", message: checked.error.slice(field.length + 1) });
      return z.NEVER;
    }
    return checked.value;
  }).nullable().optional();
}

/** The details a registration or a change may carry; each absent field is left alone. */
export const ContextDetails = z.strictObject({
  name: textField("name", MAX_NAME_CHARS),
  labels: LabelsInput.nullable().optional(),
  runtime_name: textField("runtime_name", MAX_RUNTIME_CHARS),
  runtime_version: textField("runtime_version", MAX_RUNTIME_CHARS),
  host: textField("host", MAX_HOST_CHARS),
});
export type ContextDetailsInput = z.infer<typeof ContextDetails>;
export const DETAIL_FIELDS = ["name", "labels", "runtime_name", "runtime_version", "host"] as const;

/** The details as stored: null for every field not given or cleared. */
export interface StoredDetails {
  name: string | null;
  labels: Labels | null;
  runtimeName: string | null;
  runtimeVersion: string | null;
  host: string | null;
}

/** The columns a parsed input sets (only the fields it names; `{}` and null clear labels). */
export function detailColumns(input: ContextDetailsInput): Partial<StoredDetails> {
  const out: Partial<StoredDetails> = {};
  if (input.name !== undefined) out.name = input.name;
  if (input.labels !== undefined) {
    out.labels = input.labels && Object.keys(input.labels).length ? sortLabels(input.labels) : null;
  }
  if (input.runtime_name !== undefined) out.runtimeName = input.runtime_name;
  if (input.runtime_version !== undefined) out.runtimeVersion = input.runtime_version;
  if (input.host !== undefined) out.host = input.host;
  return out;
}

function sortLabels(labels: Labels): Labels {
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a < b ? -1 : 1));
}

/**
 * `env=prod, team=core` (commas or newlines between labels) as an object; how the form and
 * the list's `label` filter write them. Blank text is no labels.
 */
export function parseLabelText(text: string, field = "labels"): Labels {
  const entries: [string, string][] = [];
  for (const part of text.split(/[,\n]/).map((p) => p.trim()).filter(Boolean)) {
    const at = part.indexOf("=");
    if (at <= 0) {
      throw invalid(field, `${field}: ${JSON.stringify(part)} is not key=value, such as env=prod`);
    }
    const key = part.slice(0, at).trim();
    if (entries.some(([k]) => k === key)) {
      throw invalid(field, `${field}: the key ${key} is given twice`);
    }
    entries.push([key, part.slice(at + 1).trim()]);
  }
  // fromEntries defines own properties, so a key such as __proto__ reaches the key rule.
  return Object.fromEntries(entries);
}

/** The details an audit event records: the fields that are set, under their API names. */
export function auditDetails(details: Partial<StoredDetails>): Record<string, unknown> {
  const names = {
    name: "name",
    labels: "labels",
    runtimeName: "runtime_name",
    runtimeVersion: "runtime_version",
    host: "host",
  } as const;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (value !== null && value !== undefined) out[names[key as keyof StoredDetails]] = value;
  }
  return out;
}

/** Labels written back as the form shows them. */
export function labelText(labels: Labels | null): string {
  return Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`).join(", ");
}

/** A list filter: contexts having every label; a null value matches any value of the key. */
export type LabelFilter = [key: string, value: string | null][];

/** `env=prod,team` (the list's `label` parameter) as a filter, or the problem with it. */
export function parseLabelFilter(text: string): LabelFilter | string {
  const parts = text.split(",").map((p) => p.trim()).filter(Boolean);
  if (parts.length > MAX_LABELS) return `must name at most ${MAX_LABELS} labels`;
  const filter: LabelFilter = [];
  for (const part of parts) {
    const at = part.indexOf("=");
    const key = at < 0 ? part : part.slice(0, at).trim();
    const value = at < 0 ? null : part.slice(at + 1).trim();
    const problem = labelProblem(key, value ?? "any");
    if (problem) return `${problem} (write key=value or key, separated by commas)`;
    filter.push([key, value]);
  }
  return filter;
}
