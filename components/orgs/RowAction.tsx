import { ui } from "../styles.ts";

/**
 * A one-button form acting on one row of a list: posts `action` with `name` = `value`. The
 * button reads `label`, and to a screen reader `label` followed by `target`, so that a list of
 * identical buttons still says what each one acts on.
 */
export function RowAction(props: {
  action: string;
  name: string;
  value: string;
  label: string;
  target: string;
  buttonClass?: string;
}) {
  return (
    <form method="post">
      <input type="hidden" name="action" value={props.action} />
      <input type="hidden" name={props.name} value={props.value} />
      <button type="submit" class={props.buttonClass ?? ui.buttonSmall}>
        {props.label}
        <span class="sr-only">{props.target}</span>
      </button>
    </form>
  );
}
