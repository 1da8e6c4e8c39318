import { type MatrixPart, r } from "./types.ts";
import { getOwnPackage } from "@/lib/packages/packages.ts";
import { publish } from "@/lib/packages/publish.ts";
import { getAccount } from "@/lib/auth/accounts.ts";
import { bundleArchive, sessionActor } from "../../helpers/packages.ts";

// A public package of the owner: its owner pages are still the owner's alone.
const NAME = "matrix.public";

/**
 * The package pages. The owner's pages behave like the rest of (app): signed-out callers are
 * sent to sign in (303); another user's package is 404 like a missing one; a bearer token
 * needs packages:read to look and packages:publish to change. The changes posted here are
 * no-ops for the owner (relist a listed package, make a public one public), so they reach the
 * mutation without disturbing later rows. Public pages answer everyone alike.
 */
export const packagePages: MatrixPart = {
  rows: {
    //                                    anon owner other revoked expired noScope token
    "GET /packages": r(303, 200, 200, 303, 303, 403, 403),
    "GET /packages/new": r(303, 200, 200, 303, 303, 403, 403),
    // An empty urlencoded form is not an upload: the form again, 415.
    "POST /packages/new": r(303, 415, 415, 303, 303, 403, 403),
    // Without ?upload= there is nothing to review; another account's upload is a missing one.
    "GET /packages/new/review": r(303, 400, 400, 303, 303, 403, 403, { upload: "upload" }),
    "POST /packages/new/review": r(303, 400, 400, 303, 303, 403, 403, { upload: "upload" }),
    "GET /packages/:name": r(303, 200, 404, 303, 303, 403, 403),
    "POST /packages/:name": r(303, 303, 404, 303, 303, 403, 403, {
      form: "action=undeprecate_version&version=1.0.0",
    }),
    "GET /packages/:name/settings": r(303, 200, 404, 303, 303, 403, 403),
    "POST /packages/:name/settings": r(303, 303, 404, 303, 303, 403, 403, {
      form: "action=relist",
    }),
    "GET /packages/:name/visibility": r(303, 200, 404, 303, 303, 403, 403),
    "POST /packages/:name/visibility": r(303, 303, 404, 303, 303, 403, 403, {
      form: "visibility=public",
    }),
    // Signer keys: an empty form is refused (400) for the owner, 404 for anyone else.
    "GET /packages/:name/keys": r(303, 200, 404, 303, 303, 403, 403),
    "POST /packages/:name/keys": r(303, 400, 404, 303, 303, 403, 403, { form: "action=add" }),
    // Version pages; a POST checks a pasted policy (an empty one is 400), nothing changes.
    "GET /packages/:name/versions/:version": r(303, 200, 404, 303, 303, 403, 403),
    "POST /packages/:name/versions/:version": r(303, 400, 404, 303, 303, 403, 403),
    "GET /@:handle/:name/versions/:version": r(200, 200, 200, 200, 200, 403, 403),
    "POST /@:handle/:name/versions/:version": r(400, 400, 400, 400, 400, 403, 403),
    "GET /@:handle": r(200, 200, 200, 200, 200, 403, 403),
    "GET /@:handle/:name": r(200, 200, 200, 200, 200, 403, 403),
    "GET /@:handle/:name/versions/:version/bundle": r(200, 200, 200, 200, 200, 200, 200),
    "GET /@:handle/:name/versions/:version/artifact": r(200, 200, 200, 200, 200, 200, 200),
    "GET /explore": r(200, 200, 200, 200, 200, 403, 403),
  },
  async params(app, owner) {
    const { db } = app.services;
    const account = (await getAccount(db, owner.userId))!;
    if (!await getOwnPackage(db, owner.ownerId, NAME)) {
      await publish(app.services, sessionActor(account), {
        upload: { kind: "archive", bytes: await bundleArchive(NAME, "1.0.0") },
        visibility: "public",
      });
    }
    return { name: NAME, handle: account.handle, version: "1.0.0" };
  },
};
