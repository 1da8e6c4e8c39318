import { assert } from "../helpers/assert.ts";
import { startServer } from "../helpers/server.ts";
import { createToken, createUser } from "../helpers/accounts.ts";
import { publishTestVersion } from "../helpers/packages.ts";
import { runSimulator } from "@/scripts/simulate.ts";

Deno.test("the example runtime sends valid execution receipts, linked to the context's version", async () => {
  await using server = await startServer({ realClock: true });
  const user = await createUser(server.app);
  const published = await publishTestVersion(server.app, user, "sim.skill", "1.0.0");
  const token = await createToken(server.app, user, [
    "contexts:read",
    "contexts:write",
    "packages:read",
  ]);
  await runSimulator({
    url: server.url,
    token,
    contexts: 1,
    rate: 40,
    package: { name: "sim.skill", version: "1.0.0" },
    durationMs: 2500,
    log: () => {},
  });
  const auth = { authorization: `Bearer ${token}` };
  const { contexts } = await (await server.app.request("/v1/contexts", { headers: auth })).json();
  const { receipts } = await (await server.app.request(
    `/v1/contexts/${contexts[0].id}/receipts?limit=200`,
    { headers: auth },
  )).json();
  assert.ok(receipts.length > 0, "the simulator sent receipts");
  for (const r of receipts) {
    assert.equal(r.artifact, published.artifact_digest);
    assert.deepEqual([r.package, r.version], ["sim.skill", "1.0.0"]);
    // Stored means verified; the verifier agrees on each one as sent.
    const check = await server.app.request("/v1/verify/receipt", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ receipt: r.receipt }),
    });
    assert.equal(check.status, 200);
    for (const cap of r.caps_used) {
      assert.ok(
        cap === "fs.read:/data" || r.undeclared_capabilities.includes(cap),
        `${cap} is declared or flagged`,
      );
    }
  }
});
