// The pages of the site with real data behind them, for tests that visit every page: a user
// with a public and a private package, a context with logs, API tokens (one revoked), audit
// events, a staged upload, and live verify and reset links.
import type { TestApp } from "../helpers/app.ts";
import {
  asBrowser,
  createToken,
  createUser,
  postJson,
  tokenFromMail,
} from "../helpers/accounts.ts";
import { assert } from "../helpers/assert.ts";
import { bundleArchive, bundleForm, publishTestVersion } from "../helpers/packages.ts";
import { makeReceipt } from "@/lib/receipts/make.ts";

/** A page to visit: a name for failure messages and a URL path. */
export interface SitePage {
  route: string;
  path: string;
}

// Routes with a GET page that the visit leaves out, and why.
export const NOT_VISITED: Record<string, string> = {
  // Only in development with the console mailer; tests run with a capturing mailer.
  "/dev/mail": "development only",
};

export interface Site {
  cookie: string;
  /** Every page route's pattern mapped to the paths that show it with data. */
  pages: SitePage[];
}

/** Creates the data, and lists a path for every page route of the app. */
export async function buildSite(app: TestApp): Promise<Site> {
  const user = await createUser(app, { handle: "ada" });
  await publishTestVersion(app, user, "ada.public", "1.0.0", { visibility: "public" });
  const linked = await publishTestVersion(app, user, "ada.public", "1.1.0", {
    visibility: "public",
  });
  await publishTestVersion(app, user, "ada.private", "0.1.0");
  const readme = [
    "# ada.public",
    "",
    "```sh",
    `curl -fsSL https://example.com/install.sh | sh -s -- --with-a-very-long-option ${
      "x".repeat(80)
    }`,
    "```",
    "",
    "| option | default | meaning |",
    "| ------ | ------- | ------- |",
    `| ${"a_rather_long_option_name ".repeat(4)} | ${"0".repeat(40)} | what it does |`,
  ].join("\n");
  const details = await app.request("/v1/packages/ada.public", {
    method: "PATCH",
    headers: asBrowser(app, user.cookie),
    body: JSON.stringify({ description: "A public skill with a readme", readme }),
  });
  assert.equal(details.status, 200, await details.text());
  const token = await createToken(app, user, ["contexts:read", "contexts:write"], "runtime");
  const old = await createToken(app, user, ["packages:read"], "an old laptop with a long name");
  const tokens = await (await app.request("/v1/tokens", { headers: { cookie: user.cookie } }))
    .json();
  const oldId = tokens.tokens.find((t: { name: string }) => t.name.startsWith("an old")).id;
  assert.ok(old && oldId);
  const revoke = await app.request(`/v1/tokens/${oldId}`, {
    method: "DELETE",
    headers: asBrowser(app, user.cookie),
  });
  assert.ok(revoke.ok, await revoke.text());

  const api = (path: string, body: unknown) =>
    postJson(app, path, body, { authorization: `Bearer ${token}` }).then((r) => r.json());
  const { context } = await api("/v1/contexts", {
    status: "running",
    region: "eu-west",
    package: "ada.public",
    version: "1.1.0",
  });
  await api(
    `/v1/contexts/${context.id}/logs`,
    ["debug", "info", "warn", "error"].map((severity, i) => ({
      severity,
      message: `line ${i}: a rather long message that a phone has to wrap ${"x".repeat(120)}`,
      metadata_json: { request_id: `req-${i}`, path: "/v1/items" },
    })),
  );

  // Runs: one within the manifest, one with a long undeclared capability; and a policy.
  await api(`/v1/contexts/${context.id}/receipts`, [
    await makeReceipt({
      artifact: linked.artifact_digest,
      input: "a",
      output: "b",
      capsUsed: ["fs.read:/data/in.txt"],
      timestamp: 1_764_000_000,
    }),
    await makeReceipt({
      artifact: linked.artifact_digest,
      input: "c",
      output: "d",
      capsUsed: [`net:https://api.example.com/${"very-long-path/".repeat(8)}`, "env:HOME"],
      timestamp: 1_764_000_060,
    }),
  ]);
  const policy = await app.request(`/v1/contexts/${context.id}`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      capability_policy: {
        version: 1,
        trusted_signers: ["test-signer"],
        capability_ceiling: { fs: { read: ["/data"] } },
      },
    }),
  });
  assert.equal(policy.status, 200, await policy.text());
  const alert = await api("/v1/alerts", {
    name: "Errors in ada.public, a name long enough to wrap on a phone",
    query: "rather long",
    min_severity: "warn",
    threshold: 0,
    window_minutes: 60,
    webhook_url: "https://hooks.example.com/inactu/a/rather/long/path/for/a/webhook",
  });

  // A staged upload, for the review page.
  const staged = await app.request("/packages/new", {
    method: "POST",
    headers: asBrowser(app, user.cookie, false),
    body: bundleForm(await bundleArchive("ada.public", "2.0.0")),
  });
  assert.equal(staged.status, 303, await staged.text());
  const review = staged.headers.get("location")!;

  // Live links: an unverified account's verification and a password reset.
  const pending = await createUser(app, { verified: false });
  const verify = tokenFromMail(app, pending.email, "/verify");
  await postJson(app, "/v1/auth/password/forgot", { email: user.email });
  const reset = tokenFromMail(app, user.email, "/reset");

  const byRoute: Record<string, string[]> = {
    "/": ["/"],
    "/dashboard": ["/dashboard"],
    "/contexts": ["/contexts"],
    "/contexts/:context_id": [`/contexts/${context.id}`],
    "/contexts/:context_id/runs": [`/contexts/${context.id}/runs`],
    "/logs": ["/logs", "/logs?min_severity=warn&q=rather"],
    "/logs/alerts": ["/logs/alerts"],
    "/logs/alerts/new": ["/logs/alerts/new"],
    "/logs/alerts/:alert_id": [`/logs/alerts/${alert.id}`],
    "/packages": ["/packages"],
    "/packages/new": ["/packages/new"],
    "/packages/new/review": [review],
    "/packages/:name": ["/packages/ada.public", "/packages/ada.private"],
    "/packages/:name/settings": ["/packages/ada.public/settings"],
    "/packages/:name/visibility": ["/packages/ada.private/visibility?to=public"],
    "/packages/:name/keys": ["/packages/ada.public/keys"],
    "/packages/:name/versions/:version": ["/packages/ada.public/versions/1.1.0"],
    "/settings": ["/settings"],
    "/settings/audit": ["/settings/audit"],
    "/settings/sessions": ["/settings/sessions"],
    "/settings/tokens": ["/settings/tokens"],
    "/forgot": ["/forgot"],
    "/login": ["/login"],
    "/signup": ["/signup"],
    "/reset": [`/reset?token=${reset}`, "/reset?token=expired"],
    "/verify": [`/verify?token=${verify}`],
    "/verify/resend": ["/verify/resend"],
    "/explore": ["/explore", "/explore?q=ada"],
    "/docs/api": ["/docs/api", "/docs/api?q=packages"],
    "/@:handle": ["/@ada"],
    "/@:handle/:name": ["/@ada/ada.public", "/@ada/ada.private"],
    "/@:handle/:name/versions/:version": ["/@ada/ada.public/versions/1.0.0"],
  };
  const pages: SitePage[] = [];
  for (const route of app.routes) {
    if (!route.methods.includes("GET") || !route.file.endsWith(".tsx")) continue;
    if (route.pattern in NOT_VISITED) continue;
    const paths = byRoute[route.pattern];
    if (!paths) throw new Error(`no page fixture for ${route.pattern} (${route.file})`);
    for (const path of paths) pages.push({ route: route.pattern, path });
  }
  pages.push({ route: "404", path: "/no/such/page" });
  return { cookie: user.cookie, pages };
}
