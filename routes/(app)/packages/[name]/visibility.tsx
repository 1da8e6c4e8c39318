import { type Ctx, define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { formFields, readForm } from "@/lib/http/body.ts";
import { formFailure } from "@/lib/http/errors.ts";
import type { Package } from "@/lib/packages/packages.ts";
import { packageFor } from "@/lib/packages/access.ts";
import { updatePackage } from "@/lib/packages/commands.ts";
import { FormError } from "@/components/forms.tsx";
import { ui } from "@/components/styles.ts";
import { VisibilityBadge } from "@/components/packages/Badges.tsx";
import type { RouteAccess } from "@/lib/http/access.ts";

interface Data {
  pkg: Package;
  error: string | null;
}

function render(ctx: Ctx, pkg: Package, error: string | null, status = 200) {
  ctx.state.title = `Change the visibility of ${pkg.name}`;
  return page<Data>({ pkg, error }, { status });
}

export const access: RouteAccess = "session";

export const handler = define.handlers({
  // The confirmation step: what changes, before anything does.
  async GET(ctx) {
    const { services: s, actor } = ctx.state;
    return render(ctx, await packageFor(s, actor, "package.read", ctx.params.name!), null);
  },
  async POST(ctx) {
    const { services: s, actor } = ctx.state;
    const name = ctx.params.name!;
    const { visibility } = formFields(await readForm(ctx.req));
    try {
      // The page sends one of its two buttons; anything else is a tampered form.
      if (visibility !== "public" && visibility !== "private") {
        const pkg = await packageFor(s, actor, "package.update", name);
        return render(ctx, pkg, "Choose the visibility: private or public", 400);
      }
      const pkg = await updatePackage(s, actor, { package: name, patch: { visibility } });
      return ctx.redirect(`/packages/${pkg.name}/settings?notice=${visibility}`, 303);
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      const pkg = await packageFor(s, actor, "package.read", name);
      return render(ctx, pkg, failure.message, failure.status);
    }
  },
});

export default define.page<typeof handler>(function Visibility({ data, state }) {
  const { pkg } = data;
  const handle = state.user!.handle;
  const toPublic = pkg.visibility === "private";
  const path = `/@${handle}/${pkg.name}`;
  return (
    <div class="mx-auto max-w-2xl space-y-6">
      <nav aria-label="Breadcrumb" class="text-sm text-slate-500">
        <a href="/packages" class={ui.link}>Packages</a> /{" "}
        <a href={`/packages/${pkg.name}`} class={`font-mono ${ui.link}`}>{pkg.name}</a> /{" "}
        <a href={`/packages/${pkg.name}/settings`} class={ui.link}>Settings</a> / Visibility
      </nav>
      <section class={`${ui.card} p-6 space-y-5`} aria-labelledby="title">
        <div class="space-y-2">
          <h1 id="title" class={ui.h1}>
            Make <span class="font-mono">{pkg.name}</span> {toPublic ? "public" : "private"}?
          </h1>
          <p class="flex flex-wrap items-center gap-2 text-sm text-slate-600">
            Now <VisibilityBadge visibility={pkg.visibility} /> <span aria-hidden="true">→</span>
            {" "}
            after this <VisibilityBadge visibility={toPublic ? "public" : "private"} />
          </p>
        </div>
        <FormError message={data.error ?? undefined} />
        <div class="space-y-2 text-sm text-slate-700">
          <p class="font-medium text-slate-900">What changes</p>
          {toPublic
            ? (
              <ul class="list-disc space-y-1.5 pl-5">
                <li>
                  Anyone, signed in or not, can open <code class={ui.code}>{path}</code>{" "}
                  and see its description, tags, readme, links and every version with its digests,
                  signers and capabilities.
                </li>
                <li>Anyone can download every version's bundle and skill.wasm.</li>
                <li>
                  {pkg.unlistedAt
                    ? "It stays unlisted: not on your public profile or in Explore, only reachable by its link."
                    : `It is listed on your public profile (/@${handle}) and in Explore.`}
                </li>
                <li>Your account's email address and the package's settings stay private.</li>
              </ul>
            )
            : (
              <ul class="list-disc space-y-1.5 pl-5">
                <li>
                  <code class={ui.code}>{path}</code>{" "}
                  and its downloads answer "not found" for everyone but you.
                </li>
                <li>It leaves your public profile and Explore.</li>
                <li>
                  Public pages are cached for up to 10 minutes, so the old page may still be seen
                  for that long. Anything already downloaded stays with whoever downloaded it.
                </li>
              </ul>
            )}
        </div>
        <form method="post" class="flex flex-wrap gap-3 pt-1">
          <input type="hidden" name="visibility" value={toPublic ? "public" : "private"} />
          <button type="submit" class={toPublic ? ui.buttonPrimary : ui.buttonDanger}>
            {toPublic ? "Make public" : "Make private"}
          </button>
          <a href={`/packages/${pkg.name}/settings`} class={ui.buttonSecondary}>Cancel</a>
        </form>
      </section>
    </div>
  );
});
