import type { RouteAccess } from "@/lib/http/access.ts";
import { forAnyOwner } from "@/lib/http/package_ref.ts";
import { api as own } from "../../../../[package]/versions/[version]/index.ts";

export { handler } from "../../../../[package]/versions/[version]/index.ts";

// Anyone the package is visible to; anything else answers like a missing package.
export const access: RouteAccess = "public";

export const api = forAnyOwner(own, {
  GET: "One version of any owner's package, with its manifest",
});
