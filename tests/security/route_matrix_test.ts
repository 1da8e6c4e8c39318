// docs/security.md, "Authorization": every route in the route table, with every kind of
// caller, answers the status recorded here, and a denied request (401, 403, 404) changes
// nothing. A route without a row fails this test, so a new route cannot skip the review.
// What the credential columns must say follows from each route's access declaration
// (lib/http/access.ts): the rows are checked against it, and the token without the scope
// lacks exactly the scope the declaration names. A route that takes a staged upload (a row
// with `upload`) is also called by the owner with another account's upload (staged_uploads.ts).
import { createTestApp } from "../helpers/app.ts";
import { checkMatrix, PARTS } from "./matrix/check.ts";

Deno.test("every route answers every kind of caller as recorded, and denied requests change nothing", async () => {
  await using app = await createTestApp();
  await checkMatrix(app, PARTS);
});
