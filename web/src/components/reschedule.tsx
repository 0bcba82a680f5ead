import { useState } from 'react';
import { api, type BookingDetail, type FieldError } from '../api';
import { formatDate, fromDateParts, todayInLondon, type DateParts } from '../format';
import { Button, DateInput, ErrorSummary, Select, TextInput, Textarea, errorFor } from './forms';
import { useAction } from './use-action';
import { ReasonedAction, type ReasonedActionProps } from './reasoned-action';

/**
 * Reschedule (issue 15), on the booking page of either side: propose a new date and time for a
 * confirmed booking (the school may also choose another of its slots), or answer the other side's
 * proposal: accept (the booking moves and both calendars update) or decline with a reason.
 */
export function Reschedule({
  booking,
  side,
  otherSlots = [],
  onDone,
}: {
  booking: BookingDetail;
  side: 'school' | 'requester';
  /** The school's other open slots it may offer instead (the school's side only). */
  otherSlots?: Array<{ id: string; text: string }>;
  onDone: (message: string) => void;
}) {
  const { errors, setErrors, busy, attempt } = useAction();
  const [open, setOpen] = useState(false);
  const [declining, setDeclining] = useState(false);
  const [date, setDate] = useState<DateParts>({ day: '', month: '', year: '' });
  const [start, setStart] = useState(booking.start);
  const [end, setEnd] = useState(booking.end);
  const [slotId, setSlotId] = useState('');
  const [message, setMessage] = useState('');
  const [reason, setReason] = useState('');
  const other = side === 'school' ? booking.requesterName : booking.schoolName;
  const pending = booking.reschedule;
  if (booking.status !== 'confirmed' || booking.offerId || booking.date < todayInLondon()) return null;

  async function act(action: () => Promise<unknown>, done: string) {
    if (await attempt(action)) {
      setOpen(false);
      setDeclining(false);
      onDone(done);
    }
  }

  if (pending) {
    const when = `${formatDate(pending.date)}, ${pending.start} to ${pending.end}${pending.venueName !== booking.venueName ? `, ${pending.venueName}` : ''}`;
    if (pending.proposedBy === side) {
      return (
        <div className="govuk-inset-text" data-testid="reschedule-pending">
          You proposed moving this booking to <strong>{when}</strong>. {other} has been told and accepts or declines it; until then the booking stays where it is.
        </div>
      );
    }
    return (
      <section aria-labelledby="reschedule-heading" data-testid="reschedule-answer">
        <h2 className="govuk-heading-m" id="reschedule-heading">
          {other} proposes a new time
        </h2>
        <ErrorSummary errors={errors} title="This time cannot be accepted" />
        <p className="govuk-body">
          Move this booking to <strong>{when}</strong>?{pending.message ? ` Their message: “${pending.message}”` : ''}
        </p>
        <p className="govuk-body">If you accept, every rule is checked again on the new date and both calendar invitations move to it.</p>
        {declining ? (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (!reason.trim()) return setErrors([{ field: 'decline-reason', message: 'Enter why you are declining the new time' }]);
              void act(() => api.declineReschedule(booking.schoolId, booking.id, pending.id, reason), 'You declined the new time; the booking stays where it was');
            }}
          >
            <Textarea name="decline-reason" label="Why are you declining the new time?" labelClass="govuk-label--s" hint={`${other} sees this`} rows={3} value={reason} onChange={setReason} error={errorFor(errors, 'decline-reason')} />
            <div className="govuk-button-group">
              <Button warning disabled={busy}>
                Decline the new time
              </Button>
              <Button type="button" secondary onClick={() => setDeclining(false)}>
                Back
              </Button>
            </div>
          </form>
        ) : (
          <div className="govuk-button-group">
            <Button type="button" disabled={busy} onClick={() => void act(() => api.acceptReschedule(booking.schoolId, booking.id, pending.id), `The booking has moved to ${formatDate(pending.date)}`)}>
              Accept the new time
            </Button>
            <Button type="button" secondary onClick={() => setDeclining(true)}>
              Decline it
            </Button>
          </div>
        )}
      </section>
    );
  }

  if (!open) {
    return (
      <Button type="button" secondary onClick={() => setOpen(true)}>
        Propose a new time
      </Button>
    );
  }
  const submit = () => {
    if (slotId) return act(() => api.proposeReschedule(booking.schoolId, booking.id, { slotId, ...(message ? { message } : {}) }), `You proposed another slot; ${other} has been told`);
    const iso = fromDateParts(date);
    const problems: FieldError[] = [];
    if (!iso) problems.push({ field: 'new-date', message: 'Enter the new date, like 24 11 2026' });
    if (!/^\d{2}:\d{2}$/.test(start)) problems.push({ field: 'new-start', message: 'Enter a start time in 24-hour format, like 09:15' });
    if (!/^\d{2}:\d{2}$/.test(end)) problems.push({ field: 'new-end', message: 'Enter an end time in 24-hour format, like 10:00' });
    if (problems.length) return setErrors(problems);
    return act(() => api.proposeReschedule(booking.schoolId, booking.id, { date: iso!, start, end, ...(message ? { message } : {}) }), `You proposed a new time; ${other} has been told`);
  };
  return (
    <section aria-labelledby="propose-heading">
      <h2 className="govuk-heading-m" id="propose-heading">
        Propose a new time
      </h2>
      <ErrorSummary errors={errors} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {otherSlots.length ? (
          <Select
            name="new-slot"
            label="Move it to another of your slots (optional)"
            value={slotId}
            onChange={setSlotId}
            options={[{ value: '', text: 'No, a new time for this slot' }, ...otherSlots.map((s) => ({ value: s.id, text: s.text }))]}
            error={errorFor(errors, 'slotId')}
          />
        ) : null}
        {slotId ? null : (
          <>
            <DateInput name="new-date" legend="New date" legendClass="govuk-fieldset__legend--s" hint="For example, 24 11 2026" value={date} onChange={setDate} error={errorFor(errors, 'new-date') ?? errorFor(errors, 'date')} />
            <TextInput name="new-start" label="Start time" hint="24-hour, like 09:15" width={5} value={start} onChange={setStart} error={errorFor(errors, 'new-start') ?? errorFor(errors, 'start')} />
            <TextInput name="new-end" label="End time" hint="24-hour, like 10:00" width={5} value={end} onChange={setEnd} error={errorFor(errors, 'new-end') ?? errorFor(errors, 'end')} />
          </>
        )}
        <Textarea name="reschedule-message" label="Message (optional)" hint={`${other} sees this with the proposal`} rows={3} value={message} onChange={setMessage} />
        <div className="govuk-button-group">
          <Button disabled={busy}>Send the proposal</Button>
          <Button type="button" secondary onClick={() => setOpen(false)}>
            Keep the current time
          </Button>
        </div>
      </form>
    </section>
  );
}

/** Withdraw a request, from the request itself: a reason and a confirm button in one step. */
export function WithdrawForm({ onWithdraw, ...props }: Omit<ReasonedActionProps, 'onConfirm'> & { onWithdraw: (reason: string) => void }) {
  return (
    <ReasonedAction
      {...props}
      onConfirm={onWithdraw}
      field="withdraw-reason"
      open="Withdraw this request"
      label="Why are you withdrawing this request?"
      hint="The school sees this"
      missing="Enter why you are withdrawing"
      confirm="Withdraw request"
      keep="Keep request"
    />
  );
}
