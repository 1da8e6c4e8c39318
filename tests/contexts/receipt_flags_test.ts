import { assert } from "../helpers/assert.ts";
import { flagCapabilities, usedCapability } from "@/lib/receipts/flags.ts";
import { parsePolicy } from "@/lib/verifier/policy.ts";

const DECLARED = [
  { kind: "fs.read", value: "/data" },
  { kind: "net.http", value: "https://api.example.com/v1" },
  { kind: "env", value: "HOME" },
  { kind: "exec.safe", value: "git" },
];

Deno.test("a used capability is declared when the manifest scopes it, as the verifier matches a ceiling", () => {
  const flags = flagCapabilities(
    [
      "fs.read:/data/in/a.txt",
      "fs.read:/data2/a.txt",
      "fs.read:/data/../etc/passwd",
      "fs.write:/data/out.txt",
      "net:https://api.example.com/v1/items",
      "net:https://api.example.com.evil.test/v1",
      "env:HOME",
      "env:PATH",
      "exec:true",
      "exec.safe:git",
      "nonsense",
    ],
    DECLARED,
    null,
  );
  assert.deepEqual(
    Object.fromEntries(flags.map((f) => [f.text, f.undeclared])),
    {
      "fs.read:/data/in/a.txt": false,
      "fs.read:/data2/a.txt": true,
      "fs.read:/data/../etc/passwd": true,
      "fs.write:/data/out.txt": true,
      "net:https://api.example.com/v1/items": false,
      "net:https://api.example.com.evil.test/v1": true,
      "env:HOME": false,
      "env:PATH": true,
      "exec:true": true,
      "exec.safe:git": false,
      "nonsense": true,
    },
  );
  assert.ok(flags.every((f) => f.denied === null), "no policy: nothing to deny");
});

Deno.test("a used capability is denied when the context's policy ceiling does not allow it", () => {
  const policy = parsePolicy(
    "version: 1\ntrusted_signers: [ci]\ncapability_ceiling:\n  fs: {read: [/data]}\n  env: [HOME]\n",
  );
  const flags = flagCapabilities(["fs.read:/data/a", "env:HOME", "env:USER"], null, policy);
  assert.deepEqual(flags.map((f) => [f.denied, f.undeclared]), [
    [false, null],
    [false, null],
    [true, null],
  ]);
  assert.deepEqual(usedCapability("net:https://x.test/a:b"), {
    kind: "net.http",
    value: "https://x.test/a:b",
  });
});
