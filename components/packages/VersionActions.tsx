import type { ComponentChildren } from "preact";
import type { PackageVersion } from "@/lib/packages/versions.ts";
import { MAX_DEPRECATION_MESSAGE } from "@/lib/packages/deprecation.ts";
import { MAX_YANK_REASON } from "@/lib/packages/yank.ts";
import { ui } from "@/components/styles.ts";

/** The owner's buttons on a version row: deprecate or yank it, or undo either. */
export function VersionActions({ version }: { version: PackageVersion }) {
  return (
    <>
      {version.deprecatedAt
        ? <UndoButton version={version} action="undeprecate_version" label="Undo deprecation" />
        : (
          <OpenForm
            version={version}
            action="deprecate_version"
            label="Deprecate"
            field={
              <TextField
                name="message"
                label="Why (optional, shown with the version)"
                max={MAX_DEPRECATION_MESSAGE}
                placeholder="Use 1.2.1: fixes a crash"
              />
            }
          />
        )}
      {version.yankedAt
        ? <UndoButton version={version} action="unyank_version" label="Undo yank" push={false} />
        : (
          <OpenForm
            push={false}
            version={version}
            action="yank_version"
            label="Yank"
            field={
              <TextField
                name="reason"
                label="Why (required, shown with the version). A yanked version is never resolved nor latest; it still downloads by its exact version."
                max={MAX_YANK_REASON}
                placeholder="Leaks the token it is given; use 1.2.1"
                required
              />
            }
          />
        )}
    </>
  );
}

// `push`: the first control pushes itself and the next to the end of the row.
function UndoButton(
  props: { version: PackageVersion; action: string; label: string; push?: boolean },
) {
  return (
    <form method="post" class={props.push === false ? "" : "ml-auto"}>
      <input type="hidden" name="action" value={props.action} />
      <input type="hidden" name="version" value={props.version.version} />
      <button type="submit" class={ui.buttonSmall}>
        {props.label}
        <span class="sr-only">of {props.version.version}</span>
      </button>
    </form>
  );
}

function OpenForm(
  props: {
    version: PackageVersion;
    action: string;
    label: string;
    field: ComponentChildren;
    push?: boolean;
  },
) {
  return (
    // Opened, it takes the whole row, so the text field has room.
    <details class={`${props.push === false ? "" : "ml-auto"} open:basis-full`}>
      <summary class={`ml-auto block w-fit cursor-pointer list-none rounded-md ${ui.focus}`}>
        <span class={ui.buttonSmall}>
          {props.label}
          <span class="sr-only">{props.version.version}</span>
        </span>
      </summary>
      <form method="post" class="mt-3 flex flex-wrap items-end gap-2">
        <input type="hidden" name="action" value={props.action} />
        <input type="hidden" name="version" value={props.version.version} />
        {props.field}
        <button type="submit" class={ui.buttonSmall}>{props.label} {props.version.version}</button>
      </form>
    </details>
  );
}

function TextField(
  props: { name: string; label: string; max: number; placeholder: string; required?: boolean },
) {
  return (
    <label class="min-w-0 flex-1 basis-60 space-y-1">
      <span class="block text-xs text-slate-600">{props.label}</span>
      <input
        type="text"
        name={props.name}
        maxLength={props.max}
        placeholder={props.placeholder}
        required={props.required}
        class={ui.input}
      />
    </label>
  );
}
