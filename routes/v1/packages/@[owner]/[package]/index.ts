// Any owner's package (a user or an organization), with the shapes of /v1/packages/{package}.
// Reading answers anyone the package is visible to: a public one to everybody, a private one
// to its owner, the organization's owners and admins, and members through a team's grant.
import type { RouteAccess } from "@/lib/http/access.ts";
import { forAnyOwner } from "@/lib/http/package_ref.ts";
import { api as own } from "../../[package]/index.ts";

export { handler } from "../../[package]/index.ts";

export const access: RouteAccess = { GET: "public", PATCH: "package.update" };

export const api = forAnyOwner(own, {
  GET: "A package of any owner, with its readme",
  PATCH: "Change a package's metadata, visibility or status (any owner you may administer)",
});
