// The authorization matrix (route_matrix_test.ts) for the organization routes, which exist
// only with ORGS_ENABLED (off there).
import { createTestApp } from "../helpers/app.ts";
import { checkMatrix } from "./matrix/check.ts";
import { orgs } from "./matrix/orgs.ts";
import { ORGS_ON } from "../orgs/helpers.ts";

// With ORGS_ENABLED (off above, where these routes do not exist): the organization routes.
// The owner owns the organization; the other user is not a member of it.
Deno.test("with organizations on, every organization route answers every kind of caller as recorded", async () => {
  await using app = await createTestApp({ env: ORGS_ON });
  await checkMatrix(app, [orgs], (pattern) => /^\/(v1\/)?(orgs|invitations)(\/|$)/.test(pattern));
});
