import { z } from "zod";
import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { parseQuery } from "@/lib/http/query.ts";
import { referenceOperations } from "@/lib/openapi/reference.ts";
import { ui } from "@/components/styles.ts";
import { ApiOperation } from "@/components/ApiOperation.tsx";
import type { RouteAccess } from "@/lib/http/access.ts";
import manifest from "@/routes.gen.ts";

export const access: RouteAccess = "page";

const Query = z.object({ q: z.string().max(100, "must be at most 100 characters").optional() });

// Search is a plain GET form filtered here, so it works without JavaScript.
export const handler = define.handlers({
  GET(ctx) {
    const { q = "" } = parseQuery(ctx.url, Query);
    const origin = ctx.state.services.config.publicOrigin;
    ctx.state.title = "API reference";
    ctx.state.description = "Every operation of the /v1 JSON API, with curl commands.";
    return page({ q, operations: referenceOperations(manifest, origin, q) });
  },
});

export default define.page<typeof handler>(function ApiReference({ data }) {
  return (
    <div class="space-y-6 min-w-0">
      <div class="space-y-2">
        <h1 class={ui.h1}>API reference</h1>
        <p class={ui.muted}>
          The <code class={ui.code}>/v1</code> JSON API. Every refusal answers{" "}
          <code class={ui.code}>{'{"error": "..."}'}</code>. Send an API token (create one under
          {" "}
          <a class={ui.link} href="/settings/tokens">API tokens</a>) as{" "}
          <code class={ui.code}>Authorization: Bearer</code>. The machine-readable description is
          {" "}
          <a class={ui.link} href="/v1/openapi.json">/v1/openapi.json</a> (OpenAPI 3.1).
        </p>
      </div>
      <form method="get" role="search" class="flex flex-wrap gap-2">
        <label for="q" class="sr-only">Search operations</label>
        <input
          id="q"
          name="q"
          type="search"
          value={data.q}
          maxLength={100}
          placeholder="Search by path or summary, such as packages"
          class={`${ui.input} flex-1 min-w-0 sm:max-w-md`}
        />
        <button type="submit" class={ui.buttonPrimary}>Search</button>
      </form>
      <p class={ui.muted} aria-live="polite">
        {data.operations.length} operation{data.operations.length === 1 ? "" : "s"}
        {data.q ? ` matching "${data.q}"` : ""}
      </p>
      <div class="space-y-4">
        {data.operations.map((op) => <ApiOperation key={op.id} op={op} />)}
      </div>
    </div>
  );
});
