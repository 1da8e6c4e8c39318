import { z } from "zod";
import { type Ctx, define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { formFields, readForm } from "@/lib/http/body.ts";
import { parseQuery } from "@/lib/http/query.ts";
import { formFailure } from "@/lib/http/errors.ts";
import type { Package } from "@/lib/packages/packages.ts";
import type { SignerKey } from "@/lib/packages/signer_keys.ts";
import { addSignerKey, listSignerKeys, retireSignerKey } from "@/lib/packages/key_commands.ts";
import { Field, FormError, Notice } from "@/components/forms.tsx";
import { ui } from "@/components/styles.ts";
import { PinnedKeyList } from "@/components/packages/SignerKeys.tsx";
import { sentence } from "@/components/packages/format.ts";
import type { RouteAccess } from "@/lib/http/access.ts";
import { homeOf, pageRef } from "@/lib/http/package_page.ts";

interface Data {
  pkg: Package;
  /** The package's dashboard page. */
  home: string;
  keys: SignerKey[];
  values: { signer: string; public_key: string };
  notice: string | null;
  error: string | null;
}

const Query = z.object({
  notice: z.enum(["added", "retired"], "must be added or retired").optional(),
});
const NOTICES = {
  added: "The key is pinned. The package's owners were told by mail.",
  retired: "The key is retired: versions signed only by it are refused. The owners were told.",
};

async function render(ctx: Ctx, extra: Partial<Data>, status = 200) {
  const { pkg, keys } = await listSignerKeys(ctx.state.services, ctx.state.actor, pageRef(ctx));
  ctx.state.title = `Signer keys of ${pkg.name}`;
  return page<Data>({
    pkg,
    home: homeOf(ctx, pkg.name),
    keys,
    values: { signer: "", public_key: "" },
    notice: null,
    error: null,
    ...extra,
  }, { status });
}

export const access: RouteAccess = "session";

export const handler = define.handlers({
  GET(ctx) {
    const { notice } = parseQuery(ctx.url, Query);
    return render(ctx, { notice: notice ? NOTICES[notice] : null });
  },
  async POST(ctx) {
    const { services: s, actor } = ctx.state;
    const ref = pageRef(ctx);
    const f = formFields(await readForm(ctx.req));
    const values = { signer: f.signer ?? "", public_key: f.public_key ?? "" };
    try {
      if (f.action === "add") {
        await addSignerKey(s, actor, { ...ref, ...values });
      } else if (f.action === "retire") {
        await retireSignerKey(s, actor, { ...ref, fingerprint: f.fingerprint ?? "" });
      } else {
        throw new HttpError(400, "Unknown action; use add or retire");
      }
      const notice = f.action === "add" ? "added" : "retired";
      return ctx.redirect(`${homeOf(ctx, ref.package)}/keys?notice=${notice}`, 303);
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      return render(ctx, { values, error: sentence(failure.message) }, failure.status);
    }
  },
});

export default define.page<typeof handler>(function SignerKeys({ data }) {
  const { pkg } = data;
  const archived = !!pkg.archivedAt;
  return (
    <div class="mx-auto max-w-3xl space-y-6">
      <nav aria-label="Breadcrumb" class="text-sm text-slate-500">
        <a href="/packages" class={ui.link}>Packages</a> /{" "}
        <a href={data.home} class={`font-mono ${ui.link}`}>{pkg.name}</a> /{" "}
        <a href={`${data.home}/settings`} class={ui.link}>Settings</a> / Signer keys
      </nav>
      <div class="space-y-2">
        <h1 class={ui.h1}>
          Signer keys of <span class="font-mono">{pkg.name}</span>
        </h1>
        <p class="text-sm text-slate-600">
          Every new version must be signed by at least one active key below. A version signed by a
          pinned key and a new key pins the new key (rotation by overlap). Changes here are audited
          and mailed to the package's owners.
        </p>
      </div>
      {data.notice && <Notice tone="success">{data.notice}</Notice>}
      <FormError message={data.error ?? undefined} />
      <section class={`${ui.card} p-5 sm:p-6 space-y-4`} aria-labelledby="pinned">
        <h2 id="pinned" class={ui.h2}>Pinned keys</h2>
        <PinnedKeyList
          keys={data.keys}
          actions={archived
            ? undefined
            : (k) =>
              k.status === "active" && (
                <form method="post" class="ml-auto">
                  <input type="hidden" name="action" value="retire" />
                  <input type="hidden" name="fingerprint" value={k.fingerprint} />
                  <button type="submit" class={ui.buttonSmall}>
                    Retire<span class="sr-only">the key of {k.signer}</span>
                  </button>
                </form>
              )}
        />
      </section>
      <section class={`${ui.card} p-5 sm:p-6 space-y-4`} aria-labelledby="add">
        <h2 id="add" class={ui.h2}>Add a key</h2>
        <p class="text-sm text-slate-600">
          Paste the public key as <code class="font-mono">public-keys.json</code>{" "}
          holds it: base64 of the raw 32-byte Ed25519 key.
        </p>
        <form method="post" class="space-y-4" novalidate>
          <input type="hidden" name="action" value="add" />
          <fieldset disabled={archived} class="space-y-4">
            <Field
              label="Signer id"
              name="signer"
              value={data.values.signer}
              placeholder="alice.dev"
            />
            <Field
              label="Public key (base64)"
              name="public_key"
              value={data.values.public_key}
              placeholder="11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="
            />
            <button type="submit" class={ui.buttonPrimary}>Pin this key</button>
          </fieldset>
        </form>
      </section>
    </div>
  );
});
