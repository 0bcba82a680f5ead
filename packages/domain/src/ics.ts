import ICAL from 'ical.js';
import type { Closure, ClosureKind, Term } from './calendar.js';
import { addDays, dateOf, type LocalDate } from './time.js';

/** One VEVENT from a term-dates file, with an inclusive end date. */
export interface IcsEvent {
  uid: string;
  summary: string;
  start: LocalDate;
  /** Last day the event covers: DTEND of an all-day event is exclusive, so this is DTEND − 1 day. */
  end: LocalDate;
  allDay: boolean;
}

/** Why an imported event was not turned into a term or a closure. */
export type UnclassifiedReason = 'unknown_summary' | 'timed_event' | 'recurring' | 'term_marker';

export interface UnclassifiedIcsEvent extends IcsEvent {
  reason: UnclassifiedReason;
}

export interface TermDatesImport {
  terms: Term[];
  closures: Closure[];
  /** Events the importer would not guess about; a UI asks the school what each one is. */
  unclassified: UnclassifiedIcsEvent[];
}

/** What an event's SUMMARY says it is, or null when it says nothing we recognise. */
export type SummaryClass = 'term' | ClosureKind;

const INSET_PATTERN =
  /\binset\b|\btraining days?\b|\bstaff (development|training)\b|\b(teacher|staff) days?\b|\bprofessional development\b|\bnon[- ]pupil days?\b|\bpd days?\b|\bteacher training\b/i;
const HOLIDAY_PATTERN = /half[- ]?term|holiday|\bbreak\b|\bvacation\b|\bhols\b|\bbank hol/i;
const OTHER_CLOSURE_PATTERN = /\bclosed\b|\bclosure\b|\bno school\b|\bpolling day\b/i;
const TERM_PATTERN = /\bterms?\b|^\s*(autumn|spring|summer)\s*[12ab]?\s*$/i;
const MARKER_PATTERN = /\b(starts?|begins?|ends?|finish(es)?|first day|last day|return|returns|reopens?)\b/i;

/**
 * Classifies an event by its SUMMARY. The heuristic, in order:
 * 1. INSET words ("INSET", "training day", "staff development", "non-pupil day", "PD day") → `inset`;
 * 2. holiday words ("half term", "holiday", "break", "vacation", "bank hol…") → `holiday`
 *    (checked before terms so "Spring half term" is a holiday, and "Summer holiday" is not a term);
 * 3. closure words ("closed", "closure", "no school", "polling day") → `other`;
 * 4. "term" or a bare half-term name ("Autumn 1", "Summer 2") → `term`;
 * 5. anything else → null, for the school to decide.
 * @example classifySummary('Spring Half Term') // 'holiday'; classifySummary('Summer Term 2') // 'term'
 */
export function classifySummary(summary: string): SummaryClass | null {
  if (INSET_PATTERN.test(summary)) return 'inset';
  if (HOLIDAY_PATTERN.test(summary)) return 'holiday';
  if (OTHER_CLOSURE_PATTERN.test(summary)) return 'other';
  if (TERM_PATTERN.test(summary)) return 'term';
  return null;
}

function icalDate(time: ICAL.Time): LocalDate {
  return dateOf(time.year, time.month, time.day);
}

function isMidnight(time: ICAL.Time): boolean {
  return time.hour === 0 && time.minute === 0 && time.second === 0;
}

function readEvent(vevent: ICAL.Component): IcsEvent & { recurring: boolean } {
  const event = new ICAL.Event(vevent);
  const startTime = event.startDate;
  // ical.js gives DTEND, or DTSTART + DURATION, or (for a date with neither) the next day.
  const endTime = event.endDate ?? startTime;
  const start = icalDate(startTime);
  // Some exporters write whole days as midnight-to-midnight date-times; they mean the same as DATE values.
  const wholeDays = startTime.isDate || (isMidnight(startTime) && isMidnight(endTime) && icalDate(endTime) > start);
  const exclusiveEnd = icalDate(endTime);
  const end = wholeDays ? (exclusiveEnd > start ? addDays(exclusiveEnd, -1) : start) : exclusiveEnd;
  return {
    uid: event.uid ?? '',
    summary: (event.summary ?? '').trim(),
    start,
    end,
    allDay: wholeDays,
    recurring: event.isRecurring(),
  };
}

/**
 * Reads term dates from an iCalendar file (as schools and local authorities publish them):
 * whole-day VEVENTs become terms and closures by their SUMMARY (see {@link classifySummary});
 * timed events, recurring events, one-day "term starts/ends" markers and unrecognised summaries
 * come back in `unclassified` so the school can say what they are. Throws a RangeError when
 * the text is not iCalendar.
 * @example
 * const { terms, closures, unclassified } = parseTermDatesIcs(await file.text());
 */
export function parseTermDatesIcs(text: string): TermDatesImport {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (error) {
    throw new RangeError(`not an iCalendar file: ${(error as Error).message}`);
  }
  if (root.name !== 'vcalendar') throw new RangeError(`not an iCalendar file: top-level component is ${root.name}`);

  const result: TermDatesImport = { terms: [], closures: [], unclassified: [] };
  for (const vevent of root.getAllSubcomponents('vevent')) {
    const { recurring, ...event } = readEvent(vevent);
    if (recurring) {
      result.unclassified.push({ ...event, reason: 'recurring' });
      continue;
    }
    if (!event.allDay) {
      result.unclassified.push({ ...event, reason: 'timed_event' });
      continue;
    }
    const kind = classifySummary(event.summary);
    if (kind === 'term') {
      if (event.start === event.end && MARKER_PATTERN.test(event.summary)) {
        result.unclassified.push({ ...event, reason: 'term_marker' });
      } else {
        result.terms.push({ name: event.summary, start: event.start, end: event.end });
      }
    } else if (kind === null) {
      result.unclassified.push({ ...event, reason: 'unknown_summary' });
    } else {
      result.closures.push({ name: event.summary, kind, start: event.start, end: event.end });
    }
  }
  const byStart = (a: { start: string }, b: { start: string }) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0);
  result.terms.sort(byStart);
  result.closures.sort(byStart);
  result.unclassified.sort(byStart);
  return result;
}
