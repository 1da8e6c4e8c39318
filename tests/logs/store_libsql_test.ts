// The log store suite (store_suite.ts) against the default store, libSQL.
import { runStoreSuite } from "./store_suite.ts";

Deno.test("the libSQL log store", async (t) => {
  await runStoreSuite(t, () => ({}), "libsql");
});
