import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";

const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;

/**
 * The publish form's submit button. Without JavaScript the form posts as is; with it, the
 * upload goes by XHR with a progress bar and a cancel button, then the browser opens the
 * review page the server redirected to (or shows the reason the server gave).
 */
export default function BundleUpload(props: { maxBytes: number }) {
  const error = useSignal<string | null>(null);
  const sent = useSignal<{ loaded: number; total: number } | null>(null);
  const verifying = useSignal(false);
  const root = useRef<HTMLDivElement>(null);
  const xhr = useRef<XMLHttpRequest | null>(null);

  function stop(reason: string | null) {
    xhr.current = null;
    sent.value = null;
    verifying.value = false;
    error.value = reason;
  }

  useEffect(() => {
    const form = root.current?.closest("form");
    if (!form) return;
    function submit(event: SubmitEvent) {
      const data = new FormData(form!);
      const size = [...data.values()].reduce((n, v) => n + (v instanceof File ? v.size : 0), 0);
      event.preventDefault();
      if (xhr.current) return;
      if (size === 0) return stop("Choose a bundle archive or the bundle files first");
      if (size > props.maxBytes) {
        return stop(`The upload is ${mib(size)}; the limit is ${mib(props.maxBytes)}`);
      }
      document.getElementById("upload-error")?.remove();
      const req = xhr.current = new XMLHttpRequest();
      error.value = null;
      sent.value = { loaded: 0, total: size };
      req.upload.onprogress = (e) => sent.value = { loaded: e.loaded, total: e.total || size };
      req.upload.onload = () => {
        sent.value = { loaded: size, total: size };
        verifying.value = true;
      };
      req.onload = () => {
        if (new URL(req.responseURL).pathname === "/packages/new/review") {
          return location.assign(req.responseURL);
        }
        // The server answered with the form again and its reason: show that reason here.
        const page = new DOMParser().parseFromString(req.responseText, "text/html");
        const reason = page.getElementById("upload-error")?.textContent?.trim();
        stop(reason || `The upload failed (HTTP ${req.status}); try again`);
      };
      req.onerror = () => stop("The connection failed during the upload; try again");
      req.onabort = () => stop(null);
      req.open("POST", form!.action);
      req.send(data);
    }
    form.addEventListener("submit", submit);
    return () => form.removeEventListener("submit", submit);
  }, []);

  const progress = sent.value;
  const pct = progress ? Math.round(progress.loaded / Math.max(progress.total, 1) * 100) : 0;
  return (
    <div ref={root} class="space-y-3">
      {error.value && (
        <p
          role="alert"
          class="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200"
        >
          {error.value}
        </p>
      )}
      {progress && (
        <div class="space-y-2" aria-live="polite">
          <progress max={100} value={pct} aria-label="Upload" class="h-2 w-full accent-indigo-600">
            {pct}%
          </progress>
          <div class="flex items-center justify-between gap-3 text-sm text-slate-600">
            <span>
              {verifying.value
                ? "Uploaded. Verifying the bundle…"
                : `Uploading ${mib(progress.loaded)} of ${mib(progress.total)} (${pct}%)`}
            </span>
            <button
              type="button"
              onClick={() => xhr.current?.abort()}
              class="font-medium text-slate-700 underline"
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      <button
        type="submit"
        disabled={!!progress}
        class="inline-flex items-center justify-center rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        Upload and verify
      </button>
    </div>
  );
}
