import { type MatrixPart, r } from "./types.ts";

/** Accounts: pages, the account API, sessions, tokens and the audit log. */
export const accounts: MatrixPart = {
  rows: {
    //                                    anon owner other revoked expired noScope token
    // Pages. Signed-out callers are sent to sign in (303); a bearer token may read pages but
    // never manage sessions, tokens or the password (403). Empty forms are 400 once allowed.
    "GET /": r(200, 303, 303, 200, 200, 403, 403),
    "GET /healthz": r(200, 200, 200, 200, 200, 200, 200),
    "GET /dev/mail": r(404, 404, 404, 404, 404, 403, 403),
    "GET /signup": r(200, 303, 303, 200, 200, 403, 403),
    "POST /signup": r(400, 400, 400, 400, 400, 403, 403),
    "GET /login": r(200, 303, 303, 200, 200, 403, 403),
    "POST /login": r(400, 400, 400, 400, 400, 403, 403),
    "POST /logout": r(303, 303, 303, 303, 303, 403, 403),
    "GET /forgot": r(200, 200, 200, 200, 200, 403, 403),
    "POST /forgot": r(400, 400, 400, 400, 400, 403, 403),
    "GET /reset": r(400, 400, 400, 400, 400, 403, 403),
    "POST /reset": r(400, 400, 400, 400, 400, 403, 403),
    "GET /verify": r(400, 400, 400, 400, 400, 403, 403),
    "POST /verify": r(400, 400, 400, 400, 400, 403, 403),
    "GET /verify/resend": r(200, 200, 200, 200, 200, 403, 403),
    "POST /verify/resend": r(400, 303, 303, 400, 400, 403, 403),
    "GET /dashboard": r(303, 200, 200, 303, 303, 403, 403),
    "GET /settings": r(303, 200, 200, 303, 303, 403, 403),
    "POST /settings": r(303, 400, 400, 303, 303, 403, 403),
    "GET /settings/sessions": r(303, 200, 200, 303, 303, 403, 403),
    "POST /settings/sessions": r(303, 400, 400, 303, 303, 403, 403),
    "GET /settings/tokens": r(303, 200, 200, 303, 303, 403, 403),
    "POST /settings/tokens": r(303, 400, 400, 303, 303, 403, 403),
    "GET /settings/audit": r(303, 200, 200, 303, 303, 403, 403),

    // Account API. Sign-up, sign-in and reset are public (an empty body is 400). Sessions and
    // tokens are managed only from a browser session; another user's id is 404.
    "POST /v1/auth/signup": r(400, 400, 400, 400, 400, 400, 400),
    "POST /v1/auth/login": r(400, 400, 400, 400, 400, 400, 400),
    "POST /v1/auth/logout": r(401, 204, 204, 401, 401, 403, 403),
    "GET /v1/auth/me": r(401, 200, 200, 401, 401, 200, 200),
    "POST /v1/auth/password/forgot": r(400, 400, 400, 400, 400, 400, 400),
    "POST /v1/auth/password/reset": r(400, 400, 400, 400, 400, 400, 400),
    "POST /v1/auth/verify": r(400, 400, 400, 400, 400, 400, 400),
    "POST /v1/auth/verify/resend": r(400, 202, 202, 400, 400, 400, 400),
    "GET /v1/auth/sessions": r(401, 200, 200, 401, 401, 403, 403),
    "DELETE /v1/auth/sessions/:session_id": r(401, 204, 404, 401, 401, 403, 403),
    "GET /v1/tokens": r(401, 200, 200, 401, 401, 403, 403),
    "POST /v1/tokens": r(401, 400, 400, 401, 401, 403, 403),
    "DELETE /v1/tokens/:token_id": r(401, 204, 404, 401, 401, 403, 403),
    "GET /v1/audit": r(401, 200, 200, 401, 401, 403, 200),
  },
  params: (_app, _owner, f) =>
    Promise.resolve({ session_id: f.spareSessionId, token_id: f.spareTokenId }),
};
