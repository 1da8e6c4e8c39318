import { assert } from "../helpers/assert.ts";
import { matchesEtag } from "@/lib/framework/etag.ts";

Deno.test("If-None-Match matches a listed tag, weak or strong, and *; nothing else", () => {
  const etag = '"sha256:abc"';
  assert.equal(matchesEtag('"sha256:abc"', etag), true);
  assert.equal(matchesEtag('W/"sha256:abc"', etag), true);
  assert.equal(matchesEtag('"x", "sha256:abc" , "y"', etag), true);
  assert.equal(matchesEtag(" * ", etag), true);
  assert.equal(matchesEtag('"sha256:abd"', etag), false);
  assert.equal(matchesEtag("sha256:abc", etag), false);
  assert.equal(matchesEtag("", etag), false);
  assert.equal(matchesEtag(null, etag), false);
});
