import { renderToString } from "preact-render-to-string";
import { assert } from "./helpers/assert.ts";
import { Field } from "@/components/forms.tsx";

/** The ids an input's aria-describedby names, and whether each is in the markup. */
function described(html: string): [string, boolean][] {
  const ids = /aria-describedby="([^"]*)"/.exec(html)?.[1]?.split(" ") ?? [];
  return ids.map((id) => [id, html.includes(`id="${id}"`)]);
}

Deno.test("a field is described by its hint, or by its error once the error replaces the hint", () => {
  const hint = renderToString(<Field label="Password" name="password" hint="12 to 128." />);
  assert.deepEqual(described(hint), [["field-password-hint", true]]);
  const error = renderToString(
    <Field label="Password" name="password" hint="12 to 128." error="Too short" />,
  );
  assert.deepEqual(described(error), [["field-password-error", true]]);
  const plain = renderToString(<Field label="Name" name="name" />);
  assert.deepEqual(described(plain), []);
});
