// The matrix's extra caller for routes that take a staged upload (a row's `upload` option):
// the owner naming an upload that another account staged. Knowing a digest must not reach
// someone else's bytes, so the answer must equal the one for an upload that does not exist,
// and nothing may change.
import type { TestApp } from "../helpers/app.ts";
import type { Person } from "./callers.ts";
import { snapshot } from "./callers.ts";
import type { Row } from "./matrix/types.ts";
import { getAccount } from "@/lib/auth/accounts.ts";
import { stageUpload } from "@/lib/packages/staging.ts";
import { bundleArchive, sessionActor } from "../helpers/packages.ts";

const MISSING = `sha256:${"0".repeat(64)}`;
const staged = new WeakMap<TestApp, Promise<string>>();

/** An upload staged by `other` (once per app), as the review URL names it. */
function stagedBy(app: TestApp, other: Person): Promise<string> {
  let digest = staged.get(app);
  if (!digest) staged.set(app, digest = stage(app, other));
  return digest;
}

async function stage(app: TestApp, other: Person): Promise<string> {
  const account = (await getAccount(app.services.db, other.userId))!;
  const archive = await bundleArchive("mallory.staged-secret", "6.6.6");
  const actor = sessionActor(account);
  return (await stageUpload(app.services, actor, { kind: "archive", bytes: archive })).digest;
}

async function answer(
  app: TestApp,
  method: string,
  path: string,
  row: Row,
  headers: Record<string, string>,
  digest: string,
) {
  const url = `${path}${path.includes("?") ? "&" : "?"}${row.upload}=${encodeURIComponent(digest)}`;
  const post = method !== "GET" && method !== "DELETE";
  const res = await app.request(url, {
    method,
    headers: post ? { ...headers, "content-type": "application/x-www-form-urlencoded" } : headers,
    body: post ? row.form ?? "" : undefined,
  });
  // Masked: what differs per request (nonces) and the digest itself, which the page echoes.
  const body = (await res.text()).replaceAll(/nonce="[^"]*"/g, 'nonce=""')
    .replaceAll(encodeURIComponent(digest), "DIGEST").replaceAll(digest, "DIGEST");
  return { status: res.status, body };
}

/** Problems found when the owner names another account's staged upload on this route. */
export async function checkOthersUpload(
  app: TestApp,
  input: { key: string; method: string; path: string; row: Row; other: Person },
  ownerHeaders: Record<string, string>,
): Promise<string[]> {
  const { key, method, path, row } = input;
  if (!row.upload) return [];
  const digest = await stagedBy(app, input.other);
  const before = await snapshot(app);
  const theirs = await answer(app, method, path, row, ownerHeaders, digest);
  const changed = await snapshot(app) !== before;
  const missing = await answer(app, method, path, row, ownerHeaders, MISSING);
  const problems: string[] = [];
  // Without this the comparison could pass with both refused for some other reason.
  if (missing.status !== 404) {
    problems.push(`${key} as owner with a missing upload answered ${missing.status}, not 404`);
  }
  if (theirs.status !== missing.status || theirs.body !== missing.body) {
    problems.push(
      `${key} as owner with another account's staged upload answered ${theirs.status}, ` +
        `not exactly like a missing upload (${missing.status})`,
    );
  }
  if (changed) {
    problems.push(`${key} as owner with another account's staged upload changed the database`);
  }
  if (theirs.body.includes("mallory.staged-secret")) {
    problems.push(`${key} as owner showed what another account staged`);
  }
  return problems;
}
