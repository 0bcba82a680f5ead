/** Display helpers. Dates from the API are school-local `YYYY-MM-DD`; they are never shifted by the browser's zone. */

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function parts(date: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) return null;
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

/** "Tuesday 3 March 2026" */
export function formatDate(date: string): string {
  const p = parts(date);
  if (!p) return date;
  const weekday = WEEKDAYS[new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay()];
  return `${weekday} ${p.d} ${MONTHS[p.m - 1]} ${p.y}`;
}

/** "3 March 2026", for deadlines inside sentences. */
export function formatShortDate(date: string): string {
  const p = parts(date);
  return p ? `${p.d} ${MONTHS[p.m - 1]} ${p.y}` : date;
}

/** An instant (ISO 8601) as school-local date and 24-hour time: "3 March 2026 at 14:05". */
export function formatInstant(instant: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const get = (type: string) => f.formatToParts(at).find((p) => p.type === type)?.value ?? '';
  return `${Number(get('day'))} ${MONTHS[Number(get('month')) - 1]} ${get('year')} at ${get('hour')}:${get('minute')}`;
}

export function timeRange(start: string, end: string): string {
  return `${start} to ${end}`;
}

export function yearGroupList(yearGroups: readonly number[]): string {
  const sorted = [...yearGroups].sort((a, b) => a - b);
  if (sorted.length === 0) return 'None';
  const contiguous = sorted.every((y, i) => i === 0 || y === sorted[i - 1]! + 1);
  if (sorted.length > 2 && contiguous) return `Years ${sorted[0]} to ${sorted[sorted.length - 1]}`;
  if (sorted.length === 1) return `Year ${sorted[0]}`;
  return `Years ${sorted.slice(0, -1).join(', ')} and ${sorted[sorted.length - 1]}`;
}

export const FORMAT_LABELS: Record<string, string> = {
  assembly: 'Assembly',
  talk: 'Talk',
  workshop: 'Workshop',
  careers_fair: 'Careers fair',
  taster: 'Taster session',
  other: 'Other',
};

/** Day, month and year fields of the GOV.UK date input, and back. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export function toDateParts(date: string | undefined): DateParts {
  const p = date ? parts(date) : null;
  return p ? { day: String(p.d), month: String(p.m), year: String(p.y) } : { day: '', month: '', year: '' };
}

/** Returns `YYYY-MM-DD`, or '' when a part is missing, or null when the parts make no real date. */
export function fromDateParts(value: DateParts): string | null {
  const day = value.day.trim();
  const month = value.month.trim();
  const year = value.year.trim();
  if (!day && !month && !year) return '';
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return null;
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Today as the school sees it (Europe/London), `YYYY-MM-DD`. */
export function todayInLondon(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(date: string, days: number): string {
  const p = parts(date);
  if (!p) return date;
  return new Date(Date.UTC(p.y, p.m - 1, p.d + days)).toISOString().slice(0, 10);
}

/** Years 1–13 (Reception excluded): all-through, middle and upper schools included. Only Years 8–13 meet key phases. */
export const YEAR_GROUPS: readonly number[] = Array.from({ length: 13 }, (_, i) => i + 1);

/** The year groups a school teaches, youngest first; every year group when the range is not known. */
export function yearsTaught(range: { from: number; to: number } | undefined): number[] {
  return YEAR_GROUPS.filter((y) => !range || (y >= range.from && y <= range.to));
}
