import type { RouteAccess } from "@/lib/http/access.ts";
import { forAnyOwner } from "@/lib/http/package_ref.ts";
import { api as own } from "../../../../[package]/versions/[version]/check.ts";

export { handler } from "../../../../[package]/versions/[version]/check.ts";

// A question about a version anyone may read: declared like reading it.
export const access: RouteAccess = "public";

export const api = forAnyOwner(own, {
  POST: "Check a version of any owner's package against a capability policy",
});
