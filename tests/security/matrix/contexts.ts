import { createContext } from "@/lib/contexts/contexts.ts";
import { type MatrixPart, r } from "./types.ts";

const read = {} as const;
const write = {} as const;

/** Contexts and logs: the pages, the API, the live tail and the export. */
export const contexts: MatrixPart = {
  rows: {
    //                                                anon owner other revoked expired noScope token
    // Pages: signed-out callers go to sign in; a token needs contexts:read; another user's
    // context is 404 like a missing one.
    "GET /contexts": r(303, 200, 200, 303, 303, 403, 403, read),
    "GET /contexts/:context_id": r(303, 200, 404, 303, 303, 403, 403, read),
    // The details form: an empty form clears nothing that is set, and redirects back.
    "POST /contexts/:context_id": r(303, 303, 404, 303, 303, 403, 403, write),
    "GET /contexts/:context_id/runs": r(303, 200, 404, 303, 303, 403, 403, read),
    // Saving a policy: another user's context is 404 before anything is stored.
    "POST /contexts/:context_id/runs": r(303, 303, 404, 303, 303, 403, 403, {
      form: "action=save&policy=version%3A%201%0Atrusted_signers%3A%20%5Bci%5D%0A" +
        "capability_ceiling%3A%20%7B%7D",
    }),

    // API. Reads need contexts:read, writes contexts:write. The matrix sends `{}`, which is
    // 400 once allowed: no status, or a log line without severity. A status change checks its
    // body before looking the context up, so another user gets the same 400 (nothing is
    // revealed either way); a log write checks ownership first, so that a refused request
    // leaves even the rate-limit counter alone.
    "GET /v1/contexts": r(401, 200, 200, 401, 401, 403, 200, read),
    "POST /v1/contexts": r(401, 400, 400, 401, 401, 403, 400, write),
    "GET /v1/contexts/:context_id": r(401, 200, 404, 401, 401, 403, 200, read),
    "PATCH /v1/contexts/:context_id": r(401, 400, 400, 401, 401, 403, 400, write),
    "GET /v1/contexts/:context_id/logs": r(401, 200, 404, 401, 401, 403, 200, read),
    "POST /v1/contexts/:context_id/logs": r(401, 400, 404, 401, 401, 403, 400, write),
    "GET /v1/contexts/:context_id/logs/stream": r(401, 200, 404, 401, 401, 403, 200, read),
    "GET /v1/contexts/:context_id/logs/export": r(401, 200, 404, 401, 401, 403, 200, read),
    // OTLP/HTTP: `{}` is an empty export (200, nothing stored); it names no context, so
    // another user gets the same answer.
    "POST /v1/otlp/v1/logs": r(401, 200, 200, 401, 401, 403, 200, write),
    // Receipts: `{}` is one receipt, refused (400) once the context is found to be the caller's.
    "GET /v1/contexts/:context_id/policy": r(401, 200, 404, 401, 401, 403, 200, read),
    "GET /v1/contexts/:context_id/receipts": r(401, 200, 404, 401, 401, 403, 200, read),
    "POST /v1/contexts/:context_id/receipts": r(401, 400, 404, 401, 401, 403, 400, write),
  },
  params: async (app, owner) => {
    const context = await createContext(app.services.db, { ownerId: owner.ownerId }, {
      status: "running",
      region: "matrix",
      packageVersionId: null,
      packageName: null,
      packageVersion: null,
    }, app.clock.now());
    return { context_id: context.id };
  },
};
