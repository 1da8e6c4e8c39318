import type { RouteAccess } from "@/lib/http/access.ts";
import { forAnyOwner } from "@/lib/http/package_ref.ts";
import { api as own } from "../../../../[package]/versions/[version]/yank.ts";

export { handler } from "../../../../[package]/versions/[version]/yank.ts";

export const access: RouteAccess = "package.update";

export const api = forAnyOwner(own, {
  POST: "Yank a version of any owner's package you may administer, saying why",
  DELETE: "Undo a version's yank (any owner's package)",
});
