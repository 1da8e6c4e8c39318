import { type MatrixPart, r } from "./types.ts";

/**
 * The verifier API. Receipt verification needs no account, as in the inactu control API (an
 * empty body is 400: no receipt). The own snapshot needs packages:read; another user gets
 * their own. An owner's public snapshot is for anyone, tokens included (`:handle` is the
 * owner's, from the package pages' part). The API's OpenAPI document is public;
 * its reference page is a page (tokens refused).
 */
export const verifier: MatrixPart = {
  rows: {
    //                                    anon owner other revoked expired noScope token
    "POST /v1/verify/receipt": r(400, 400, 400, 400, 400, 400, 400),
    "GET /v1/registry/snapshot": r(401, 200, 200, 401, 401, 403, 200),
    "GET /v1/owners/:handle/snapshot": r(200, 200, 200, 200, 200, 200, 200),
    "GET /v1/openapi.json": r(200, 200, 200, 200, 200, 200, 200),
    "GET /docs/api": r(200, 200, 200, 200, 200, 403, 403),
  },
};
