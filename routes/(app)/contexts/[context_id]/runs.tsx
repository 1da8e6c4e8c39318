import { z } from "zod";
import { stringify as toYaml } from "yaml";
import { type Ctx, define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { formFields, readForm } from "@/lib/http/body.ts";
import { formFailure } from "@/lib/http/errors.ts";
import { intParam, parseQuery } from "@/lib/http/query.ts";
import { contextPolicy } from "@/lib/contexts/policy.ts";
import { setContextPolicy } from "@/lib/contexts/policy_command.ts";
import { listContextReceipts, MAX_RECEIPT_CURSOR } from "@/lib/receipts/commands.ts";
import { Notice } from "@/components/forms.tsx";
import { ui } from "@/components/styles.ts";
import { ContextHeader } from "@/components/contexts/ContextHeader.tsx";
import { PolicyForm } from "@/components/contexts/PolicyForm.tsx";
import { RunList } from "@/components/contexts/RunList.tsx";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "session";

const PAGE_RUNS = 25;

const Query = z.object({
  before_id: intParam(1, MAX_RECEIPT_CURSOR).optional(),
  notice: z.enum(["saved", "removed"], "must be saved or removed").optional(),
});

async function load(
  ctx: Ctx,
  extra: { policyText?: string; error?: string | null; notice?: string | null },
  status = 200,
) {
  const { services, actor } = ctx.state;
  const { before_id } = parseQuery(ctx.url, Query);
  const runs = await listContextReceipts(services, actor, {
    id: ctx.params.context_id!,
    beforeId: before_id,
    limit: PAGE_RUNS,
  });
  const policy = await contextPolicy(services.db, runs.context.id);
  ctx.state.title = `Runs of context ${runs.context.id.slice(0, 8)}`;
  return page({
    ...runs,
    policy,
    paged: before_id !== undefined,
    policyText: extra.policyText ?? (policy ? toYaml(policy) : ""),
    error: extra.error ?? null,
    notice: extra.notice ?? null,
  }, { status });
}

export const handler = define.handlers({
  GET(ctx) {
    const { notice } = parseQuery(ctx.url, Query);
    const said = notice === "saved"
      ? "The capability policy is saved."
      : notice === "removed"
      ? "The capability policy is removed."
      : null;
    return load(ctx, { notice: said });
  },

  // Save or remove the capability policy: the command PATCH /v1/contexts/{id} also uses.
  async POST(ctx) {
    const f = formFields(await readForm(ctx.req, { maxBytes: 64 * 1024 }));
    if (f.action !== "save" && f.action !== "remove") {
      throw new HttpError(400, "Unknown action; use save or remove");
    }
    try {
      const policy = await setContextPolicy(ctx.state.services, ctx.state.actor, {
        id: ctx.params.context_id!,
        policy: f.action === "remove" ? null : f.policy ?? "",
      });
      const id = ctx.params.context_id!.toLowerCase();
      return ctx.redirect(
        `/contexts/${id}/runs?notice=${policy ? "saved" : "removed"}#policy`,
        303,
      );
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      return load(ctx, { policyText: f.policy ?? "", error: failure.message }, failure.status);
    }
  },
});

export default define.page<typeof handler>(function ContextRuns({ data, url }) {
  const { context, receipts } = data;
  const path = url.pathname;
  return (
    <div class="space-y-6">
      <ContextHeader
        context={context}
        tab="runs"
        editHref={`/contexts/${context.id}?edit=1#details`}
      />
      {data.notice && <Notice tone="success">{data.notice}</Notice>}
      <section class="space-y-3" aria-labelledby="runs">
        <div class="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="runs" class={ui.h2}>Runs</h2>
          <p class="text-xs text-slate-500">
            From the execution receipts the runtime reports; times are the runtime's own.
          </p>
        </div>
        {receipts.length === 0
          ? (
            <p class={`${ui.card} p-4 text-sm text-slate-600`}>
              {data.paged ? "No older runs." : (
                <>
                  No runs reported yet. A runtime reports one with{" "}
                  <code class={ui.code}>POST /v1/contexts/{context.id}/receipts</code>.
                </>
              )}
            </p>
          )
          : <RunList receipts={receipts} policy={data.policy} />}
        {(data.paged || data.nextBeforeId !== null) && (
          <nav aria-label="Pages of runs" class="flex flex-wrap gap-2">
            {data.paged && <a href={path} class={ui.buttonSecondary}>Newest runs</a>}
            {data.nextBeforeId !== null && (
              <a href={`${path}?before_id=${data.nextBeforeId}`} class={ui.buttonSecondary}>
                Older runs
              </a>
            )}
          </nav>
        )}
      </section>
      <section id="policy" class="space-y-3" aria-labelledby="policy-heading">
        <h2 id="policy-heading" class={ui.h2}>Capability policy</h2>
        <PolicyForm
          action={path}
          text={data.policyText}
          hasPolicy={data.policy !== null}
          error={data.error}
        />
      </section>
    </div>
  );
});
