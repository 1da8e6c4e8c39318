// Any owner's package versions, and publishing into any owner the caller may publish to (an
// organization: its owners and admins, or a member whose team may publish the package).
import type { RouteAccess } from "@/lib/http/access.ts";
import { forAnyOwner } from "@/lib/http/package_ref.ts";
import { api as own } from "../../../[package]/versions/index.ts";

export { handler } from "../../../[package]/versions/index.ts";

export const access: RouteAccess = { GET: "public", POST: "package.publish" };

export const api = forAnyOwner(own, {
  GET: "A package's versions, newest first (any owner)",
  POST: "Publish a version into any owner you may publish to",
});
