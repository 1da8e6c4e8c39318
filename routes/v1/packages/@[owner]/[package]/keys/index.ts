import type { RouteAccess } from "@/lib/http/access.ts";
import { forAnyOwner } from "@/lib/http/package_ref.ts";
import { api as own } from "../../../[package]/keys/index.ts";

export { handler } from "../../../[package]/keys/index.ts";

// Reading, like the package, for anyone it is visible to; pinning needs packages:keys.
export const access: RouteAccess = { GET: "public", POST: "package.keys" };

export const api = forAnyOwner(own, {
  GET: "The pinned signer keys of any owner's package",
  POST: "Pin a signer key of any owner's package you administer (token scope packages:keys)",
});
