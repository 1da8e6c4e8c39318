import { ui } from "@/components/styles.ts";

const STEPS = ["Upload", "Review the verification", "Publish"];

/** Where the user is in upload -> review -> publish. */
export function PublishSteps({ current }: { current: 1 | 2 | 3 }) {
  return (
    <ol class="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm" aria-label="Publishing steps">
      {STEPS.map((label, i) => {
        const n = i + 1;
        const state = n < current ? "done" : n === current ? "current" : "todo";
        return (
          <li
            class="flex items-center gap-2"
            aria-current={state === "current" ? "step" : undefined}
          >
            {i > 0 && <span class="text-slate-300" aria-hidden="true">→</span>}
            <span
              class={`flex h-5 w-5 items-center justify-center rounded-full text-xs font-semibold ${
                state === "current"
                  ? "bg-indigo-600 text-white"
                  : state === "done"
                  ? "bg-emerald-600 text-white"
                  : "bg-slate-200 text-slate-600"
              }`}
              aria-hidden="true"
            >
              {state === "done" ? "✓" : n}
            </span>
            <span class={state === "current" ? "font-medium text-slate-900" : "text-slate-500"}>
              {label}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/** Said before anything is uploaded: only verified email addresses publish. */
export function UnverifiedNotice({ email }: { email: string }) {
  return (
    <div
      role="status"
      class="flex flex-wrap items-center justify-between gap-3 rounded-md bg-amber-50 px-4 py-3 ring-1 ring-inset ring-amber-200"
    >
      <p class="text-sm text-amber-900">
        <strong>Only verified email addresses can publish.</strong>{" "}
        You can upload a bundle and see its verification now; to publish it, follow the link we sent
        to {email}.
      </p>
      <form method="post" action="/verify/resend">
        <button type="submit" class={ui.buttonSmall}>Send the link again</button>
      </form>
    </div>
  );
}

/** Back after publishing: the same contents are that version already, which is no failure. */
export function AlreadyPublished(
  { name, version, href }: { name: string; version: string; href?: string },
) {
  return (
    <div
      role="status"
      class="flex flex-wrap items-center justify-between gap-3 rounded-md bg-sky-50 px-4 py-3 text-sm text-sky-900 ring-1 ring-inset ring-sky-200"
    >
      <p>
        <strong>This bundle is already published as {version}.</strong>{" "}
        Nothing more to do; a version can be published only once.
      </p>
      <a href={href ?? `/packages/${name}`} class={ui.buttonSecondary}>
        Open {name} {version}
      </a>
    </div>
  );
}
