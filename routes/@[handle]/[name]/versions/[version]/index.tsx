import { define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { formFields, KiB, readForm } from "@/lib/http/body.ts";
import { cachedPublicPage } from "@/lib/http/public_cache.ts";
import { publicVersion } from "@/lib/packages/access.ts";
import { loadPackageTrust } from "@/lib/packages/trust.ts";
import { checkPolicyText, type PolicyState } from "@/lib/packages/policy_check.ts";
import { ui } from "@/components/styles.ts";
import { isoDate } from "@/components/packages/format.ts";
import { VersionView } from "@/components/packages/VersionView.tsx";
import type { Ctx } from "@/lib/define.ts";
import type { RouteAccess } from "@/lib/http/access.ts";

export const access: RouteAccess = "page";

/** The page; with `policyText`, also the verdict of that policy (a POST). */
async function load(ctx: Ctx, policyText: string | null) {
  const s = ctx.state.services;
  const handle = ctx.params.handle!.toLowerCase();
  const { pkg, version } = await publicVersion(s, ctx.state.actor, {
    handle,
    package: ctx.params.name!,
    version: ctx.params.version!,
  });
  const { trust } = await loadPackageTrust(s.db, pkg);
  const policy = policyText === null ? EMPTY : checkPolicyText(version, policyText);
  ctx.state.title = `${pkg.name} ${version.version} by @${handle}`;
  ctx.state.description = `Signers, keys and capabilities of ${pkg.name} ${version.version}.`;
  return page({
    pkg,
    version,
    trust: trust.get(version.id)!,
    handle,
    origin: s.config.publicOrigin,
    policy,
  }, { status: policy.error ? 400 : 200 });
}

const EMPTY: PolicyState = { text: "", result: null, error: null };

export const handler = define.handlers({
  async GET(ctx) {
    const s = ctx.state.services;
    const { pkg } = await publicVersion(s, ctx.state.actor, {
      handle: ctx.params.handle!.toLowerCase(),
      package: ctx.params.name!,
      version: ctx.params.version!,
    });
    // Keys and versions move updated_at, so the page under this key is still the page.
    const key = `@${ctx.params.handle}/${pkg.id}/${pkg.updatedAt.getTime()}/${ctx.params.version}`;
    return cachedPublicPage(ctx.state, key) ?? load(ctx, null);
  },
  // Check the version against a pasted policy: an answer on the page, nothing stored.
  async POST(ctx) {
    const f = formFields(await readForm(ctx.req, { maxBytes: 128 * KiB }));
    return load(ctx, f.policy ?? "");
  },
});

export default define.page<typeof handler>(function PublicVersion({ data }) {
  const base = `/@${data.handle}/${data.pkg.name}`;
  return (
    <VersionView
      pkg={data.pkg}
      version={data.version}
      trust={data.trust}
      policy={data.policy}
      downloadBase={`${data.origin}${base}/versions`}
      viaApi={false}
      crumbs={
        <>
          <a href={`/@${data.handle}`} class={`font-mono ${ui.link}`}>@{data.handle}</a> /{" "}
          <a href={base} class={`font-mono ${ui.link}`}>{data.pkg.name}</a> /{" "}
          <span class="font-mono">{data.version.version}</span>
        </>
      }
      when={(date) => <time dateTime={date.toISOString()}>{isoDate(date)}</time>}
    />
  );
});
