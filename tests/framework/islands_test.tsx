import { signal } from "@preact/signals";
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { assert, assertExcludes, assertIncludes } from "../helpers/assert.ts";
import { decodeProps, encodeProps, jsonForScript } from "@/lib/framework/serialize.ts";
import { App, testApp } from "./fixtures.tsx";

function Counter(props: { start: number; label?: string }) {
  return <button type="button">{props.label ?? "count"} {props.start}</button>;
}

/** An island whose markup holds another island. */
function Outer() {
  return (
    <section>
      <Counter start={1} />
    </section>
  );
}

function islandData(body: string): unknown[] {
  const m = body.match(/<script type="application\/json" id="__frsh_islands">(.*?)<\/script>/);
  assert.ok(m, "the page has no island data");
  return JSON.parse(m[1]!);
}

Deno.test("an island renders between comment markers, with its props recorded and the boot script last", async () => {
  const app = testApp({
    "./routes/_app.tsx": { default: App },
    "./routes/index.tsx": {
      default: () => (
        <main>
          <Counter start={3} label="clicks" />
        </main>
      ),
    },
  }, { islands: { "./islands/Counter.tsx": { default: Counter } } });
  const { body } = await app.fetch("/");
  assertIncludes(
    body,
    '<main><!--frsh:0--><button type="button">clicks 3</button><!--/frsh:0--></main>',
  );
  assert.deepEqual(islandData(body), [{
    id: 0,
    chunk: "/_fresh/js/island-Counter-TEST.js",
    export: "default",
    props: { start: 3, label: "clicks" },
  }]);
  assertIncludes(body, '<link rel="modulepreload" href="/_fresh/js/island-Counter-TEST.js"/>');
  assert.ok(
    body.endsWith('<script type="module" src="/_fresh/js/boot-TEST.js"></script></body></html>'),
  );
});

Deno.test("an island rendered on the server reads the context its page provides", async () => {
  const Theme = createContext("light");
  function Themed(props: { name: string }) {
    return <b>{props.name} in {useContext(Theme)}</b>;
  }
  const app = testApp({
    "./routes/index.tsx": {
      default: () => (
        <Theme.Provider value="dark">
          <Themed name="badge" />
        </Theme.Provider>
      ),
    },
  }, {
    islands: { "./islands/Themed.tsx": { default: Themed } },
    assets: { boot: "/b.js", css: "/s.css", islands: { "./islands/Themed.tsx": "/themed.js" } },
  });
  const { body } = await app.fetch("/");
  assertIncludes(body, "<!--frsh:0--><b>badge in dark</b><!--/frsh:0-->");
});

Deno.test("a page without islands ships no JavaScript at all", async () => {
  const app = testApp({
    "./routes/_app.tsx": { default: App },
    "./routes/index.tsx": { default: () => <p>static</p> },
  }, { islands: { "./islands/Counter.tsx": { default: Counter } } });
  const { body } = await app.fetch("/");
  assertExcludes(body, "<script");
  assertExcludes(body, "modulepreload");
});

Deno.test("an island inside another island is part of the outer one, not hydrated twice", async () => {
  const app = testApp({
    "./routes/_app.tsx": { default: App },
    "./routes/index.tsx": { default: () => <Outer /> },
  }, { islands: { "./islands/Counter.tsx": { default: Counter, Outer } } });
  const { body } = await app.fetch("/");
  const data = islandData(body) as { export: string }[];
  assert.deepEqual(data.map((d) => d.export), ["Outer"]);
  assert.equal(body.match(/<!--frsh:/g)?.length, 1);
});

Deno.test("after an island that holds another, the next island is hydrated on its own", async () => {
  const app = testApp({
    "./routes/_app.tsx": { default: App },
    "./routes/index.tsx": {
      default: () => (
        <main>
          <Outer />
          <p>between</p>
          <Counter start={2} />
        </main>
      ),
    },
  }, { islands: { "./islands/Counter.tsx": { default: Counter, Outer } } });
  const { body } = await app.fetch("/");
  const data = islandData(body) as { id: number; export: string }[];
  assert.deepEqual(data.map((d) => [d.id, d.export]), [[0, "Outer"], [1, "default"]]);
  assertIncludes(
    body,
    '<main><!--frsh:0--><section><button type="button">count 1</button></section><!--/frsh:0-->' +
      '<p>between</p><!--frsh:1--><button type="button">count 2</button><!--/frsh:1--></main>',
  );
});

Deno.test("a function prop is a clear error that names the island and the prop", async () => {
  const seen: unknown[] = [];
  const app = testApp({
    "./routes/index.tsx": {
      default: () => <Counter start={1} label={(() => "x") as unknown as string} />,
    },
  }, {
    islands: { "./islands/Counter.tsx": { default: Counter } },
    onServerError: (e) => seen.push(e),
  });
  const { res } = await app.fetch("/");
  assert.equal(res.status, 500);
  assert.equal(
    (seen[0] as Error).message,
    'Island "Counter" prop "label" is a function, which cannot be sent to the browser; ' +
      "island props must be JSON values, Date or signals",
  );
});

Deno.test("an invalid Date is named as one; the same object twice is not a cycle", () => {
  assert.throws(
    () => encodeProps("Chart", { range: [new Date(0), new Date(Number.NaN)] }),
    (e: Error) =>
      e.message === 'Island "Chart" prop "range[1]" is an invalid Date, which cannot be sent ' +
          "to the browser; island props must be JSON values, Date or signals",
  );
  const shared = { x: 1 };
  assert.deepEqual(encodeProps("Chart", { a: shared, b: [shared, shared] }), {
    a: { x: 1 },
    b: [{ x: 1 }, { x: 1 }],
  });
});

Deno.test("islands take no JSX children", async () => {
  const seen: unknown[] = [];
  const Box = (_: { children?: unknown }) => <div />;
  const app = testApp({ "./routes/index.tsx": { default: () => <Box>inner</Box> } }, {
    islands: { "./islands/Box.tsx": { default: Box } },
    assets: { boot: "/b.js", css: "/s.css", islands: { "./islands/Box.tsx": "/box.js" } },
    onServerError: (e) => seen.push(e),
  });
  assert.equal((await app.fetch("/")).res.status, 500);
  assert.equal(
    (seen[0] as Error).message,
    'Island "Box" was given JSX children; islands take props only',
  );
});

Deno.test("props round-trip: JSON values, Date, signals, and keys that look like tags", () => {
  const when = new Date("2026-11-25T12:00:00.000Z");
  const props = {
    n: 1.5,
    s: "</script><script>alert(1)</script>",
    list: [1, null, { deep: true }],
    when,
    live: signal({ count: 2 }),
    tricky: { $date: "not a date", $$x: 1 },
    skipped: undefined,
  };
  const encoded = encodeProps("Demo", props);
  const decoded = decodeProps(JSON.parse(jsonForScript(encoded))) as Record<string, unknown>;
  assert.equal(decoded.n, 1.5);
  assert.equal(decoded.s, props.s);
  assert.deepEqual(decoded.list, [1, null, { deep: true }]);
  assert.ok(decoded.when instanceof Date && decoded.when.getTime() === when.getTime());
  assert.deepEqual((decoded.live as { value: unknown }).value, { count: 2 });
  assert.deepEqual(decoded.tricky, { $date: "not a date", $$x: 1 });
  assert.ok(!("skipped" in decoded));
  assertExcludes(jsonForScript(encoded), "</script>");
});

Deno.test("values that cannot travel are errors with their path", () => {
  const cases: [unknown, string][] = [
    [new Map(), 'prop "a.b" is an instance of Map'],
    [NaN, 'prop "a.b" is NaN'],
    [10n, 'prop "a.b" is a bigint'],
    [Symbol("s"), 'prop "a.b" is a symbol'],
  ];
  for (const [value, message] of cases) {
    assert.throws(
      () => encodeProps("Demo", { a: { b: value } }),
      (e: Error) => e.message.includes(message),
    );
  }
  const loop: Record<string, unknown> = {};
  loop.self = loop;
  assert.throws(() => encodeProps("Demo", { loop }), {
    message: 'Island "Demo" prop "loop.self" is circular',
  });
});

Deno.test("cachedMarkup renders once per key and reuses the HTML; an island inside is refused", async () => {
  const { cachedMarkup } = await import("@/lib/framework/render.ts");
  let renders = 0;
  function Chrome({ who }: { who: string }) {
    renders++;
    return <nav>hello {who}</nav>;
  }
  const key = `test-chrome-${crypto.randomUUID()}`;
  const app = testApp({
    "./routes/_app.tsx": { default: App },
    "./routes/[who].tsx": {
      default: ({ params }: { params: Record<string, string> }) =>
        cachedMarkup(`${key} ${params.who}`, () => <Chrome who={params.who!} />),
    },
    "./routes/bad.tsx": { default: () => cachedMarkup(`${key} bad`, () => <Counter start={1} />) },
  }, { islands: { "./islands/Counter.tsx": { default: Counter } } });
  for (let i = 0; i < 3; i++) {
    assertIncludes((await app.fetch("/ada")).body, "<nav>hello ada</nav>");
  }
  assertIncludes((await app.fetch("/bob")).body, "<nav>hello bob</nav>");
  assert.equal(renders, 2);
  assertIncludes((await app.fetch("/%3Cb%3E")).body, "<nav>hello &lt;b></nav>");
  assert.equal((await app.fetch("/bad")).res.status, 500);
});
