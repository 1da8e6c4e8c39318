import { assert } from "../../helpers/assert.ts";
import { buildRunModule, EMPTY_MODULE, padModule } from "@/lib/packages/bundle/wasm.ts";

Deno.test("the hand-assembled module is valid and its run export returns the chosen i32", async () => {
  assert.equal(WebAssembly.validate(EMPTY_MODULE as Uint8Array<ArrayBuffer>), true);
  for (const value of [42, 0, -1, 63, 64, -65, 2 ** 31 - 1, -(2 ** 31)]) {
    const module = buildRunModule({ value }) as Uint8Array<ArrayBuffer>;
    assert.equal(WebAssembly.validate(module), true);
    const { instance } = await WebAssembly.instantiate(module);
    assert.equal((instance.exports.run as () => number)(), value);
  }
  const named = await WebAssembly.instantiate(
    buildRunModule({ exportName: "main" }) as Uint8Array<ArrayBuffer>,
  );
  assert.deepEqual(Object.keys(named.instance.exports), ["main"]);
});

Deno.test("a module padded with a custom section has exactly the requested size and stays valid", async () => {
  const module = buildRunModule();
  const smallest = module.length + 10;
  for (const size of [smallest, smallest + 1, smallest + 127, smallest + 128, 16_384, 10_000_000]) {
    const padded = padModule(module, size, { fill: size > 1000 ? "random" : "zero" }) as Uint8Array<
      ArrayBuffer
    >;
    assert.equal(padded.length, size);
    assert.equal(WebAssembly.validate(padded), true, `size ${size}`);
  }
  const { instance } = await WebAssembly.instantiate(
    padModule(module, 4096) as Uint8Array<ArrayBuffer>,
  );
  assert.equal((instance.exports.run as () => number)(), 42);
  assert.deepEqual(
    padModule(module, 5000, { fill: "random", seed: 7 }),
    padModule(module, 5000, { fill: "random", seed: 7 }),
  );
  assert.throws(() => padModule(module, smallest - 1), RangeError);
});
