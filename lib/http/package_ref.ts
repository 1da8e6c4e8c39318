// The package a /v1 route names: `/v1/packages/{package}/...` is the caller's own, and the
// owner-qualified `/v1/packages/@{owner}/{package}/...` any owner's (docs/adr/0010, "How paths
// address owners"). Both route trees share their handlers, which read the package from here.
import type { Ctx } from "../define.ts";
import { describe, type Method, type OperationDoc, type RouteApi } from "../openapi/describe.ts";
import { DomainError } from "../errors.ts";
import { PACKAGE_NOT_FOUND, type PackageRef } from "../packages/access.ts";

/** The package the path names; an unqualified name never starts with '@' (a malformed path). */
export function packageRef(ctx: Ctx): PackageRef {
  const name = ctx.params.package ?? "";
  const owner = ctx.params.owner;
  // The router tries `[package]` when an owner-qualified path matches no route of its own
  // (/v1/packages/@x/versions/1.0.0): package names cannot contain '@', so that is a missing one.
  if (owner === undefined && name.startsWith("@")) {
    throw new DomainError("not_found", PACKAGE_NOT_FOUND);
  }
  return owner === undefined ? { package: name } : { owner: owner.toLowerCase(), package: name };
}

/** `packageRef` as path parameters for `commandInput` (which win over the body's fields). */
export function refParams(ctx: Ctx): Record<string, string> {
  const { owner, package: name } = packageRef(ctx);
  return owner === undefined ? { package: name } : { owner, package: name };
}

/** The handle of the owner the path names (once the package loaded, it is that owner's). */
export function ownerHandle(ctx: Ctx): string {
  // Unqualified, the caller's own: a token's one owner, else the signed-in user.
  return ctx.params.owner?.toLowerCase() ?? (ctx.state.token?.owner.handle ||
    ctx.state.user?.handle) ??
    "";
}

const MOVED = "`owner` is a user's or an organization's handle. A package transferred away " +
  "answers at its old path with 308 and its new path in Location (when the caller may read it).";

/**
 * The description of an owner-qualified route: the unqualified route's (same shapes), with
 * summaries that say whose package it is.
 */
export function forAnyOwner(api: RouteApi, summaries: Partial<Record<Method, string>>): RouteApi {
  const out: RouteApi = {};
  for (const [method, doc] of Object.entries(api) as [Method, OperationDoc][]) {
    out[method] = {
      ...doc,
      summary: summaries[method] ?? doc.summary,
      description: [doc.description, MOVED].filter(Boolean).join(" "),
    };
  }
  return describe(out);
}
