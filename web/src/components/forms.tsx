import { useEffect, useRef, type ReactNode } from 'react';
import type { FieldError } from '../api';
import type { DateParts } from '../format';

/** Element ids are the API's field paths, so a server error's `field` links straight to its input. */
export const fieldId = (name: string) => name;

export function errorFor(errors: readonly FieldError[], name: string): string | undefined {
  return errors.find((e) => e.field === name || e.field?.startsWith(`${name}.`))?.message;
}

/**
 * GOV.UK error summary. Takes focus when it appears (after a submit), and its links move focus to
 * the field, as govuk-frontend's script does.
 */
export function ErrorSummary({ errors, title = 'There is a problem' }: { errors: readonly FieldError[]; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [errors]);
  if (!errors.length) return null;
  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1} role="alert" data-testid="error-summary">
      <h2 className="govuk-error-summary__title">{title}</h2>
      <div className="govuk-error-summary__body">
        <ul className="govuk-list govuk-error-summary__list">
          {errors.map((error, i) => (
            <li key={`${error.field ?? ''}-${i}`}>
              {error.field && typeof document !== 'undefined' ? (
                <a
                  href={`#${fieldId(error.field)}`}
                  onClick={(event) => {
                    const target = findField(error.field!);
                    if (!target) return;
                    event.preventDefault();
                    target.focus();
                    const label = document.querySelector(`label[for="${CSS.escape(target.id)}"]`) ?? target;
                    label.scrollIntoView();
                  }}
                >
                  {error.message}
                </a>
              ) : (
                error.message
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** The field itself, or for a group (date, radios, list) its first input. */
function findField(field: string): HTMLElement | null {
  let name = field;
  for (;;) {
    const el = document.getElementById(fieldId(name)) as HTMLElement | null;
    if (el) return el;
    const prefixed = document.querySelector<HTMLElement>(`[id^="${CSS.escape(fieldId(name))}."]`);
    if (prefixed) return prefixed;
    const dot = name.lastIndexOf('.');
    if (dot < 0) return null;
    name = name.slice(0, dot);
  }
}

interface FieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  labelClass?: string;
}

function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  return hint ? (
    <div className="govuk-hint" id={`${id}-hint`}>
      {hint}
    </div>
  ) : null;
}

function ErrorMessage({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p className="govuk-error-message" id={`${id}-error`}>
      <span className="govuk-visually-hidden">Error:</span> {error}
    </p>
  ) : null;
}

const describedBy = (id: string, hint: unknown, error: unknown) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** The GOV.UK form group around one labelled control: label, hint and error message in that order. */
function LabelledField({
  id,
  label,
  hint,
  error,
  labelClass,
  children,
}: Omit<FieldProps, 'name'> & { id: string; children: ReactNode }) {
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className={`govuk-label ${labelClass ?? ''}`} htmlFor={id}>
        {label}
      </label>
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={error} />
      {children}
    </div>
  );
}

export function TextInput({
  name,
  label,
  hint,
  error,
  value,
  onChange,
  type = 'text',
  width,
  autoComplete,
  inputMode,
  spellCheck,
  labelClass,
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'search';
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
  autoComplete?: string;
  inputMode?: 'numeric' | 'decimal' | 'text' | 'email' | 'tel';
  spellCheck?: boolean;
}) {
  const id = fieldId(name);
  return (
    <LabelledField id={id} label={label} hint={hint} error={error} labelClass={labelClass}>
      <input
        className={`govuk-input${width ? ` govuk-input--width-${width}` : ''}${error ? ' govuk-input--error' : ''}`}
        id={id}
        name={name}
        type={type}
        value={value}
        autoComplete={autoComplete}
        inputMode={inputMode}
        spellCheck={spellCheck}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onChange(event.target.value)}
      />
    </LabelledField>
  );
}

export function Textarea({
  name,
  label,
  hint,
  error,
  value,
  onChange,
  rows = 5,
  labelClass,
}: FieldProps & { value: string; onChange: (value: string) => void; rows?: number }) {
  const id = fieldId(name);
  return (
    <LabelledField id={id} label={label} hint={hint} error={error} labelClass={labelClass}>
      <textarea
        className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        id={id}
        name={name}
        rows={rows}
        value={value}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onChange(event.target.value)}
      />
    </LabelledField>
  );
}

export function Select({
  name,
  label,
  hint,
  error,
  value,
  onChange,
  options,
  labelClass,
}: FieldProps & { value: string; onChange: (value: string) => void; options: { value: string; text: string }[] }) {
  const id = fieldId(name);
  return (
    <LabelledField id={id} label={label} hint={hint} error={error} labelClass={labelClass}>
      <select
        className={`govuk-select${error ? ' govuk-select--error' : ''}`}
        id={id}
        name={name}
        value={value}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

interface Choice {
  value: string;
  text: ReactNode;
  hint?: ReactNode;
}

function Fieldset({
  name,
  legend,
  hint,
  error,
  children,
  legendClass = 'govuk-fieldset__legend--s',
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
  legendClass?: string;
}) {
  const id = fieldId(name);
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={`govuk-fieldset__legend ${legendClass}`}>{legend}</legend>
        <Hint id={id} hint={hint} />
        <ErrorMessage id={id} error={error} />
        {children}
      </fieldset>
    </div>
  );
}

export function Radios({
  name,
  legend,
  hint,
  error,
  value,
  onChange,
  choices,
  inline,
  legendClass,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  choices: Choice[];
  inline?: boolean;
  legendClass?: string;
}) {
  return (
    <Fieldset name={name} legend={legend} hint={hint} error={error} legendClass={legendClass}>
      <div className={`govuk-radios${inline ? ' govuk-radios--inline' : ''}`}>
        {choices.map((choice, i) => {
          const id = i === 0 ? fieldId(name) : `${fieldId(name)}-${i + 1}`;
          return (
            <div className="govuk-radios__item" key={choice.value}>
              <input
                className="govuk-radios__input"
                id={id}
                name={name}
                type="radio"
                value={choice.value}
                checked={value === choice.value}
                onChange={() => onChange(choice.value)}
                aria-describedby={choice.hint ? `${id}-item-hint` : undefined}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={id}>
                {choice.text}
              </label>
              {choice.hint ? (
                <div id={`${id}-item-hint`} className="govuk-hint govuk-radios__hint">
                  {choice.hint}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

export function Checkboxes({
  name,
  legend,
  hint,
  error,
  values,
  onChange,
  choices,
  legendClass,
  small,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  values: string[];
  onChange: (values: string[]) => void;
  choices: Choice[];
  legendClass?: string;
  small?: boolean;
}) {
  return (
    <Fieldset name={name} legend={legend} hint={hint} error={error} legendClass={legendClass}>
      <div className={`govuk-checkboxes${small ? ' govuk-checkboxes--small' : ''}`}>
        {choices.map((choice, i) => {
          const id = i === 0 ? fieldId(name) : `${fieldId(name)}-${i + 1}`;
          const checked = values.includes(choice.value);
          return (
            <div className="govuk-checkboxes__item" key={choice.value}>
              <input
                className="govuk-checkboxes__input"
                id={id}
                name={name}
                type="checkbox"
                value={choice.value}
                checked={checked}
                onChange={() => onChange(checked ? values.filter((v) => v !== choice.value) : [...values, choice.value])}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                {choice.text}
              </label>
              {choice.hint ? <div className="govuk-hint govuk-checkboxes__hint">{choice.hint}</div> : null}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

/** GOV.UK date input: three labelled boxes in a fieldset. The day box carries the field's id. */
export function DateInput({
  name,
  legend,
  hint = 'For example, 27 3 2027',
  error,
  value,
  onChange,
  legendClass,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  value: DateParts;
  onChange: (value: DateParts) => void;
  legendClass?: string;
}) {
  const id = fieldId(name);
  const part = (key: keyof DateParts, label: string, width: 2 | 4) => (
    <div className="govuk-date-input__item">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-date-input__label" htmlFor={key === 'day' ? id : `${id}-${key}`}>
          {label}
        </label>
        <input
          className={`govuk-input govuk-date-input__input govuk-input--width-${width}${error ? ' govuk-input--error' : ''}`}
          id={key === 'day' ? id : `${id}-${key}`}
          name={`${name}-${key}`}
          type="text"
          inputMode="numeric"
          value={value[key]}
          onChange={(event) => onChange({ ...value, [key]: event.target.value })}
        />
      </div>
    </div>
  );
  return (
    <Fieldset name={name} legend={legend} hint={hint} error={error} legendClass={legendClass}>
      <div className="govuk-date-input">
        {part('day', 'Day', 2)}
        {part('month', 'Month', 2)}
        {part('year', 'Year', 4)}
      </div>
    </Fieldset>
  );
}

export function Button({
  children,
  onClick,
  secondary,
  warning,
  disabled,
  type = 'submit',
}: {
  children: ReactNode;
  onClick?: () => void;
  secondary?: boolean;
  warning?: boolean;
  disabled?: boolean;
  type?: 'submit' | 'button';
}) {
  return (
    <button
      type={type}
      className={`govuk-button${secondary ? ' govuk-button--secondary' : ''}${warning ? ' govuk-button--warning' : ''}`}
      onClick={onClick}
      disabled={disabled}
      aria-disabled={disabled || undefined}
    >
      {children}
    </button>
  );
}
