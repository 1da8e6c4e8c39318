import type { Visibility } from "@/lib/packages/packages.ts";
import { Badge, StatusBadge } from "@/components/StatusBadge.tsx";

export { StatusBadge };

/** Private or public, in words and colour. */
export function VisibilityBadge({ visibility }: { visibility: Visibility }) {
  return <StatusBadge status={visibility} />;
}

/** A version's deprecation mark. */
export function DeprecatedBadge() {
  return <StatusBadge status="deprecated" />;
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

/** A package's tags, as small chips; nothing when it has none. */
export function TagList({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  return (
    <ul class="flex flex-wrap gap-1.5" aria-label="Tags">
      {tags.map((t) => (
        <li class="rounded-md bg-slate-100 px-2 py-0.5 font-mono text-xs text-slate-700">{t}</li>
      ))}
    </ul>
  );
}
