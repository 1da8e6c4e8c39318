// Parity of the package commands: the settings form, the visibility page and the publish
// review against PATCH /v1/packages/{p} and POST /v1/packages/{p}/versions.
import { assert } from "../helpers/assert.ts";
import { asBrowser, type TestUser } from "../helpers/accounts.ts";
import type { TestApp } from "../helpers/app.ts";
import { bundleArchive, bundleForm, publishTestVersion } from "../helpers/packages.ts";
import { getOwnPackage } from "@/lib/packages/packages.ts";
import { listVersions } from "@/lib/packages/versions.ts";
import { sha256Digest } from "@/lib/artifacts/digest.ts";
import { assertParity, type Door, type ParityCase } from "./harness.ts";

const NAME = "parity.skill";
const ARCHIVED =
  `Package ${NAME} is archived and read-only; unarchive it first (in its settings, or send {"archived": false})`;

async function published(app: TestApp, user: TestUser) {
  await publishTestVersion(app, user, NAME, "1.0.0");
}

async function patched(app: TestApp, user: TestUser, body: unknown) {
  const res = await app.request(`/v1/packages/${NAME}`, {
    method: "PATCH",
    headers: asBrowser(app, user.cookie),
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, await res.text());
}

function after(...patches: unknown[]) {
  return async (app: TestApp, user: TestUser) => {
    await published(app, user);
    for (const p of patches) await patched(app, user, p);
  };
}

async function packageState(app: TestApp, user: TestUser) {
  const p = await getOwnPackage(app.services.db, user.ownerId, NAME);
  if (!p) return null;
  return {
    description: p.description,
    tags: p.tags,
    homepage: p.homepage,
    visibility: p.visibility,
    deprecated: p.deprecationMessage,
    unlisted: !!p.unlistedAt,
    archived: !!p.archivedAt,
    versions: (await listVersions(app.services.db, p.id)).map((v) => v.version),
  };
}

const settings = (form: Record<string, string>): Door => ({
  method: "POST",
  path: `/packages/${NAME}/settings`,
  form,
});
const patch = (json: unknown): Door => ({ method: "PATCH", path: `/v1/packages/${NAME}`, json });

const METADATA = {
  description: "Reads files",
  tags: "files, io",
  readme: "",
  homepage: "https://example.com/read",
  repository: "",
};
const METADATA_JSON = {
  description: "Reads files",
  tags: ["files", "io"],
  readme: null,
  homepage: "https://example.com/read",
  repository: null,
};

/** A case per change: the settings form's action against the same PATCH. */
const CHANGES: [string, ParityCase["setup"], Door, Door, string][] = [
  [
    "metadata",
    published,
    settings({ action: "metadata", ...METADATA }),
    patch(METADATA_JSON),
    "package.update",
  ],
  [
    "deprecate",
    published,
    settings({ action: "deprecate", message: "Use next.skill" }),
    patch({ deprecated: "Use next.skill" }),
    "package.deprecate",
  ],
  [
    "undeprecate",
    after({ deprecated: "Use next.skill" }),
    settings({ action: "undeprecate" }),
    patch({ deprecated: null }),
    "package.undeprecate",
  ],
  [
    "unlist",
    published,
    settings({ action: "unlist" }),
    patch({ unlisted: true }),
    "package.unlist",
  ],
  [
    "relist",
    after({ unlisted: true }),
    settings({ action: "relist" }),
    patch({ unlisted: false }),
    "package.relist",
  ],
  [
    "archive",
    published,
    settings({ action: "archive" }),
    patch({ archived: true }),
    "package.archive",
  ],
  [
    "unarchive",
    after({ archived: true }),
    settings({ action: "unarchive" }),
    patch({ archived: false }),
    "package.unarchive",
  ],
  [
    "visibility",
    published,
    { method: "POST", path: `/packages/${NAME}/visibility`, form: { visibility: "public" } },
    patch({ visibility: "public" }),
    "package.visibility",
  ],
];

for (const [name, setup, form, api, audit] of CHANGES) {
  Deno.test(`${name}: the form and PATCH /v1/packages change the package the same way`, async () => {
    const outcome = await assertParity({ name, setup, form, api, effect: packageState });
    assert.deepEqual([outcome.status, outcome.audit], ["success", audit]);
  });
}

// Every change but unarchiving, on an archived package: refused with one message.
for (const [name, , form, api] of CHANGES.filter(([n]) => n !== "unarchive")) {
  Deno.test(`${name} of an archived package is refused at both doors with one message`, async () => {
    const outcome = await assertParity({
      name: `${name} archived`,
      setup: after({ archived: true }),
      form,
      api,
      effect: packageState,
    });
    assert.deepEqual([outcome.status, outcome.message], ["409", ARCHIVED]);
  });
}

Deno.test("invalid details are refused at both doors with one message, and nothing changes", async () => {
  const outcome = await assertParity({
    name: "invalid metadata",
    setup: published,
    form: settings({ action: "metadata", ...METADATA, homepage: "http://example.com" }),
    api: patch({ ...METADATA_JSON, homepage: "http://example.com" }),
    effect: packageState,
  });
  assert.equal(outcome.status, "400");
  assert.match(outcome.message ?? "", /^homepage: homepage must be an https:\/\/ URL/);
});

// Publishing: the review form's confirm (of a staged upload) against POST /versions.
const archive = await bundleArchive(NAME, "1.0.1");
const digest = await sha256Digest(archive);

function staged(setup: ParityCase["setup"]): ParityCase["setup"] {
  return async (app, user) => {
    await setup(app, user);
    const res = await app.request("/packages/new", {
      method: "POST",
      headers: asBrowser(app, user.cookie, false),
      body: bundleForm(archive),
    });
    assert.equal(res.status, 303, await res.text());
  };
}

const PUBLISH: Pick<ParityCase, "form" | "api"> = {
  form: { method: "POST", path: `/packages/new/review?upload=${digest}`, form: {} },
  api: {
    method: "POST",
    path: `/v1/packages/${NAME}/versions`,
    body: () => bundleForm(archive),
  },
};

Deno.test("publishing a version: the review form and POST /versions publish it the same way", async () => {
  const outcome = await assertParity({
    name: "publish",
    setup: staged(published),
    ...PUBLISH,
    effect: packageState,
  });
  assert.deepEqual([outcome.status, outcome.audit], ["success", "package.publish"]);
  assert.deepEqual((outcome.effect as { versions: string[] }).versions, ["1.0.1", "1.0.0"]);
});

Deno.test("publishing into an archived package is refused at both doors with one message", async () => {
  const outcome = await assertParity({
    name: "publish archived",
    setup: staged(after({ archived: true })),
    ...PUBLISH,
    effect: packageState,
  });
  assert.deepEqual([outcome.status, outcome.message], ["409", ARCHIVED]);
});
