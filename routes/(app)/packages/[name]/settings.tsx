import { z } from "zod";
import { type Ctx, define } from "@/lib/define.ts";
import { page } from "@/lib/framework/handlers.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { formFields, KiB, readForm } from "@/lib/http/body.ts";
import { parseQuery } from "@/lib/http/query.ts";
import { formFailure } from "@/lib/http/errors.ts";
import type { FieldIssue } from "@/lib/errors.ts";
import { type Package, packageStatus } from "@/lib/packages/packages.ts";
import { updatePackage } from "@/lib/packages/commands.ts";
import { transferPackage } from "@/lib/packages/transfer.ts";
import { publishTargets } from "@/lib/packages/owners.ts";
import { type PackagePlace, packagePlace, pageRef } from "@/lib/http/package_page.ts";
import { TransferCard } from "@/components/packages/TransferCard.tsx";
import { renderReadme } from "@/lib/packages/readme.ts";
import {
  blankToNull,
  MAX_DEPRECATION_MESSAGE,
  MAX_TAGS,
  type PackagePatch,
  README_MAX_BYTES,
} from "@/lib/packages/metadata.ts";
import { FormError, Notice } from "@/components/forms.tsx";
import { ui } from "@/components/styles.ts";
import { StatusBadge, VisibilityBadge } from "@/components/packages/Badges.tsx";
import { dashboardPath, sentence } from "@/components/packages/format.ts";
import {
  ActionCard,
  MetadataForm,
  type MetadataValues,
} from "@/components/packages/SettingsParts.tsx";
import type { RouteAccess } from "@/lib/http/access.ts";

interface Data extends PackagePlace {
  pkg: Package;
  /** Where the package may be transferred to (empty: no transfer offered). */
  transferTargets: string[];
  values: MetadataValues;
  errors: Record<string, string>;
  deprecation: { message: string; error: string | null };
  notice: string | null;
  error: string | null;
  /** The readme as typed, rendered for "Preview readme". */
  preview: string | null;
}

const NOTICES = {
  saved: "The details are saved.",
  deprecated: "The package is deprecated. Its page shows your message.",
  undeprecated: "The package is no longer deprecated.",
  unlisted: "The package is unlisted: it is hidden from listings but reachable by its link.",
  relisted: "The package is listed again.",
  archived: "The package is archived and read-only.",
  unarchived: "The package is unarchived: you can publish and change it again.",
  public: "The package is public.",
  private: "The package is private: only you can see it.",
  transferred: "The package is transferred: it lives here now, and its old address redirects here.",
};

type NoticeName = keyof typeof NOTICES;
const NOTICE_NAMES = Object.keys(NOTICES) as [NoticeName, ...NoticeName[]];
const Query = z.object({
  notice: z.enum(NOTICE_NAMES, `must be one of: ${NOTICE_NAMES.join(", ")}`).optional(),
});

/** The patch each lifecycle button sends, and the notice it comes back with. */
const ACTIONS: Record<string, { patch: PackagePatch; notice: NoticeName }> = {
  undeprecate: { patch: { deprecated: null }, notice: "undeprecated" },
  unlist: { patch: { unlisted: true }, notice: "unlisted" },
  relist: { patch: { unlisted: false }, notice: "relisted" },
  archive: { patch: { archived: true }, notice: "archived" },
  unarchive: { patch: { archived: false }, notice: "unarchived" },
};

function valuesOf(pkg: Package): MetadataValues {
  return {
    description: pkg.description ?? "",
    tags: pkg.tags.join(", "),
    readme: pkg.readme ?? "",
    homepage: pkg.homepage ?? "",
    repository: pkg.repository ?? "",
  };
}

interface Submission {
  patch: Record<string, unknown>;
  notice: NoticeName;
  values?: MetadataValues;
  tags?: string[];
  message?: string;
}

/** What a form submission asks the updatePackage command for. */
function submission(f: Record<string, string>): Submission {
  if (f.action === "metadata") {
    const values: MetadataValues = {
      description: f.description ?? "",
      tags: f.tags ?? "",
      readme: f.readme ?? "",
      homepage: f.homepage ?? "",
      repository: f.repository ?? "",
    };
    const tags = values.tags.split(",").map((t) => t.trim()).filter(Boolean);
    const patch = {
      description: blankToNull(values.description),
      tags,
      readme: blankToNull(values.readme),
      homepage: blankToNull(values.homepage),
      repository: blankToNull(values.repository),
    };
    return { patch, notice: "saved", values, tags };
  }
  if (f.action === "deprecate") {
    const message = f.message ?? "";
    return { patch: { deprecated: message }, notice: "deprecated", message };
  }
  if (f.action && Object.hasOwn(ACTIONS, f.action)) return ACTIONS[f.action]!;
  throw new HttpError(
    400,
    `Unknown action; use metadata, deprecate, ${Object.keys(ACTIONS).join(", ")}`,
  );
}

/** Each field's problem as a sentence beside it; a bad tag names the tag as typed. */
function fieldErrors(issues: FieldIssue[], tags: string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const [field = "form", index] = issue.field.split(".");
    const message = issue.message.replace(`${issue.field}: `, "");
    errors[field] ??= sentence(
      field === "tags" && index !== undefined
        ? `${message} (not "${tags[Number(index)]}")`
        : message,
    );
  }
  return errors;
}

async function render(ctx: Ctx, place: PackagePlace, extra: Partial<Data>, status = 200) {
  const { pkg } = place;
  const { services: s, user } = ctx.state;
  ctx.state.title = `Settings of ${pkg.name}`;
  // Transfers are offered with organizations on, to wherever the caller may transfer.
  const targets = place.may.transfer && s.config.orgsEnabled
    ? (await publishTargets(s.database, user!, true)).filter((h) => h !== place.owner)
    : [];
  return page<Data>({
    ...place,
    transferTargets: targets,
    values: valuesOf(pkg),
    errors: {},
    deprecation: { message: "", error: null },
    notice: null,
    error: null,
    preview: null,
    ...extra,
  }, { status });
}

async function previewOf(readme: string): Promise<Partial<Data>> {
  if (new TextEncoder().encode(readme).byteLength > README_MAX_BYTES) {
    return { errors: { readme: "The readme must be at most 64 KiB" } };
  }
  return { preview: await renderReadme(readme) };
}

export const access: RouteAccess = "session";

export const handler = define.handlers({
  async GET(ctx) {
    const { notice } = parseQuery(ctx.url, Query);
    return render(ctx, await packagePlace(ctx), { notice: notice ? NOTICES[notice] : null });
  },
  async POST(ctx) {
    const { services: s, actor, user } = ctx.state;
    const ref = pageRef(ctx);
    // The readme alone may be 64 KiB, before form encoding.
    const fields = formFields(await readForm(ctx.req, { maxBytes: 512 * KiB }));
    if (fields.action === "transfer") {
      try {
        const { pkg, owner } = await transferPackage(s, actor, { ...ref, to: fields.to ?? "" });
        const home = dashboardPath(owner.handle, user!.handle, pkg.name);
        return ctx.redirect(`${home}/settings?notice=transferred`, 303);
      } catch (error) {
        const failure = formFailure(error);
        if (!failure) throw error;
        return render(ctx, await packagePlace(ctx), { error: failure.message }, failure.status);
      }
    }
    const sent = submission(fields);
    // Preview: the form again with the readme rendered; nothing is saved.
    if (fields.preview && sent.values) {
      const place = await packagePlace(ctx);
      return render(ctx, place, { values: sent.values, ...(await previewOf(sent.values.readme)) });
    }
    try {
      const pkg = await updatePackage(s, actor, { ...ref, patch: sent.patch });
      const home = dashboardPath(ref.owner ?? user!.handle, user!.handle, pkg.name);
      return ctx.redirect(`${home}/settings?notice=${sent.notice}`, 303);
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      const place = await packagePlace(ctx);
      const errors = fieldErrors(failure.issues, sent.tags ?? []);
      return render(ctx, place, {
        ...(sent.values ? { values: sent.values, errors } : {}),
        ...(sent.message !== undefined
          ? { deprecation: { message: sent.message, error: errors.deprecated ?? null } }
          : {}),
        error: failure.message,
      }, failure.status);
    }
  },
});

export default define.page<typeof handler>(function PackageSettings({ data }) {
  const { pkg, home } = data;
  const archived = !!pkg.archivedAt;
  const handle = data.owner;
  return (
    <div class="space-y-6">
      <nav aria-label="Breadcrumb" class="text-sm text-slate-500">
        <a href="/packages" class={ui.link}>Packages</a> /{" "}
        <a href={home} class={`font-mono ${ui.link}`}>
          {data.qualified ? `@${handle}/` : ""}
          {pkg.name}
        </a>{" "}
        / Settings
      </nav>
      <div class="flex flex-wrap items-center gap-2">
        <h1 class={ui.h1}>
          Settings of <span class="font-mono">{pkg.name}</span>
        </h1>
        <VisibilityBadge visibility={pkg.visibility} />
        {packageStatus(pkg) !== "active" && <StatusBadge status={packageStatus(pkg)} />}
      </div>
      {data.notice && <Notice tone="success">{data.notice}</Notice>}
      <FormError message={data.error ?? undefined} />
      {archived && (
        <Notice tone="warning">
          This package is archived, so it is read-only. Unarchive it at the bottom of this page to
          change it or publish new versions.
        </Notice>
      )}
      <MetadataForm
        values={data.values}
        errors={data.errors}
        disabled={archived}
        maxTags={MAX_TAGS}
        preview={data.preview}
      />
      <ActionCard
        id="visibility"
        title="Visibility"
        body={pkg.visibility === "public"
          ? `Public: anyone can open /@${handle}/${pkg.name} and download its versions.`
          : data.qualified
          ? "Private: only the organization's owners and admins, and members whose team was granted it, can see this package."
          : "Private: only you can see this package and download its versions."}
      >
        <a
          href={`${home}/visibility`}
          class={`${ui.buttonSecondary} ${archived ? "pointer-events-none opacity-50" : ""}`}
          aria-disabled={archived ? "true" : undefined}
        >
          {pkg.visibility === "public" ? "Make private…" : "Make public…"}
        </a>
      </ActionCard>
      <ActionCard
        id="keys"
        title="Signer keys"
        body="New versions must be signed by a key the package pinned. Add a key to rotate, or retire one that should no longer sign."
      >
        <a href={`${home}/keys`} class={ui.buttonSecondary}>Manage signer keys</a>
      </ActionCard>
      <ActionCard
        id="deprecation"
        title="Deprecation"
        body={pkg.deprecatedAt
          ? `Deprecated: "${pkg.deprecationMessage}". Its versions can still be downloaded.`
          : "Deprecate a package that should no longer be used. Its page shows your message; every version stays downloadable."}
      >
        {pkg.deprecatedAt
          ? (
            <form method="post">
              <input type="hidden" name="action" value="undeprecate" />
              <button type="submit" class={ui.buttonSecondary} disabled={archived}>
                Undo deprecation
              </button>
            </form>
          )
          : (
            <form method="post" class="w-full space-y-2" novalidate>
              <input type="hidden" name="action" value="deprecate" />
              <label for="field-message" class={ui.label}>Message</label>
              <textarea
                id="field-message"
                name="message"
                rows={2}
                maxLength={MAX_DEPRECATION_MESSAGE}
                disabled={archived}
                placeholder="Use @you/new-skill instead"
                aria-invalid={data.deprecation.error ? "true" : undefined}
                class={data.deprecation.error ? ui.inputInvalid : ui.input}
              >
                {data.deprecation.message}
              </textarea>
              {data.deprecation.error && (
                <p class="text-sm text-red-700" role="alert">{data.deprecation.error}</p>
              )}
              <button type="submit" class={ui.buttonSecondary} disabled={archived}>
                Deprecate package
              </button>
            </form>
          )}
      </ActionCard>
      <ActionCard
        id="listing"
        title="Listing"
        body={pkg.unlistedAt
          ? "Unlisted: hidden from your public profile and Explore. A public package stays reachable by its link."
          : "Unlist a package to hide it from your public profile and Explore. It stays reachable by its link, and nothing else changes."}
      >
        <form method="post">
          <input type="hidden" name="action" value={pkg.unlistedAt ? "relist" : "unlist"} />
          <button type="submit" class={ui.buttonSecondary} disabled={archived}>
            {pkg.unlistedAt ? "List again" : "Unlist"}
          </button>
        </form>
      </ActionCard>
      <ActionCard
        id="archive"
        title="Archive"
        body={archived
          ? "Archived: read-only. Unarchive to publish new versions and change its details again."
          : "Archive a package that is finished. It becomes read-only: no new versions, no changes to its details, until you unarchive it. Every version stays downloadable."}
      >
        <form method="post">
          <input type="hidden" name="action" value={archived ? "unarchive" : "archive"} />
          <button type="submit" class={archived ? ui.buttonSecondary : ui.buttonDanger}>
            {archived ? "Unarchive" : "Archive package"}
          </button>
        </form>
      </ActionCard>
      {data.transferTargets.length > 0 && (
        <TransferCard owner={handle} name={pkg.name} targets={data.transferTargets} />
      )}
    </div>
  );
});
