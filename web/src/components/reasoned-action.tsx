import { useState } from 'react';
import type { FieldError } from '../api';
import { Button, Textarea, errorFor } from './forms';

export interface ReasonedActionProps {
  busy: boolean;
  errors: FieldError[];
  setErrors: (e: FieldError[]) => void;
  onConfirm: (reason: string) => void;
}

/**
 * An action that ends something for the other side (cancel, withdraw), taken from the item itself
 * in one step: a button opens the reason and the confirm button together, and the reason (which
 * the other side is told) is required.
 */
export function ReasonedAction({
  busy,
  errors,
  setErrors,
  onConfirm,
  field,
  open: openText,
  label,
  hint,
  missing,
  confirm,
  keep,
}: ReasonedActionProps & { field: string; open: string; label: string; hint: string; missing: string; confirm: string; keep: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open) {
    return (
      <Button type="button" secondary onClick={() => setOpen(true)}>
        {openText}
      </Button>
    );
  }
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!reason.trim()) return setErrors([{ field, message: missing }]);
        onConfirm(reason);
      }}
    >
      <Textarea name={field} label={label} labelClass="govuk-label--s" hint={hint} rows={3} value={reason} onChange={setReason} error={errorFor(errors, field)} />
      <div className="govuk-button-group">
        <Button warning disabled={busy}>
          {confirm}
        </Button>
        <Button type="button" secondary onClick={() => setOpen(false)}>
          {keep}
        </Button>
      </div>
    </form>
  );
}
