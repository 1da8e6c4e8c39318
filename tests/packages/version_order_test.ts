import { compare } from "semver";
import { assert } from "../helpers/assert.ts";
import { versionOrder } from "@/lib/packages/version_order.ts";

const byKey = (a: string, b: string) => {
  const x = versionOrder(a).order;
  const y = versionOrder(b).order;
  return x < y ? -1 : x > y ? 1 : 0;
};

Deno.test("version keys sort in semver precedence, including the spec's prerelease example", () => {
  const spec = [
    "1.0.0-alpha",
    "1.0.0-alpha.1",
    "1.0.0-alpha.beta",
    "1.0.0-beta",
    "1.0.0-beta.2",
    "1.0.0-beta.11",
    "1.0.0-rc.1",
    "1.0.0",
    "1.0.1",
    "1.2.0",
    "1.10.0",
    "2.0.0-0",
    "2.0.0",
    "10.0.0",
  ];
  assert.deepEqual([...spec].reverse().sort(byKey), spec);
});

Deno.test("version keys agree with the semver library on many generated pairs", () => {
  const parts = [0, 1, 2, 9, 10, 11, 100];
  const pres = [
    "",
    "-alpha",
    "-alpha.1",
    "-alpha.beta",
    "-alphab",
    "-1",
    "-2",
    "-10",
    "-beta.2",
    "-rc.1.2",
  ];
  const versions: string[] = [];
  for (const a of parts.slice(0, 4)) {
    for (const b of parts) for (const pre of pres) versions.push(`${a}.${b}.${a + b}${pre}`);
  }
  for (const x of versions) {
    for (const y of versions) assert.equal(byKey(x, y), compare(x, y), `${x} vs ${y}`);
  }
  assert.equal(versionOrder("1.0.0+build.5").order, versionOrder("1.0.0").order);
  assert.equal(versionOrder("1.0.0-rc.1").prerelease, true);
});
