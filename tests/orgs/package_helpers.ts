// Steps shared by the tests of organization-owned packages: publishing through the
// owner-qualified API and giving a member a team's grant on a package.
import { assert } from "../helpers/assert.ts";
import type { TestApp } from "../helpers/app.ts";
import type { TestUser } from "../helpers/accounts.ts";
import { bundleArchive, bundleForm } from "../helpers/packages.ts";
import { api } from "./helpers.ts";

/** POST /v1/packages/@{owner}/{name}/versions as the user's session (or a bearer token). */
export async function publishAt(
  app: TestApp,
  who: TestUser | { token: string },
  owner: string,
  name: string,
  version: string,
  fields: Record<string, string> = {},
): Promise<Response> {
  const auth: Record<string, string> = "token" in who
    ? { authorization: `Bearer ${who.token}` }
    : { cookie: who.cookie, origin: app.config.publicOrigin };
  return await app.request(`/v1/packages/@${owner}/${name}/versions`, {
    method: "POST",
    headers: auth,
    body: bundleForm(await bundleArchive(name, version), fields),
  });
}

/** Makes team `slug` in `org` (as `by`), puts `member` in it and grants it `permission` on `pkg`. */
export async function grantThroughTeam(
  app: TestApp,
  org: string,
  by: TestUser,
  member: TestUser,
  pkg: string,
  permission: "read" | "publish" | "admin",
  slug = `${permission}-team`,
): Promise<void> {
  const steps: [string, string, unknown][] = [
    ["POST", `/v1/orgs/${org}/teams`, { slug, name: slug }],
    ["PUT", `/v1/orgs/${org}/teams/${slug}/members/${member.handle}`, undefined],
    ["PUT", `/v1/orgs/${org}/teams/${slug}/packages/${pkg}`, { permission }],
  ];
  for (const [method, path, body] of steps) {
    const res = await api(app, by, method, path, body);
    assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${await res.text()}`);
  }
}
