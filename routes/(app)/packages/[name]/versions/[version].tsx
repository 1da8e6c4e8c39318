import { type Ctx, define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { formFields, KiB, readForm } from "@/lib/http/body.ts";
import { versionFor } from "@/lib/packages/access.ts";
import { loadPackageTrust } from "@/lib/packages/trust.ts";
import { checkPolicyText } from "@/lib/packages/policy_check.ts";
import { ui } from "@/components/styles.ts";
import { RelativeTime } from "@/components/time.tsx";
import { VersionView } from "@/components/packages/VersionView.tsx";
import type { RouteAccess } from "@/lib/http/access.ts";
import { homeOf, pageRef } from "@/lib/http/package_page.ts";

export const access: RouteAccess = "session";

/** The owner's view of a version; with `policyText`, also that policy's verdict (a POST). */
async function load(ctx: Ctx, policyText: string | null) {
  const { services: s, actor } = ctx.state;
  const { pkg, version } = await versionFor(s, actor, "package.read", {
    ...pageRef(ctx),
    version: ctx.params.version!,
  });
  const { trust } = await loadPackageTrust(s.db, pkg);
  const policy = policyText === null
    ? { text: "", result: null, error: null }
    : checkPolicyText(version, policyText);
  ctx.state.title = `${pkg.name} ${version.version}`;
  const ref = pageRef(ctx);
  return page({
    pkg,
    home: homeOf(ctx, pkg.name),
    handle: ref.owner ?? ctx.state.user!.handle,
    version,
    trust: trust.get(version.id)!,
    origin: s.config.publicOrigin,
    now: s.clock(),
    policy,
  }, { status: policy.error ? 400 : 200 });
}

export const handler = define.handlers({
  GET(ctx) {
    return load(ctx, null);
  },
  // Check the version against a pasted policy: an answer on the page, nothing stored.
  async POST(ctx) {
    const f = formFields(await readForm(ctx.req, { maxBytes: 128 * KiB }));
    return load(ctx, f.policy ?? "");
  },
});

export default define.page<typeof handler>(function OwnerVersion({ data, state }) {
  const { pkg, handle } = data;
  const viaApi = pkg.visibility === "private";
  const qualified = handle === state.user!.handle ? "" : `@${handle}/`;
  const base = viaApi
    ? `/v1/packages/${qualified}${pkg.name}/versions`
    : `/@${handle}/${pkg.name}/versions`;
  return (
    <VersionView
      pkg={pkg}
      version={data.version}
      trust={data.trust}
      policy={data.policy}
      downloadBase={`${data.origin}${base}`}
      viaApi={viaApi}
      crumbs={
        <>
          <a href="/packages" class={ui.link}>Packages</a> /{" "}
          <a href={data.home} class={`font-mono ${ui.link}`}>{pkg.name}</a> /{" "}
          <span class="font-mono">{data.version.version}</span>
          {pkg.visibility === "public" && (
            <>
              {" · "}
              <a
                href={`/@${handle}/${pkg.name}/versions/${
                  encodeURIComponent(data.version.version)
                }`}
                class={ui.link}
              >
                Public page
              </a>
            </>
          )}
        </>
      }
      when={(date) => <RelativeTime date={date} now={data.now} />}
    />
  );
});
