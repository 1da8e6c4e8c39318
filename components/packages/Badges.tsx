import type { Visibility } from "@/lib/packages/packages.ts";
import { Badge, StatusBadge } from "@/components/StatusBadge.tsx";
import { ui } from "@/components/styles.ts";

export { StatusBadge };

/** Private or public, in words and colour. */
export function VisibilityBadge({ visibility }: { visibility: Visibility }) {
  return <StatusBadge status={visibility} />;
}

/** A version's deprecation mark. */
export function DeprecatedBadge() {
  return <StatusBadge status="deprecated" />;
}

/** A version's yank mark: resolution and "latest" skip it. */
export function YankedBadge() {
  return <Badge tone="red">Yanked</Badge>;
}

/** A signer's verification result. */
export function SignerBadge({ verified }: { verified: boolean }) {
  return verified
    ? (
      <Badge tone="emerald">
        <span aria-hidden="true">✓</span> Verified
      </Badge>
    )
    : (
      <Badge tone="red">
        <span aria-hidden="true">✗</span> Not verified
      </Badge>
    );
}

/**
 * A package's tags, as small chips; nothing when it has none. With `search`, each tag links
 * to that list searched for it (`/explore`, a profile, or the owner's own packages).
 */
export function TagList({ tags, search }: { tags: string[]; search?: string }) {
  if (tags.length === 0) return null;
  const chip = "rounded-md bg-slate-100 px-2 py-0.5 font-mono text-xs text-slate-700";
  return (
    <ul class="flex flex-wrap gap-1.5" aria-label="Tags">
      {tags.map((t) => (
        <li class="min-w-0">
          {search
            ? (
              <a
                href={`${search}?q=${encodeURIComponent(t)}`}
                class={`block break-all ${chip} hover:bg-indigo-50 hover:text-indigo-800 ${ui.focus}`}
              >
                {t}
              </a>
            )
            : <span class={`block break-all ${chip}`}>{t}</span>}
        </li>
      ))}
    </ul>
  );
}
