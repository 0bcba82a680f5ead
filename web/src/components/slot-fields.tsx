import { slotFormats } from '@schoolgate/contracts';
import type { FieldError } from '../api';
import { FORMAT_LABELS } from '../format';
import { Checkboxes, Radios, Select, TextInput, errorFor } from './forms';

/*
 * The fields every form about a time in school asks the same way: a slot, a series of slots, a
 * proposed time, an encounter the school records. Field names are the API's (`start`, `end`,
 * `yearGroups`, `format`, `venueId`, `statutory`), so its errors land on them.
 */

/** Start and end time side by side, in 24-hour form. */
export function TimeFields({
  start,
  end,
  onStart,
  onEnd,
  errors,
  endHint = '24-hour, like 10:00',
}: {
  start: string;
  end: string;
  onStart: (value: string) => void;
  onEnd: (value: string) => void;
  errors: readonly FieldError[];
  endHint?: string;
}) {
  return (
    <div className="sg-inline-selects">
      <TextInput name="start" label="Start time" hint="24-hour, like 09:15" width={5} value={start} onChange={onStart} error={errorFor(errors, 'start')} />
      <TextInput name="end" label="End time" hint={endHint} width={5} value={end} onChange={onEnd} error={errorFor(errors, 'end')} />
    </div>
  );
}

/** A checkbox for each year group the school teaches. */
export function YearGroupFields({
  years,
  values,
  onChange,
  error,
  hint,
  small,
}: {
  years: readonly number[];
  values: string[];
  onChange: (values: string[]) => void;
  error?: string;
  hint?: string;
  small?: boolean;
}) {
  return (
    <Checkboxes
      name="yearGroups"
      legend="Year groups"
      hint={hint}
      values={values}
      onChange={onChange}
      error={error}
      choices={years.map((y) => ({ value: String(y), text: `Year ${y}` }))}
      small={small}
    />
  );
}

/** The format of an encounter: assembly, talk, careers fair and so on. */
export function FormatSelect({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string }) {
  return <Select name="format" label="Format" value={value} onChange={onChange} error={error} options={slotFormats.map((v) => ({ value: v, text: FORMAT_LABELS[v] ?? v }))} />;
}

/** One of the school's venues, with how many it holds. */
export function VenueRadios({
  venues,
  value,
  onChange,
  error,
  legend = 'Venue',
}: {
  venues: ReadonlyArray<{ id: string; name: string; capacity: number }>;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  legend?: string;
}) {
  return <Radios name="venueId" legend={legend} value={value} onChange={onChange} error={error} choices={venues.map((v) => ({ value: v.id, text: v.name, hint: `Holds ${v.capacity}` }))} />;
}

/** Yes or no: whether the school means this to count toward the provider access duty. */
export function CountsTowardDuty({
  legend = 'Should this count toward the provider access duty?',
  hint,
  value,
  onChange,
  error,
}: {
  legend?: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <Radios
      name="statutory"
      legend={legend}
      hint={hint}
      inline
      value={value}
      onChange={onChange}
      error={error}
      choices={[
        { value: 'yes', text: 'Yes' },
        { value: 'no', text: 'No' },
      ]}
    />
  );
}
