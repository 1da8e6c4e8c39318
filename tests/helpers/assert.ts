// Tests assert with node:assert/strict (JSR's @std/assert cannot be reached from here).
import assert from "node:assert/strict";

export { assert };

/** Fails with both strings shown when `text` does not contain `part`. */
export function assertIncludes(text: string, part: string): void {
  if (!text.includes(part)) {
    assert.fail(
      `expected the text to include ${JSON.stringify(part)}, got:\n${text.slice(0, 2000)}`,
    );
  }
}

/** Fails when `text` contains `part`. */
export function assertExcludes(text: string, part: string): void {
  if (text.includes(part)) assert.fail(`expected the text not to include ${JSON.stringify(part)}`);
}
