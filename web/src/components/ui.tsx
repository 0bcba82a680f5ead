import type { ReactNode } from 'react';
import { Link } from 'react-router';

export type TagColour = 'grey' | 'green' | 'turquoise' | 'blue' | 'light-blue' | 'purple' | 'pink' | 'red' | 'orange' | 'yellow';

export function Tag({ children, colour }: { children: ReactNode; colour?: TagColour }) {
  return <strong className={`govuk-tag${colour ? ` govuk-tag--${colour}` : ''}`}>{children}</strong>;
}

const BOOKING_STATUS: Record<string, { text: string; colour: TagColour }> = {
  requested: { text: 'Requested', colour: 'blue' },
  confirmed: { text: 'Confirmed', colour: 'green' },
  declined: { text: 'Declined', colour: 'red' },
  withdrawn: { text: 'Withdrawn', colour: 'grey' },
  cancelled: { text: 'Cancelled', colour: 'grey' },
  delivered: { text: 'Delivered', colour: 'turquoise' },
  not_delivered: { text: 'Did not happen', colour: 'orange' },
};

export function BookingStatusTag({ status }: { status: string }) {
  const s = BOOKING_STATUS[status] ?? { text: status, colour: 'grey' as const };
  return <Tag colour={s.colour}>{s.text}</Tag>;
}

const PHASE_STATUS: Record<string, { text: string; colour: TagColour }> = {
  MET: { text: 'Met', colour: 'green' },
  ON_TRACK: { text: 'On track', colour: 'turquoise' },
  AT_RISK: { text: 'At risk', colour: 'orange' },
  MISSED: { text: 'Missed', colour: 'red' },
  NOT_APPLICABLE: { text: 'Not applicable', colour: 'grey' },
};

/**
 * The words and colour for a phase. A window that has not opened cannot be "at risk" in a way a
 * careers leader can act on yet, so it reads "Not started".
 */
export function phaseStatusLabel(status: string, windowState?: string): { text: string; colour: TagColour } {
  if (windowState === 'not_started' && status !== 'MET' && status !== 'ON_TRACK') return { text: 'Not started', colour: 'grey' };
  return PHASE_STATUS[status] ?? { text: status, colour: 'grey' };
}

export function PhaseStatusTag({ status, windowState }: { status: string; windowState?: string }) {
  const s = phaseStatusLabel(status, windowState);
  return <Tag colour={s.colour}>{s.text}</Tag>;
}

export function SummaryList({ rows, noBorder }: { rows: { key: ReactNode; value: ReactNode; action?: ReactNode }[]; noBorder?: boolean }) {
  return (
    <dl className={`govuk-summary-list${noBorder ? ' govuk-summary-list--no-border' : ''}`}>
      {rows.map((row, i) => (
        <div className={`govuk-summary-list__row${row.action ? '' : ' govuk-summary-list__row--no-actions'}`} key={i}>
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
          {row.action ? <dd className="govuk-summary-list__actions">{row.action}</dd> : null}
        </div>
      ))}
    </dl>
  );
}

export function NotificationBanner({
  title = 'Important',
  heading,
  children,
  success,
}: {
  title?: string;
  heading?: ReactNode;
  children?: ReactNode;
  success?: boolean;
}) {
  return (
    <div
      className={`govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`}
      role={success ? 'alert' : 'region'}
      aria-labelledby={success ? undefined : 'banner-title'}
      data-testid="notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="banner-title">
          {title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        {heading ? <p className="govuk-notification-banner__heading">{heading}</p> : null}
        {children}
      </div>
    </div>
  );
}

export function WarningText({ children }: { children: ReactNode }) {
  return (
    <div className="govuk-warning-text">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {children}
      </strong>
    </div>
  );
}

export function Inset({ children }: { children: ReactNode }) {
  return <div className="govuk-inset-text">{children}</div>;
}

export function BackLink({ to, children = 'Back' }: { to: string; children?: ReactNode }) {
  return (
    <Link to={to} className="govuk-back-link">
      {children}
    </Link>
  );
}

export interface Task {
  title: string;
  href: string;
  hint?: string;
  status: 'done' | 'incomplete' | 'not_started' | 'cannot_start';
}

const TASK_STATUS: Record<Task['status'], ReactNode> = {
  done: 'Completed',
  incomplete: <Tag colour="light-blue">Incomplete</Tag>,
  not_started: <Tag colour="blue">Not yet started</Tag>,
  cannot_start: 'Cannot start yet',
};

/** GOV.UK task list; hint and status are read with the link via aria-describedby. */
export function TaskList({ tasks, idPrefix = 'task' }: { tasks: Task[]; idPrefix?: string }) {
  return (
    <ul className="govuk-task-list">
      {tasks.map((task, i) => {
        const hintId = `${idPrefix}-${i + 1}-hint`;
        const statusId = `${idPrefix}-${i + 1}-status`;
        const canLink = task.status !== 'cannot_start';
        return (
          <li className={`govuk-task-list__item${canLink ? ' govuk-task-list__item--with-link' : ''}`} key={task.title}>
            <div className="govuk-task-list__name-and-hint">
              {canLink ? (
                <Link className="govuk-link govuk-task-list__link" to={task.href} aria-describedby={`${task.hint ? `${hintId} ` : ''}${statusId}`}>
                  {task.title}
                </Link>
              ) : (
                <div>{task.title}</div>
              )}
              {task.hint ? (
                <div id={hintId} className="govuk-task-list__hint">
                  {task.hint}
                </div>
              ) : null}
            </div>
            <div className={`govuk-task-list__status${task.status === 'cannot_start' ? ' govuk-task-list__status--cannot-start-yet' : ''}`} id={statusId}>
              {TASK_STATUS[task.status]}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** A table that scrolls sideways inside itself at narrow widths, rather than the whole page. */
export function Table({ caption, head, rows, captionSize = 'm' }: { caption: ReactNode; head: ReactNode[]; rows: ReactNode[][]; captionSize?: 's' | 'm' | 'l' }) {
  return (
    <div className="sg-table-wrap">
      <table className="govuk-table sg-table-stack">
        <caption className={`govuk-table__caption govuk-table__caption--${captionSize}`}>{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {head.map((h, i) => (
              <th scope="col" className="govuk-table__header" key={i}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((row, r) => (
            <tr className="govuk-table__row" key={r}>
              {row.map((cell, c) => (
                <td className="govuk-table__cell" key={c} data-label={typeof head[c] === 'string' ? (head[c] as string) : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
