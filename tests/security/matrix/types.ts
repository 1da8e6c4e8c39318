import type { TestApp } from "../../helpers/app.ts";
import type { Caller, Fixtures, Person } from "../callers.ts";

export type Row = Record<Caller, number> & {
  /** A form body (pages) instead of the default: an empty form for pages, `{}` for /v1. */
  form?: string;
  /** A JSON body instead of `{}`. */
  json?: unknown;
  /**
   * The query parameter that takes a staged upload. The harness then also calls the route as
   * the owner with another account's staged upload, and expects exactly the answer for a
   * missing upload, with nothing changed.
   */
  upload?: string;
};

/**
 * One domain's rows and the values of its path parameters. `params` runs before each route
 * with fresh credentials and returns values for parameters such as `:package`, naming
 * resources that belong to the owner (so another user must get 404).
 */
export interface MatrixPart {
  rows: Record<string, Row>;
  params?: (app: TestApp, owner: Person, f: Fixtures) => Promise<Record<string, string>>;
}

// Columns: anonymous, owner (session), another user (session), revoked session, expired
// session, bearer token without the needed scope, bearer token with every scope.
export function r(
  anon: number,
  owner: number,
  other: number,
  revoked: number,
  expired: number,
  noScope: number,
  token: number,
  extra: Partial<Row> = {},
): Row {
  return { anon, owner, other, revoked, expired, noScope, token, ...extra };
}
