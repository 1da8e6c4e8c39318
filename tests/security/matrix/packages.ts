import { type MatrixPart, r } from "./types.ts";
import { getOwnPackage } from "@/lib/packages/packages.ts";
import { publish } from "@/lib/packages/publish.ts";
import { getAccount } from "@/lib/auth/accounts.ts";
import { pinnedKeysOf } from "@/lib/packages/signer_keys.ts";
import { bundleArchive, sessionActor } from "../../helpers/packages.ts";

const NAME = "matrix.skill";

/** The package registry API. Reads need packages:read, changes packages:publish. */
export const packages: MatrixPart = {
  rows: {
    //                                    anon owner other revoked expired noScope token
    // Another user's package is 404 like a missing one; an empty JSON body is 400 (or 415
    // where a bundle upload is expected) once the caller is allowed.
    "GET /v1/packages": r(401, 200, 200, 401, 401, 403, 200),
    "POST /v1/packages": r(401, 400, 400, 401, 401, 403, 400),
    "GET /v1/packages/:package": r(401, 200, 404, 401, 401, 403, 200),
    "PATCH /v1/packages/:package": r(401, 200, 404, 401, 401, 403, 200),
    "GET /v1/packages/:package/versions": r(401, 200, 404, 401, 401, 403, 200),
    "POST /v1/packages/:package/versions": r(401, 415, 415, 401, 401, 403, 415),
    "GET /v1/packages/:package/versions/:version": r(401, 200, 404, 401, 401, 403, 200),
    "POST /v1/packages/:package/versions/:version/deprecate": r(401, 200, 404, 401, 401, 403, 200),
    "DELETE /v1/packages/:package/versions/:version/deprecate": r(
      401,
      200,
      404,
      401,
      401,
      403,
      200,
      {},
    ),
    "POST /v1/packages/:package/versions/:version/yank": r(401, 200, 404, 401, 401, 403, 200, {
      json: { reason: "matrix" },
    }),
    "DELETE /v1/packages/:package/versions/:version/yank": r(401, 200, 404, 401, 401, 403, 200),
    // A policy check reads its body first: an empty one is 400 for anyone allowed to ask.
    "POST /v1/packages/:package/versions/:version/check": r(401, 400, 400, 401, 401, 403, 400),
    // Signer keys: reading needs packages:read; changing them packages:keys (not publish). An
    // empty body is 400; retiring the only key is 409 (nothing changes).
    "GET /v1/packages/:package/keys": r(401, 200, 404, 401, 401, 403, 200),
    "POST /v1/packages/:package/keys": r(401, 400, 400, 401, 401, 403, 400),
    "DELETE /v1/packages/:package/keys/:fingerprint": r(401, 409, 404, 401, 401, 403, 409),
    "GET /v1/packages/:package/versions/:version/bundle": r(401, 200, 404, 401, 401, 403, 200),
    "GET /v1/packages/:package/versions/:version/artifact": r(401, 200, 404, 401, 401, 403, 200),
    // The same routes addressed by owner (olive's private package): reading is declared public,
    // since a public package is anyone's to read, so signed-out callers get the 404 of a
    // missing package; changing is declared like the unqualified routes.
    "GET /v1/packages/@:owner/:package": r(404, 200, 404, 404, 404, 200, 200),
    "PATCH /v1/packages/@:owner/:package": r(401, 200, 404, 401, 401, 403, 200),
    "GET /v1/packages/@:owner/:package/versions": r(404, 200, 404, 404, 404, 200, 200),
    "POST /v1/packages/@:owner/:package/versions": r(401, 415, 415, 401, 401, 403, 415),
    "GET /v1/packages/@:owner/:package/versions/:version": r(404, 200, 404, 404, 404, 200, 200),
    "POST /v1/packages/@:owner/:package/versions/:version/deprecate": r(
      401,
      200,
      404,
      401,
      401,
      403,
      200,
    ),
    "DELETE /v1/packages/@:owner/:package/versions/:version/deprecate": r(
      401,
      200,
      404,
      401,
      401,
      403,
      200,
    ),
    "GET /v1/packages/@:owner/:package/versions/:version/bundle": r(
      404,
      200,
      404,
      404,
      404,
      200,
      200,
    ),
    "GET /v1/packages/@:owner/:package/versions/:version/artifact": r(
      404,
      200,
      404,
      404,
      404,
      200,
      200,
    ),
    "GET /v1/packages/@:owner/:package/keys": r(404, 200, 404, 404, 404, 200, 200),
    "POST /v1/packages/@:owner/:package/keys": r(401, 400, 400, 401, 401, 403, 400),
    "DELETE /v1/packages/@:owner/:package/keys/:fingerprint": r(401, 409, 404, 401, 401, 403, 409),
    // Declared like reading the version; the empty body is refused before anything is loaded.
    "POST /v1/packages/@:owner/:package/versions/:version/check": r(
      400,
      400,
      400,
      400,
      400,
      400,
      400,
    ),
    "POST /v1/packages/@:owner/:package/versions/:version/yank": r(
      401,
      200,
      404,
      401,
      401,
      403,
      200,
      { json: { reason: "matrix" } },
    ),
    "DELETE /v1/packages/@:owner/:package/versions/:version/yank": r(
      401,
      200,
      404,
      401,
      401,
      403,
      200,
    ),
    // Transfer is session-only; an empty body has no destination (400) before anything loads.
    "POST /v1/packages/@:owner/:package/transfer": r(401, 400, 400, 401, 401, 403, 403),
    // Resolving is open to anyone for public packages; this private one reads as missing to
    // everyone but its owner (whose token, here, holds packages:read).
    "GET /v1/packages/@:owner/:package/resolve": r(404, 200, 404, 404, 404, 200, 200),
    // Verification and hashing need no account, as in the inactu control API.
    "POST /v1/verify/manifest": r(400, 400, 400, 400, 400, 400, 400),
    "POST /v1/verify/bundle": r(415, 415, 415, 415, 415, 415, 415),
    "POST /v1/hash/sha256": r(400, 400, 400, 400, 400, 400, 400),
  },
  // The owner's private package with one version, published once through the real flow.
  async params(app, owner) {
    const { db } = app.services;
    const account = (await getAccount(db, owner.userId))!;
    if (!await getOwnPackage(db, owner.ownerId, NAME)) {
      await publish(app.services, sessionActor(account), {
        upload: { kind: "archive", bytes: await bundleArchive(NAME, "1.0.0") },
      });
    }
    const pkg = (await getOwnPackage(db, owner.ownerId, NAME))!;
    const [key] = (await pinnedKeysOf(db, pkg.id)).keys;
    return { package: NAME, version: "1.0.0", fingerprint: key!.fingerprint, owner: "olive" };
  },
};
