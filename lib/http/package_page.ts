// The package a dashboard page names: `/packages/{name}` (the caller's own) or, for any owner
// the caller may see, `/packages/@{owner}/{name}` (docs/adr/0010). The page code is shared by
// both route trees; this loads the package through the one loader and says what the caller
// may do with it, so pages offer only what the policy allows.
import type { Ctx } from "../define.ts";
import { can } from "../access/policy.ts";
import { type PackageAction, packageWithOwner } from "../packages/access.ts";
import type { Package } from "../packages/packages.ts";
import type { PackageRef } from "../packages/access.ts";

export interface PackagePlace {
  pkg: Package;
  /** The owner's handle. */
  owner: string;
  /** Whether the owner is someone other than the caller (an organization). */
  qualified: boolean;
  /** The package's dashboard page: every link of these pages starts here. */
  home: string;
  may: { publish: boolean; update: boolean; transfer: boolean };
}

/** The package reference in a dashboard page's path. */
export function pageRef(ctx: Ctx): PackageRef {
  const owner = ctx.params.owner?.toLowerCase();
  return owner ? { owner, package: ctx.params.name ?? "" } : { package: ctx.params.name ?? "" };
}

/** The dashboard page of the package `name` that the path's owner (or the caller) has. */
export function homeOf(ctx: Ctx, name: string): string {
  const owner = ctx.params.owner?.toLowerCase();
  return owner && owner !== ctx.state.user?.handle
    ? `/packages/@${owner}/${name}`
    : `/packages/${name}`;
}

/** The package of the page's path, when the policy allows `action`; else it throws. */
export async function packagePlace(
  ctx: Ctx,
  action: PackageAction = "package.read",
): Promise<PackagePlace> {
  const { services: s, actor, user } = ctx.state;
  const { pkg, owner, resource } = await packageWithOwner(s, actor, action, pageRef(ctx));
  const qualified = owner.handle !== user?.handle;
  const home = qualified ? `/packages/@${owner.handle}/${pkg.name}` : `/packages/${pkg.name}`;
  const may = (a: "package.publish" | "package.update" | "package.transfer") =>
    can(actor, a, resource).allowed;
  return {
    pkg,
    owner: owner.handle,
    qualified,
    home,
    may: {
      publish: may("package.publish"),
      update: may("package.update"),
      transfer: may("package.transfer"),
    },
  };
}
