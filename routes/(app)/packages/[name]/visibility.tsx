import { type Ctx, define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { formFields, readForm } from "@/lib/http/body.ts";
import { formFailure } from "@/lib/http/errors.ts";
import type { Package } from "@/lib/packages/packages.ts";
import { updatePackage } from "@/lib/packages/commands.ts";
import { type PackagePlace, packagePlace, pageRef } from "@/lib/http/package_page.ts";
import { FormError } from "@/components/forms.tsx";
import { ui } from "@/components/styles.ts";
import { VisibilityBadge } from "@/components/packages/Badges.tsx";
import type { RouteAccess } from "@/lib/http/access.ts";

interface Data extends PackagePlace {
  pkg: Package;
  error: string | null;
}

function render(ctx: Ctx, place: PackagePlace, error: string | null, status = 200) {
  ctx.state.title = `Change the visibility of ${place.pkg.name}`;
  return page<Data>({ ...place, error }, { status });
}

export const access: RouteAccess = "session";

export const handler = define.handlers({
  // The confirmation step: what changes, before anything does.
  async GET(ctx) {
    return render(ctx, await packagePlace(ctx), null);
  },
  async POST(ctx) {
    const { services: s, actor } = ctx.state;
    const { visibility } = formFields(await readForm(ctx.req));
    try {
      // The page sends one of its two buttons; anything else is a tampered form.
      if (visibility !== "public" && visibility !== "private") {
        const place = await packagePlace(ctx, "package.update");
        return render(ctx, place, "Choose the visibility: private or public", 400);
      }
      await updatePackage(s, actor, { ...pageRef(ctx), patch: { visibility } });
      const { home } = await packagePlace(ctx);
      return ctx.redirect(`${home}/settings?notice=${visibility}`, 303);
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      return render(ctx, await packagePlace(ctx), failure.message, failure.status);
    }
  },
});

export default define.page<typeof handler>(function Visibility({ data }) {
  const { pkg, home } = data;
  const handle = data.owner;
  const toPublic = pkg.visibility === "private";
  const path = `/@${handle}/${pkg.name}`;
  return (
    <div class="mx-auto max-w-2xl space-y-6">
      <nav aria-label="Breadcrumb" class="text-sm text-slate-500">
        <a href="/packages" class={ui.link}>Packages</a> /{" "}
        <a href={home} class={`font-mono ${ui.link}`}>{pkg.name}</a> /{" "}
        <a href={`${home}/settings`} class={ui.link}>Settings</a> / Visibility
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
          <a href={`${home}/settings`} class={ui.buttonSecondary}>Cancel</a>
        </form>
      </section>
    </div>
  );
});
