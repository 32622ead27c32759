/**
 * The settings window's two field shapes, one place each: a checkbox (`ToggleField`) and a labelled text
 * input (`TextField`), each with an optional one-line hint tied to it for screen readers.
 */
import { useId, type CSSProperties, type InputHTMLAttributes } from 'react';

/** A checkbox; with a hint, the hint sits under it and describes it. */
export function ToggleField({
  id,
  checked,
  label,
  hint,
  disabled,
  style,
  testId,
  onChange,
}: {
  /** Names the hint `${id}-hint` (a generated id when left out). */
  id?: string;
  checked: boolean;
  label: string;
  hint?: string;
  disabled?: boolean;
  style?: CSSProperties;
  testId?: string;
  onChange(v: boolean): void;
}) {
  const generated = useId();
  const hintId = `${id ?? generated}-hint`;
  const box = (
    <label className="check" style={hint ? undefined : style}>
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        aria-describedby={hint ? hintId : undefined}
        data-testid={testId}
        onChange={(e) => onChange(e.target.checked)}
      />
      {label}
    </label>
  );
  if (!hint) return box;
  return (
    <div style={style}>
      {box}
      <p id={hintId} className="muted small" style={{ margin: '2px 0 0 24px' }}>
        {hint}
      </p>
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'aria-invalid'>;

/** A labelled text input; `invalid` marks it for the error shown beside the form, `hint` sits under it. */
export function TextField({
  label,
  value,
  invalid,
  hint,
  hintId,
  testId,
  onChange,
  ...input
}: InputProps & {
  label: string;
  value: string;
  invalid?: boolean;
  hint?: string;
  /** The hint's element id (a generated one when left out). */
  hintId?: string;
  testId?: string;
  onChange(v: string): void;
}) {
  const generated = useId();
  const describedBy = hint ? (hintId ?? `${generated}-hint`) : input['aria-describedby'];
  const field = (
    <label className="field">
      <span>{label}</span>
      <input
        {...input}
        value={value}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
  if (!hint) return field;
  return (
    <div>
      {field}
      <p id={describedBy} className="muted small" style={{ margin: '2px 0 0' }}>
        {hint}
      </p>
    </div>
  );
}
