import type { RouteAccess } from "@/lib/http/access.ts";
import { forAnyOwner } from "@/lib/http/package_ref.ts";
import { api as own } from "../../../[package]/keys/[fingerprint].ts";

export { handler } from "../../../[package]/keys/[fingerprint].ts";

export const access: RouteAccess = "package.keys";

export const api = forAnyOwner(own, {
  DELETE: "Retire a pinned signer key of any owner's package you administer",
});
