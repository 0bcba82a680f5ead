import { describe, expect, it } from 'vitest';
import { isSchoolDay, type SchoolCalendar } from './calendar.js';
import { classifySummary, parseTermDatesIcs } from './ics.js';

/** Shaped like a local authority's published term-dates feed: CRLF, a VTIMEZONE, folded lines, mixed event styles. */
const termDatesIcs = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Riverside Council//School Term Dates//EN',
  'CALSCALE:GREGORIAN',
  'X-WR-CALNAME:Riverside school term dates 2026-27',
  'BEGIN:VTIMEZONE',
  'TZID:Europe/London',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19700329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19701025T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'UID:autumn-2026@riverside.gov.uk',
  'DTSTAMP:20260301T120000Z',
  'DTSTART;VALUE=DATE:20260901',
  'DTEND;VALUE=DATE:20261219',
  'SUMMARY:Autumn Term 2026',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:inset-1@riverside.gov.uk',
  'DTSTAMP:20260301T120000Z',
  'DTSTART;VALUE=DATE:20260901',
  'DTEND;VALUE=DATE:20260903',
  'SUMMARY:INSET days (school closed to pupils)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:oct-ht@riverside.gov.uk',
  'DTSTAMP:20260301T120000Z',
  'DTSTART;VALUE=DATE:20261026',
  'DURATION:P5D',
  'SUMMARY:October Half Term',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:parents-eve@riverside.gov.uk',
  'DTSTAMP:20260301T120000Z',
  'DTSTART;TZID=Europe/London:20261112T163000',
  'DTEND;TZID=Europe/London:20261112T190000',
  'SUMMARY:Year 9 parents\' evening',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:christmas@riverside.gov.uk',
  'DTSTAMP:20260301T120000Z',
  'DTSTART;VALUE=DATE:20261219',
  'DTEND;VALUE=DATE:20270104',
  'SUMMARY:Christmas Holiday',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:spring-2027@riverside.gov.uk',
  'DTSTAMP:20260301T120000Z',
  'DTSTART;VALUE=DATE:20270104',
  'DTEND;VALUE=DATE:20270326',
  'SUMMARY:Spring Term 2027',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:inset-2@riverside.gov.uk',
  'DTSTAMP:20260301T120000Z',
  'DTSTART;VALUE=DATE:20270104',
  'SUMMARY:Staff Training Day',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:feb-ht@riverside.gov.uk',
  'DTSTAMP:20260301T120000Z',
  'DTSTART:20270215T000000',
  'DTEND:20270220T000000',
  'SUMMARY:Spring half-term',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:easter@riverside.gov.uk',
  'DTSTAMP:20260301T120000Z',
  'DTSTART;VALUE=DATE:20270326',
  'DTEND;VALUE=DATE:20270412',
  'SUMMARY:Easter Holidays',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:summer-start@riverside.gov.uk',
  'DTSTAMP:20260301T120000Z',
  'DTSTART;VALUE=DATE:20270412',
  'DTEND;VALUE=DATE:20270413',
  'SUMMARY:Summer term starts',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:summer-2027@riverside.gov.uk',
  'DTSTAMP:20260301T120000Z',
  'DTSTART;VALUE=DATE:20270412',
  'DTEND;VALUE=DATE:20270722',
  'SUMMARY:Summer Term 2027 (pupils return Monday 12 April\\, finish Wednesday 2',
  ' 1 July)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:polling@riverside.gov.uk',
  'DTSTAMP:20260301T120000Z',
  'DTSTART;VALUE=DATE:20270506',
  'DTEND;VALUE=DATE:20270507',
  'SUMMARY:School closed - polling station',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:sports@riverside.gov.uk',
  'DTSTAMP:20260301T120000Z',
  'DTSTART;VALUE=DATE:20270625',
  'SUMMARY:Sports Day',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:club@riverside.gov.uk',
  'DTSTAMP:20260301T120000Z',
  'DTSTART;VALUE=DATE:20260907',
  'RRULE:FREQ=WEEKLY;COUNT=10',
  'SUMMARY:Homework club closed',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('importing term dates from iCalendar', () => {
  const imported = parseTermDatesIcs(termDatesIcs);

  it('turns term events into terms, treating DTEND as exclusive and unfolding long summaries', () => {
    expect(imported.terms).toEqual([
      { name: 'Autumn Term 2026', start: '2026-09-01', end: '2026-12-18' },
      { name: 'Spring Term 2027', start: '2027-01-04', end: '2027-03-25' },
      { name: 'Summer Term 2027 (pupils return Monday 12 April, finish Wednesday 21 July)', start: '2027-04-12', end: '2027-07-21' },
    ]);
  });

  it('turns holidays, INSET days and other closures into closures', () => {
    expect(imported.closures).toEqual([
      { name: 'INSET days (school closed to pupils)', kind: 'inset', start: '2026-09-01', end: '2026-09-02' },
      { name: 'October Half Term', kind: 'holiday', start: '2026-10-26', end: '2026-10-30' },
      { name: 'Christmas Holiday', kind: 'holiday', start: '2026-12-19', end: '2027-01-03' },
      { name: 'Staff Training Day', kind: 'inset', start: '2027-01-04', end: '2027-01-04' },
      { name: 'Spring half-term', kind: 'holiday', start: '2027-02-15', end: '2027-02-19' },
      { name: 'Easter Holidays', kind: 'holiday', start: '2027-03-26', end: '2027-04-11' },
      { name: 'School closed - polling station', kind: 'other', start: '2027-05-06', end: '2027-05-06' },
    ]);
  });

  it('hands back what it will not guess about, with the reason', () => {
    expect(imported.unclassified.map((event) => [event.summary, event.reason])).toEqual([
      ['Homework club closed', 'recurring'],
      ["Year 9 parents' evening", 'timed_event'],
      ['Summer term starts', 'term_marker'],
      ['Sports Day', 'unknown_summary'],
    ]);
    expect(imported.unclassified.find((event) => event.summary === 'Sports Day')).toMatchObject({
      uid: 'sports@riverside.gov.uk',
      start: '2027-06-25',
      end: '2027-06-25',
      allDay: true,
    });
  });

  it('produces a calendar the rules can use', () => {
    const calendar: SchoolCalendar = {
      terms: imported.terms,
      closures: imported.closures,
      days: { monday: { start: '08:45', end: '15:15' }, tuesday: { start: '08:45', end: '15:15' }, wednesday: { start: '08:45', end: '15:15' }, thursday: { start: '08:45', end: '15:15' }, friday: { start: '08:45', end: '15:15' } },
    };
    expect(isSchoolDay(calendar, '2026-09-02')).toBe(false);
    expect(isSchoolDay(calendar, '2026-09-03')).toBe(true);
    expect(isSchoolDay(calendar, '2026-10-30')).toBe(false);
    expect(isSchoolDay(calendar, '2026-11-02')).toBe(true);
    expect(isSchoolDay(calendar, '2027-02-19')).toBe(false);
    expect(isSchoolDay(calendar, '2027-02-22')).toBe(true);
    expect(isSchoolDay(calendar, '2027-07-21')).toBe(true);
    expect(isSchoolDay(calendar, '2027-07-22')).toBe(false);
  });

  it('rejects text that is not iCalendar', () => {
    expect(() => parseTermDatesIcs('Autumn term: 1 Sept – 18 Dec')).toThrow(RangeError);
  });
});

describe('classifying a SUMMARY', () => {
  it.each([
    ['Autumn Term', 'term'],
    ['Autumn 1', 'term'],
    ['Summer term 2', 'term'],
    ['Summer Holiday', 'holiday'],
    ['Spring Half Term', 'holiday'],
    ['Half-term', 'holiday'],
    ['May Bank Holiday', 'holiday'],
    ['Christmas break', 'holiday'],
    ['INSET Day', 'inset'],
    ['Teacher training day', 'inset'],
    ['Non-pupil day', 'inset'],
    ['PD day', 'inset'],
    ['School closed', 'other'],
    ['Polling day', 'other'],
    ['Sports Day', null],
    ['Parents evening', null],
  ])('%s → %s', (summary, expected) => {
    expect(classifySummary(summary)).toBe(expected);
  });
});
