import { ui } from "@/components/styles.ts";
import { ActionCard } from "./SettingsParts.tsx";

/**
 * Transfer a package (docs/adr/0010) to the user themself or an organization where they are an
 * owner or admin: the choices are only those, and the command checks again.
 */
export function TransferCard(props: { owner: string; name: string; targets: string[] }) {
  return (
    <ActionCard
      id="transfer"
      title="Transfer"
      body={`Move ${props.name} from @${props.owner} to another owner. Its versions, digests and history go with it; /@${props.owner}/${props.name} redirects to the new address, and teams of @${props.owner} lose their access.`}
    >
      <form method="post" class="flex flex-wrap items-end gap-2">
        <input type="hidden" name="action" value="transfer" />
        <label class="space-y-1">
          <span class={ui.label}>New owner</span>
          <select name="to" class={ui.input}>
            {props.targets.map((h) => <option key={h} value={h}>@{h}</option>)}
          </select>
        </label>
        <button type="submit" class={ui.buttonDanger}>Transfer package</button>
      </form>
    </ActionCard>
  );
}
