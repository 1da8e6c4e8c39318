// Capability policies (spec/policy/policy.schema.json, policy.md) and the capability ceiling
// (spec/policy/capability-evaluation.md), for POST /v1/verify/manifest. Matching follows the
// reference verifier (provenact-cli core/verifier: parse_policy_document,
// enforce_capability_ceiling), so a policy allows here exactly what it allows at run time.
import { z } from "zod";
import { parse as parseYaml } from "yaml";
import { DomainError } from "../errors.ts";
import { JSON_BODY_LIMITS, jsonShapeProblem } from "../http/json_shape.ts";
import { expecting, nonEmptyText, parseDocument, record } from "./fields.ts";

function uniqueList<T extends z.ZodType>(item: T) {
  return z.array(item, expecting("an array")).refine(
    (items) => new Set(items).size === items.length,
    { error: "must not list an entry twice" },
  );
}

const absolutePath = z.string(expecting("a string")).regex(/^\//, {
  error: "must be an absolute path, such as /data",
});
const envName = z.string(expecting("a string")).regex(/^[A-Z_][A-Z0-9_]*$/, {
  error: "must be an environment variable name, such as HOME",
});
const netPrefix = z.string(expecting("a string")).refine((v) => allowedUrl(v) !== null, {
  error: "must be an absolute URL with a host, and no query, fragment or percent-encoded " +
    "bytes, such as https://api.example.com/v1",
});
const flag = z.boolean(expecting("true or false"));
const readWrite = (item: z.ZodType<string>) =>
  record({ read: uniqueList(item).optional(), write: uniqueList(item).optional() });

/** spec/policy/policy.schema.json, plus the reference verifier's checks. */
export const PolicyDocument = record({
  version: z.literal(1, expecting("1")),
  trusted_signers: uniqueList(nonEmptyText).refine((s) => s.length > 0, {
    error: "must name at least one signer",
  }),
  capability_ceiling: record({
    fs: readWrite(absolutePath).optional(),
    net: uniqueList(netPrefix).optional(),
    kv: readWrite(nonEmptyText).optional(),
    queue: record({
      publish: uniqueList(nonEmptyText).optional(),
      consume: uniqueList(nonEmptyText).optional(),
    }).optional(),
    env: uniqueList(envName).optional(),
    exec: flag.optional(),
    time: flag.optional(),
    random: flag.optional(),
  }),
});

export type Policy = z.infer<typeof PolicyDocument>;
export type Ceiling = Policy["capability_ceiling"];
export interface Capability {
  kind: string;
  value: string;
}

/**
 * Parses a policy given as JSON, or as a YAML (or JSON) document in a string, the form the
 * spec's policy files take. Throws DomainError "invalid policy: ...".
 */
export function parsePolicy(input: unknown): Policy {
  let value = input;
  if (typeof input === "string") {
    try {
      // YAML 1.2 core schema: plain JSON types only; repeated keys and alias bombs refused.
      value = parseYaml(input, { uniqueKeys: true, maxAliasCount: 100, schema: "core" });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
      throw new DomainError(
        "invalid",
        `invalid policy: the policy text is not valid YAML: ${reason}`,
      );
    }
    const problem = jsonShapeProblem(value, JSON_BODY_LIMITS);
    if (problem) throw new DomainError("invalid", `invalid policy: the policy ${problem}`);
  }
  return parseDocument(PolicyDocument, value, "policy");
}

/** The first capability the ceiling does not allow, with its index; null when all are allowed. */
export function firstDenied(
  capabilities: readonly Capability[],
  ceiling: Ceiling,
): { index: number; capability: Capability } | null {
  const index = capabilities.findIndex((c) => !isAllowed(c, ceiling));
  return index < 0 ? null : { index, capability: capabilities[index]! };
}

/**
 * Enforces a policy's ceiling on a manifest's capabilities: true when every one is allowed;
 * else DomainError "capability check failed: ..." (the existing API answers 400, never false).
 */
export function enforceCeiling(capabilities: readonly Capability[], policy: Policy): true {
  const denied = firstDenied(capabilities, policy.capability_ceiling);
  if (!denied) return true;
  const { index, capability } = denied;
  const message = `capability check failed: capability denied: capabilities[${index}] ` +
    `(${capability.kind} ${JSON.stringify(capability.value)}) is outside the policy's ` +
    "capability_ceiling";
  throw new DomainError("invalid", message, {
    issues: [{ field: `capabilities.${index}`, message }],
  });
}

/**
 * The ceiling that allows exactly `c` and what its scope holds (a path's subtree, a URL prefix),
 * for the kinds whose values are scopes; null for env names and the switches (exec, time,
 * random), which are only equal or not.
 */
export function scopeCeiling({ kind, value }: Capability): Ceiling | null {
  switch (kind) {
    case "fs.read":
      return { fs: { read: [value] } };
    case "fs.write":
      return { fs: { write: [value] } };
    case "net.http":
      return { net: [value] };
    case "kv.read":
      return { kv: { read: [value] } };
    case "kv.write":
      return { kv: { write: [value] } };
    case "queue.publish":
      return { queue: { publish: [value] } };
    case "queue.consume":
      return { queue: { consume: [value] } };
    default:
      return null;
  }
}

/** Whether one requested capability is within the ceiling; unknown kinds are denied. */
export function isAllowed({ kind, value }: Capability, ceiling: Ceiling): boolean {
  const listed = (items: string[] | undefined) =>
    value !== "" && (items ?? []).some((item) => item === "*" || item === value);
  switch (kind) {
    case "fs.read":
      return pathAllowed(value, ceiling.fs?.read);
    case "fs.write":
      return pathAllowed(value, ceiling.fs?.write);
    case "net.http":
      return (ceiling.net ?? []).some((prefix) => urlWithin(value, prefix));
    case "env":
      return (ceiling.env ?? []).includes(value);
    case "exec":
      return value === "true" && ceiling.exec === true;
    case "exec.safe":
      return value !== "" && ceiling.exec === true;
    case "time.now":
      return value !== "" && ceiling.time === true;
    case "random.bytes":
      return value !== "" && ceiling.random === true;
    case "kv.read":
      return listed(ceiling.kv?.read);
    case "kv.write":
      return listed(ceiling.kv?.write);
    case "queue.publish":
      return listed(ceiling.queue?.publish);
    case "queue.consume":
      return listed(ceiling.queue?.consume);
    default:
      return false;
  }
}

/** An absolute path with `.` and `..` refused and empty segments dropped; null if invalid. */
export function normalizePath(path: string): string | null {
  if (!path.startsWith("/")) return null;
  const segments = path.split("/").filter((s) => s !== "");
  if (segments.some((s) => s === "." || s === "..")) return null;
  return `/${segments.join("/")}`;
}

/** Within a prefix on a segment boundary: /tmp allows /tmp/a.txt, never /tmp2/a.txt. */
function within(path: string, prefix: string): boolean {
  return prefix === "/" || path === prefix || path.startsWith(`${prefix}/`);
}

function pathAllowed(value: string, prefixes: string[] | undefined): boolean {
  const path = normalizePath(value);
  if (path === null) return false;
  return (prefixes ?? []).some((p) => {
    const prefix = normalizePath(p);
    return prefix !== null && within(path, prefix);
  });
}

/** A URL with a host (data: and mailto: cannot be scoped) and a path free of encoded bytes. */
function scopedUrl(text: string): { url: URL; path: string } | null {
  if (!URL.canParse(text)) return null;
  const url = new URL(text);
  if (url.host === "" || url.hash !== "" || text.includes("#")) return null;
  // An encoded byte (%2f, %2e) could decode to a separator or a dot segment later.
  if (/%[0-9a-f]{2}/i.test(url.pathname) || url.pathname.includes("\\")) return null;
  const path = normalizePath(url.pathname || "/");
  return path === null ? null : { url, path };
}

/** A policy's net prefix: also without a query. */
function allowedUrl(text: string): { url: URL; path: string } | null {
  const scoped = scopedUrl(text);
  return scoped && scoped.url.search === "" && !text.includes("?") ? scoped : null;
}

/** Same scheme, host, effective port and credentials, and a path within the prefix's. */
function urlWithin(value: string, prefix: string): boolean {
  const requested = scopedUrl(value);
  const allowed = allowedUrl(prefix);
  if (!requested || !allowed) return false;
  const a = requested.url;
  const b = allowed.url;
  // WHATWG URLs drop a scheme's default port, so equal ports are equal effective ports.
  return a.protocol === b.protocol && a.hostname === b.hostname && a.port === b.port &&
    a.username === b.username && a.password === b.password && within(requested.path, allowed.path);
}
