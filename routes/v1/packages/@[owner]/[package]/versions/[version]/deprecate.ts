import type { RouteAccess } from "@/lib/http/access.ts";
import { forAnyOwner } from "@/lib/http/package_ref.ts";
import { api as own } from "../../../../[package]/versions/[version]/deprecate.ts";

export { handler } from "../../../../[package]/versions/[version]/deprecate.ts";

export const access: RouteAccess = "package.update";

export const api = forAnyOwner(own, {
  POST: "Deprecate a version of any owner's package (idempotent), optionally saying why",
  DELETE: "Undo a version's deprecation (any owner's package)",
});
