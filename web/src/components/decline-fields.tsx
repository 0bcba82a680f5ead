import type { FieldError } from '../api';
import { errorFor, Radios, Textarea } from './forms';

interface Ground {
  id: string;
  label: string;
  description?: string;
}

/**
 * Declining always cites one of the school's published grounds (the provider may raise a concern
 * on it), with an optional note. Used for requests and for proposed times alike.
 */
export function DeclineFields(props: {
  grounds: readonly Ground[];
  groundId: string;
  onGroundChange: (value: string) => void;
  note: string;
  onNoteChange: (value: string) => void;
  errors: readonly FieldError[];
  /** What is being declined, for the sentence shown when no ground is published. */
  what: 'request' | 'proposal';
}) {
  return (
    <>
      {props.grounds.length ? (
        <Radios
          name="groundId"
          legend="Ground for declining"
          value={props.groundId}
          onChange={props.onGroundChange}
          error={errorFor(props.errors, 'groundId')}
          choices={props.grounds.map((g) => ({ value: g.id, text: g.label, hint: g.description || undefined }))}
        />
      ) : (
        <p className="govuk-body">Your published policy has no grounds for refusal, so this {props.what} cannot be declined here.</p>
      )}
      <Textarea name="note" label="Note to the provider (optional)" rows={3} value={props.note} onChange={props.onNoteChange} error={errorFor(props.errors, 'note')} />
    </>
  );
}
