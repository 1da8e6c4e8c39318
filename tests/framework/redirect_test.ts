import { assert } from "../helpers/assert.ts";
import { redirectTarget } from "@/lib/framework/redirect.ts";
import { HOSTILE_TARGETS } from "../http/hostile_targets.ts";

const origin = "https://control.example";
const target = (t: unknown) => redirectTarget(t, { origin, fallback: "/dashboard" });

Deno.test("redirect targets that would leave the origin fall back, whatever their disguise", () => {
  for (const hostile of HOSTILE_TARGETS) {
    assert.equal(target(hostile), "/dashboard", JSON.stringify(hostile));
  }
  assert.equal(target(null), "/dashboard");
  assert.equal(target(undefined), "/dashboard");
  assert.equal(target(["/settings"]), "/dashboard");
});

Deno.test("same-origin paths keep their query and hash, normalized as a browser would", () => {
  const cases: [string, string][] = [
    ["/settings/tokens?x=1", "/settings/tokens?x=1"],
    [
      "/packages/echo?notice=deprecated&version=1.0.0#v1.0.0",
      "/packages/echo?notice=deprecated&version=1.0.0#v1.0.0",
    ],
    ["/search?q=//evil.example#\\x", "/search?q=//evil.example#\\x"],
    ["/a/./b/../c", "/a/c"],
    ["/%5cevil.example", "/%5cevil.example"],
    ["/%2f%2fevil.example", "/%2f%2fevil.example"],
    ["/x y/é", "/x%20y/%C3%A9"],
    ["/", "/"],
  ];
  for (const [input, expected] of cases) assert.equal(target(input), expected, input);
});

Deno.test("a redirect target never starts with two slashes nor resolves off the origin", () => {
  const parts = [
    "/",
    "\\",
    ".",
    "..",
    "%2e",
    "%2E",
    "%5c",
    "\t",
    "\n",
    "a",
    "evil.example",
    "?",
    "#",
  ];
  // Every three-part combination behind a leading slash: the shapes the findings came from.
  for (const a of parts) {
    for (const b of parts) {
      for (const c of parts) {
        const location = target(`/${a}${b}${c}/evil.example`);
        assert.ok(!/^[/\\][/\\]/.test(location), `${a}${b}${c} gave ${location}`);
        assert.equal(new URL(location, origin).origin, origin, `${a}${b}${c} gave ${location}`);
      }
    }
  }
});
