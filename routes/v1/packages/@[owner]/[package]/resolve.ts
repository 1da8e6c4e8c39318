import { encodeHexLowerCase } from "@oslojs/encoding";
import { define } from "@/lib/define.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { matchesEtag } from "@/lib/framework/etag.ts";
import { describe } from "@/lib/openapi/describe.ts";
import { resolveFor, ResolveQuery } from "@/lib/packages/resolve.ts";
import { ResolvedJson, resolvedJson } from "@/lib/packages/resolved.ts";

// Public packages resolve for anyone, without a token; a private one needs read access, which
// the policy decides once the package is loaded (anyone else's reads as missing).
export const access: RouteAccess = "public";

export const handler = define.handlers({
  async GET(ctx) {
    const { services: s, actor } = ctx.state;
    const { pkg, owner, version, query } = await resolveFor(s, actor, {
      owner: ctx.params.owner!,
      package: ctx.params.package!,
      query: Object.fromEntries(ctx.url.searchParams),
    });
    const v = encodeURIComponent(version.version);
    const base = pkg.visibility === "public"
      ? `${s.config.publicOrigin}/@${owner}/${pkg.name}/versions/${v}`
      : `${s.config.publicOrigin}/v1/packages/@${owner}/${pkg.name}/versions/${v}`;
    const body = JSON.stringify(resolvedJson(pkg, owner, query.range, version, base));
    const hash = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body));
    const headers = new Headers({
      etag: `"${encodeHexLowerCase(new Uint8Array(hash)).slice(0, 32)}"`,
      // A new version or a yank changes the answer: shared caches keep a public one a minute,
      // a private one is never shared; both revalidate cheaply with the ETag.
      "cache-control": pkg.visibility === "public"
        ? "public, max-age=60, must-revalidate"
        : "private, no-cache",
      vary: "Authorization, Cookie",
    });
    if (matchesEtag(ctx.req.headers.get("if-none-match"), headers.get("etag")!)) {
      return new Response(null, { status: 304, headers });
    }
    headers.set("content-type", "application/json");
    return new Response(body, { headers });
  },
});

export const api = describe({
  GET: {
    summary: "Resolve a semver range (or latest) to a version, its digests, signers and URLs",
    description: "npm semver ranges; prereleases only with prerelease=true or when the range " +
      "names one; yanked versions are never chosen (they still download by exact version). " +
      "Public packages need no token. Answers carry an ETag; If-None-Match gives 304.",
    query: ResolveQuery,
    responses: {
      200: { description: "The version chosen", json: ResolvedJson },
      304: { description: "Unchanged since the ETag sent in If-None-Match" },
    },
    errors: [404],
  },
});
