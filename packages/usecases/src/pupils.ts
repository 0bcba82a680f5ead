import Papa from 'papaparse';
import { pupilInput, type PupilInput } from '@schoolgate/contracts';
import {
  academicYearBounds,
  academicYearOf,
  benchmark6Standing,
  pupilCohort,
  summariseStanding,
  todayInLondon,
  type WorkExperienceDay,
} from '@schoolgate/domain';
import {
  createPupils,
  deletePupil,
  getPupil,
  listPlacementBookingsOfSchool,
  listPupils,
  NotFoundError,
  savePlacementBookingPupils,
  StaleVersionError,
  getPlacementBooking,
  type Db,
  type PlacementBookingRecord,
  type PupilRecord,
} from '@schoolgate/store';
import type { UseCaseContext } from './context.js';
import { InvalidInput } from './errors.js';

/**
 * A school's pupils for work experience (issue 12): entered one by one or from a CSV, listed,
 * exported (JSON or CSV) and erased. Personal data is kept to what placing a pupil needs, and a
 * record goes by itself (DynamoDB TTL) after the academic year following the pupil's last placement.
 */

/** Enters pupils in the school's current academic year; a reference already used answers 409 DUPLICATE. */
export async function addPupils(ctx: UseCaseContext, schoolId: string, inputs: PupilInput[]): Promise<PupilRecord[]> {
  const seen = new Set<string>();
  inputs.forEach((input, i) => {
    const ref = input.reference.toLowerCase();
    if (seen.has(ref)) throw new InvalidInput([{ field: `pupils[${i}].reference`, message: `Reference ${input.reference} appears twice` }]);
    seen.add(ref);
  });
  const academicYear = academicYearOf(todayInLondon(ctx.now()));
  const at = ctx.now().toISOString();
  // With no placement yet, the record lasts to the end of the academic year after this one.
  const removeAfter = academicYearBounds(academicYear + 1).end;
  const pupils: PupilRecord[] = inputs.map((input) => ({
    id: ctx.newId(),
    schoolId,
    reference: input.reference,
    firstName: input.firstName,
    lastName: input.lastName,
    yearGroup: input.yearGroup,
    academicYear,
    cohort: pupilCohort(input.yearGroup, academicYear),
    ...(input.supportNotes ? { supportNotes: input.supportNotes } : {}),
    createdAt: at,
    removeAfter,
  }));
  await createPupils(ctx.db, pupils);
  return pupils;
}

const CSV_COLUMNS = ['reference', 'firstName', 'lastName', 'yearGroup', 'supportNotes'] as const;

/**
 * Pupils from a CSV with a header row (reference, firstName, lastName, yearGroup, supportNotes —
 * the last optional), parsed by papaparse; a bad row answers 400 naming `csv` row and column.
 */
export function parsePupilsCsv(csv: string): PupilInput[] {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim(), transform: (v) => v.trim() });
  const problem = parsed.errors[0];
  if (problem) throw new InvalidInput([{ field: 'csv', message: `Not a CSV we can read: ${problem.message}${problem.row !== undefined ? ` (row ${problem.row + 2})` : ''}` }]);
  // A pupil's row is a few dozen characters: a longer one is not a pupil list.
  if (parsed.data.some((row) => Object.values(row).join(',').length > 4000)) throw new InvalidInput([{ field: 'csv', message: 'Not a CSV we can read: a row is over 4,000 characters' }]);
  const rows = parsed.data;
  if (!rows.length) throw new InvalidInput([{ field: 'csv', message: 'No pupils in the file: the first row names the columns, then one pupil a row' }]);
  if (rows.length > 500) throw new InvalidInput([{ field: 'csv', message: 'Import at most 500 pupils at a time' }]);
  return rows.map((row, i) => {
    const parsed = pupilInput.safeParse({
      reference: row.reference,
      firstName: row.firstName,
      lastName: row.lastName,
      yearGroup: Number(row.yearGroup),
      ...(row.supportNotes ? { supportNotes: row.supportNotes } : {}),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new InvalidInput([{ field: `csv`, message: `Row ${i + 2}, ${String(issue.path[0] ?? 'row')}: ${issue.message}` }]);
    }
    return parsed.data;
  });
}

export const listSchoolPupils = (db: Db, schoolId: string) => listPupils(db, schoolId);

/** A pupil's own record: the pupil and each placement with its days, attendance, consent and feedback. */
export async function pupilRecord(db: Db, schoolId: string, pupilId: string) {
  const [pupil, bookings] = await Promise.all([getPupil(db, schoolId, pupilId), listPlacementBookingsOfSchool(db, schoolId)]);
  if (!pupil) return undefined;
  const placements = bookings.flatMap((booking) => {
    const entry = booking.pupils.find((p) => p.pupilId === pupilId);
    if (!entry) return [];
    return [
      {
        bookingId: booking.id,
        hostName: booking.hostName,
        title: booking.title,
        sector: booking.sector,
        status: booking.status,
        days: booking.days.map((date) => ({ date, attendance: entry.attendance?.[date] ?? (booking.status === 'confirmed' ? ('confirmed' as const) : ('requested' as const)) })),
        ...(entry.consent ? { consent: entry.consent.given } : {}),
        ...(entry.feedback ? { feedback: entry.feedback.text } : {}),
      },
    ];
  });
  return { pupil, placements };
}

/** Every pupil of the school as CSV (papaparse does the quoting), the columns the import reads plus the record's end. */
export async function exportPupilsCsv(db: Db, schoolId: string): Promise<string> {
  const pupils = await listPupils(db, schoolId);
  return Papa.unparse({
    fields: [...CSV_COLUMNS, 'removeAfter'],
    data: pupils.map((p) => [p.reference, p.firstName, p.lastName, p.yearGroup, p.supportNotes ?? '', p.removeAfter]),
  });
}

/**
 * Erases a pupil: the record and its reference go, and in every placement booking that names the
 * pupil the entry keeps only its year group and attendance (so the day counts, the host's places
 * and the school's totals stay true) and loses the name, notes, consent and feedback.
 */
export async function erasePupil(ctx: UseCaseContext, schoolId: string, pupilId: string): Promise<void> {
  const pupil = await getPupil(ctx.db, schoolId, pupilId);
  if (!pupil) throw new NotFoundError('No such pupil');
  await deletePupil(ctx.db, pupil);
  const bookings = await listPlacementBookingsOfSchool(ctx.db, schoolId);
  for (const seen of bookings.filter((b) => b.pupils.some((p) => p.pupilId === pupilId && !p.erased))) {
    await scrub(ctx, seen, pupilId);
  }
}

async function scrub(ctx: UseCaseContext, booking: PlacementBookingRecord, pupilId: string, attempt = 0): Promise<void> {
  const pupils = booking.pupils.map((p) =>
    p.pupilId === pupilId ? { pupilId: p.pupilId, firstName: '', lastName: '', yearGroup: p.yearGroup, ...(p.attendance ? { attendance: p.attendance } : {}), erased: true } : p,
  );
  try {
    await savePlacementBookingPupils(ctx.db, booking, pupils, ctx.now().toISOString());
  } catch (error) {
    // Someone recorded attendance meanwhile: scrub the booking as it is now.
    if (!(error instanceof StaleVersionError) || attempt > 5) throw error;
    const fresh = await getPlacementBooking(ctx.db, booking.schoolId, booking.id);
    if (fresh) await scrub(ctx, fresh, pupilId, attempt + 1);
  }
}

/** The days of the school's bookings, as the Benchmark 6 standing counts them. */
function workExperienceDays(bookings: readonly PlacementBookingRecord[]): WorkExperienceDay[] {
  return bookings
    .filter((booking) => booking.status === 'confirmed')
    .flatMap((booking) =>
      booking.pupils.flatMap((pupil) =>
        booking.days.map((date) => ({
          pupilId: pupil.pupilId,
          date,
          status: pupil.attendance?.[date] ?? ('confirmed' as const),
          hostOrgId: booking.hostOrgId,
          hostName: booking.hostName,
          sector: booking.sector,
          kind: booking.kind,
        })),
      ),
    );
}

/**
 * Benchmark 6 for one academic year: per year group, pupils with a week's worth delivered and
 * on track, who is short and by how many days; and each pupil's days, hosts and sectors. One
 * consistent Query per item kind of the school's partition.
 */
export async function benchmark6View(db: Db, schoolId: string, academicYear: number) {
  const [pupils, bookings] = await Promise.all([listPupils(db, schoolId), listPlacementBookingsOfSchool(db, schoolId)]);
  const names = new Map(pupils.map((p) => [p.id, `${p.firstName} ${p.lastName}`]));
  const standings = benchmark6Standing(pupils, workExperienceDays(bookings), academicYear);
  return {
    academicYear,
    yearGroups: summariseStanding(standings).map((group) => ({ ...group, short: group.short.map((s) => ({ ...s, name: names.get(s.pupilId) ?? '' })) })),
    pupils: standings.map((s) => ({ ...s, name: names.get(s.pupilId) ?? '' })).map(({ phase: _phase, ...rest }) => rest),
  };
}
