import { formatBytes } from "@/lib/bytes.ts";
import { ui } from "@/components/styles.ts";
import { FormError } from "@/components/forms.tsx";
import type { Package } from "@/lib/packages/packages.ts";
import type { VerificationReport } from "@/lib/packages/bundle/verify.ts";
import { AlreadyPublished, UnverifiedNotice } from "./PublishSteps.tsx";
import { CapabilityTable, factsOfReport, VersionFacts } from "./Facts.tsx";
import { StepList } from "./StepList.tsx";
import { ReviewKeys } from "./SignerKeys.tsx";
import { CapabilityDiff, MoreCapabilitiesBadge } from "./CapabilityDiff.tsx";
import type { CapabilityChange } from "@/lib/packages/capability_diff.ts";

/** A staged upload, verified for the current owner. */
export interface Reviewed {
  report: VerificationReport;
  archiveSize: number;
  /** The owner's package of the manifest's name, if it exists. */
  existing: Package | null;
  /** The version these same contents were already published as, if any. */
  published: string | null;
  /** The capability change from the package's version below this one; null if unknown. */
  change: CapabilityChange | null;
}

/** The confirm form's state: the visibility chosen and why the last attempt failed. */
export interface ConfirmState {
  error: { message: string; resend: boolean } | null;
  visibility: "private" | "public";
}

/** The review: the verdict, the nine steps, what the bundle says, and the confirm form. */
export function ReviewBody(props: {
  state: ConfirmState;
  review: Reviewed;
  action: string;
  again: string;
  handle: string;
  email: string;
  verified: boolean;
  /** Where a new package may go ("Publish to"): handles, the chosen one first. */
  targets?: string[];
  /** The existing package's dashboard page. */
  base?: string;
}) {
  const { report, existing, archiveSize } = props.review;
  const failed = report.steps.find((s) => s.status === "failed");
  const facts = factsOfReport(report);
  const change = props.review.change;
  const keyRefusal = report.error?.code === "signer_key_not_pinned" ? report.error.message : null;
  return (
    <>
      {/* A confirm refused by verification (the bundle or the package changed since the GET). */}
      {props.state.error && !report.ok && <FormError message={props.state.error.message} />}
      {props.review.published && existing
        ? (
          <AlreadyPublished
            name={existing.name}
            version={props.review.published}
            href={props.base}
          />
        )
        : report.ok
        ? (
          <div
            role="status"
            class="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-200"
          >
            <strong>The bundle verified.</strong>{" "}
            Every step passed. Check the facts below, then publish.
          </div>
        )
        : (
          <div
            role="alert"
            class="flex flex-wrap items-center justify-between gap-3 rounded-md bg-red-50 px-4 py-3 text-sm text-red-900 ring-1 ring-inset ring-red-200"
          >
            <p>
              <strong>The bundle did not verify.</strong>{" "}
              {failed ? `Step ${failed.step} (${failed.name}) failed; see why below.` : ""}
            </p>
            <a href={props.again} class={ui.buttonSecondary}>Upload a fixed bundle</a>
          </div>
        )}
      {!props.verified && <UnverifiedNotice email={props.email} />}
      <div class="grid gap-6 lg:grid-cols-5 lg:items-start">
        <section
          class={`${ui.card} min-w-0 p-5 sm:p-6 lg:col-span-3 space-y-4`}
          aria-labelledby="steps"
        >
          <h2 id="steps" class={ui.h2}>Verification</h2>
          {props.review.published
            ? (
              // Step 9 refusing the same version twice is expected here, not news.
              <details class="text-sm text-slate-700">
                <summary class="cursor-pointer">
                  Steps 1 to 8 passed; step 9 refuses to publish {props.review.published}{" "}
                  a second time. Show the steps
                </summary>
                <div class="mt-4">
                  <StepList steps={report.steps} error={report.error} />
                </div>
              </details>
            )
            : <StepList steps={report.steps} error={report.error} />}
        </section>
        <div class="min-w-0 space-y-6 lg:col-span-2">
          <section class={`${ui.card} p-5 space-y-3`} aria-labelledby="keys">
            <h2 id="keys" class={ui.h2}>Signer keys</h2>
            <ReviewKeys check={report.keys} refusal={keyRefusal} />
          </section>
          <section class={`${ui.card} p-5 space-y-3`} aria-labelledby="capabilities">
            <div class="flex flex-wrap items-center gap-2">
              <h2 id="capabilities" class={ui.h2}>Capabilities</h2>
              {change?.increased && <MoreCapabilitiesBadge />}
            </div>
            {change && <CapabilityDiff change={change} />}
            <CapabilityTable capabilities={facts.capabilities} />
          </section>
          {report.ok && (
            <Confirm
              {...props}
              name={report.name!}
              version={report.version!}
              existing={existing}
            />
          )}
          <section class={`${ui.card} p-5 space-y-4`} aria-labelledby="facts">
            <h2 id="facts" class={ui.h2}>What the bundle says</h2>
            <dl class="grid grid-cols-2 gap-4 text-sm">
              <div>
                <dt class="text-xs font-medium text-slate-500">Package</dt>
                <dd class="break-all font-mono text-slate-900">{report.name ?? "unknown"}</dd>
              </div>
              <div>
                <dt class="text-xs font-medium text-slate-500">Version</dt>
                <dd class="break-all font-mono text-slate-900">{report.version ?? "unknown"}</dd>
              </div>
              <div>
                <dt class="text-xs font-medium text-slate-500">In your repository</dt>
                <dd class="text-slate-900">
                  {existing
                    ? `Existing, latest ${existing.latestVersion ?? "none"}`
                    : "New: this creates it"}
                </dd>
              </div>
              <div>
                <dt class="text-xs font-medium text-slate-500">Archive</dt>
                <dd class="text-slate-900">{formatBytes(archiveSize)}</dd>
              </div>
            </dl>
            <VersionFacts facts={facts} />
          </section>
        </div>
      </div>
    </>
  );
}

function Confirm(props: {
  state: ConfirmState;
  action: string;
  handle: string;
  verified: boolean;
  name: string;
  version: string;
  existing: Package | null;
  targets?: string[];
  base?: string;
}) {
  const { state, existing } = props;
  const base = props.base ?? `/packages/${existing?.name ?? props.name}`;
  const targets = props.targets ?? [];
  if (existing?.archivedAt) {
    return (
      <section class="rounded-lg bg-slate-800 p-5 text-sm text-white space-y-2">
        {state.error && <FormError message={state.error.message} />}
        <h2 class="font-semibold">{existing.name} is archived</h2>
        <p>
          Archived packages take no new versions.{" "}
          <a href={`${base}/settings#archive`} class="underline">
            Unarchive it
          </a>{" "}
          first, then come back to this page.
        </p>
      </section>
    );
  }
  return (
    <section
      class={`${ui.card} p-5 space-y-4 ring-2 ring-indigo-200`}
      aria-labelledby="confirm"
    >
      <h2 id="confirm" class={ui.h2}>
        Publish <span class="font-mono">{props.name}</span>{" "}
        <span class="font-mono">{props.version}</span>
      </h2>
      <form method="post" action={props.action} class="space-y-4">
        {state.error && (
          <div class="space-y-2">
            <FormError message={state.error.message} />
            {state.error.resend && (
              <p class="text-sm text-slate-700">
                Lost the mail? Use <strong>Send the link again</strong> above.
              </p>
            )}
          </div>
        )}
        {existing
          ? (
            <p class="text-sm text-slate-600">
              A new version of {base.startsWith("/packages/@") ? "the" : "your"}{" "}
              {existing.visibility} package{" "}
              <a href={base} class={`font-mono ${ui.link}`}>
                {existing.name}
              </a>. Versions are immutable: {props.version} can never be replaced.
            </p>
          )
          : (
            <>
              {targets.length > 1 && <PublishTo targets={targets} />}
              <fieldset class="space-y-2">
                <legend class="text-sm font-medium text-slate-800">
                  Visibility of the new package
                </legend>
                <Choice
                  value="private"
                  checked={state.visibility === "private"}
                  title="Private"
                  body="Only you can see it and download its versions."
                />
                <Choice
                  value="public"
                  checked={state.visibility === "public"}
                  title="Public"
                  body={`Anyone can open /@${props.handle}/${props.name}, read its readme and download every version; it is listed on your profile and in Explore.`}
                />
                <p class="text-xs text-slate-500">You can change this later in its settings.</p>
              </fieldset>
            </>
          )}
        <button type="submit" class={ui.buttonPrimary} disabled={!props.verified}>
          Publish {props.version}
        </button>
        {!props.verified && (
          <p class="text-xs text-slate-600">Verify your email address to publish.</p>
        )}
      </form>
    </section>
  );
}

function Choice(props: { value: string; checked: boolean; title: string; body: string }) {
  return (
    <label class="flex items-start gap-3 rounded-md p-2 ring-1 ring-inset ring-slate-200">
      <input
        type="radio"
        name="visibility"
        value={props.value}
        checked={props.checked}
        class="mt-1 h-4 w-4 text-indigo-600"
      />
      <span class="min-w-0 text-sm">
        <span class="block font-medium text-slate-900">{props.title}</span>
        <span class="block text-slate-600 break-words">{props.body}</span>
      </span>
    </label>
  );
}

/** "Publish to": the user or an organization where they may create packages (docs/adr/0010). */
export function PublishTo(props: { targets: string[] }) {
  return (
    <div class="space-y-1.5">
      <label for="field-owner" class={ui.label}>Publish to</label>
      <select id="field-owner" name="owner" class={ui.input}>
        {props.targets.map((handle, i) => (
          <option key={handle} value={handle} selected={i === 0}>@{handle}</option>
        ))}
      </select>
    </div>
  );
}
