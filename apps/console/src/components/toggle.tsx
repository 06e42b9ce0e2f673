/** An on/off switch; `busy` while the change is on its way, so it cannot be flipped twice. */
export function Toggle(props: { checked: boolean; label: string; busy?: boolean; onChange: (checked: boolean) => void }) {
  return (
    <button
      type="button"
      role="switch"
      class="toggle"
      aria-checked={props.checked}
      aria-label={props.label}
      aria-busy={props.busy === true}
      disabled={props.busy === true}
      onClick={() => props.onChange(!props.checked)}
    >
      <span class="toggle-thumb" aria-hidden="true" />
    </button>
  );
}
