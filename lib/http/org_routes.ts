// The organization routes exist only with ORGS_ENABLED (docs/adr/0010). Off, their files are
// left out of the route table itself, so each of their paths answers exactly as an unknown
// path does (the 404 page, or the JSON 404 under /v1), with no middleware of theirs running.
import type { Manifest } from "../framework/manifest.ts";

/**
 * The route files (relative to routes/) that belong to organizations; with them the dashboard
 * pages of packages addressed by owner (`/packages/@{owner}/...`), which exist for
 * organizations' packages. The owner-qualified API paths stay: they address users too.
 */
export const ORG_ROUTE_FILE =
  /^\.\/routes\/(\(app\)\/orgs|\(app\)\/invitations|\(app\)\/packages\/@\[owner\]|v1\/orgs|v1\/invitations)\//;

/** The manifest without the organization routes. */
export function withoutOrgRoutes(manifest: Manifest): Manifest {
  const routes = Object.fromEntries(
    Object.entries(manifest.routes).filter(([file]) => !ORG_ROUTE_FILE.test(file)),
  );
  return { ...manifest, routes };
}
