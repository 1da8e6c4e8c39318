import { assert } from "./helpers/assert.ts";
import { startPeriodic } from "@/lib/jobs.ts";
import { createLogger } from "@/lib/log.ts";

Deno.test("a periodic job runs again after a failed run, logs the failure, and stops when asked", async () => {
  const lines: string[] = [];
  let runs = 0;
  const stop = startPeriodic("test job", () => {
    runs++;
    return runs === 1 ? Promise.reject(new Error("first run fails")) : Promise.resolve();
  }, { firstAfterMs: 0, everyMs: 5, logger: createLogger((l) => lines.push(l)) });
  while (runs < 3) await new Promise((r) => setTimeout(r, 5));
  stop();
  const stoppedAt = runs;
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(runs, stoppedAt);
  const failure = JSON.parse(lines[0]!);
  assert.equal(failure.msg, "test job failed");
  assert.equal(failure.error, "first run fails");
});
