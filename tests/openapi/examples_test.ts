// Every JSON request body and success answer in the description carries an example, and every
// example is valid by its own schema (so the reference page never shows a shape that lies).
import { Ajv2020 } from "ajv/dist/2020.js";
import { assert } from "../helpers/assert.ts";
import { createTestApp } from "../helpers/app.ts";
import manifest from "@/routes.gen.ts";
import { buildDocument } from "@/lib/openapi/document.ts";

type Media = { schema: object; example?: unknown };
type Op = {
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media> }>;
};

Deno.test("every JSON body and success answer has an example that its own schema accepts", () => {
  const doc = buildDocument(manifest);
  const text = JSON.stringify(doc).replaceAll('"#/components/', '"doc#/components/');
  const copy = JSON.parse(text) as {
    components: unknown;
    paths: Record<string, Record<string, Op>>;
  };
  const ajv = new Ajv2020({ strict: false, validateFormats: false });
  ajv.addSchema({ $id: "doc", components: copy.components });
  const problems: string[] = [];
  let checked = 0;
  for (const [path, ops] of Object.entries(copy.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const media: [string, Media | undefined][] = [
        ["request body", op.requestBody?.content["application/json"]],
        ...Object.entries(op.responses).filter(([status]) => /^2/.test(status))
          .map(([status, r]) =>
            [status, r.content?.["application/json"]] as [string, Media | undefined]
          ),
      ];
      for (const [what, m] of media) {
        if (!m) continue;
        const where = `${method.toUpperCase()} ${path} ${what}`;
        if (m.example === undefined) problems.push(`${where} has no example`);
        else if (!ajv.validate(m.schema, m.example)) {
          problems.push(`${where}: ${ajv.errorsText(ajv.errors)}`);
        }
        checked++;
      }
    }
  }
  assert.ok(checked > 30, `only ${checked} JSON bodies and answers found`);
  assert.deepEqual(problems, []);
});

Deno.test("the API reference shows an example answer next to the curl command", async () => {
  await using app = await createTestApp();
  const res = await app.request("/docs/api?q=%2Fv1%2Fauth%2Fme");
  const html = await res.text();
  assert.equal(res.status, 200);
  assert.ok(html.includes("Example 200 answer"), "no example answer on the page");
  assert.ok(
    html.includes("&quot;email&quot;") || html.includes('"email"'),
    "the example has no email field",
  );
});
