import type { Ctx } from "../define.ts";
import { HttpError } from "../framework/http_error.ts";
import type { Account } from "../auth/accounts.ts";
import type { Scope } from "../auth/api_tokens.ts";
import { requireScope } from "../auth/guards.ts";
import { getOwnPackage, type Package } from "./packages.ts";
import { getVersion, type PackageVersion } from "./versions.ts";

/**
 * The caller's package named by the `package` path parameter. Anyone else's package answers
 * exactly like a missing one: 404 "package not found", as the inactu control API says.
 */
export async function ownPackageOr404(
  ctx: Ctx,
  scope: Scope,
): Promise<{ user: Account; pkg: Package }> {
  const user = requireScope(ctx, scope);
  const pkg = await getOwnPackage(ctx.state.services.db, user.ownerId, ctx.params.package!);
  if (!pkg) throw new HttpError(404, "package not found");
  return { user, pkg };
}

/**
 * For the owner's pages: the caller's package `name`, or 404 "Package not found" (a sentence,
 * as pages show it), the same for anyone else's package.
 */
export async function ownPackageByNameOr404(
  ctx: Ctx,
  ownerId: string,
  name: string,
): Promise<Package> {
  const pkg = await getOwnPackage(ctx.state.services.db, ownerId, name);
  if (!pkg) throw new HttpError(404, "Package not found");
  return pkg;
}

/** The caller's package and the version named by the `version` path parameter, or 404. */
export async function ownVersionOr404(
  ctx: Ctx,
  scope: Scope,
): Promise<{ user: Account; pkg: Package; version: PackageVersion }> {
  const { user, pkg } = await ownPackageOr404(ctx, scope);
  const version = await getVersion(ctx.state.services.db, pkg.id, ctx.params.version!);
  if (!version) throw new HttpError(404, "package version not found");
  return { user, pkg, version };
}
