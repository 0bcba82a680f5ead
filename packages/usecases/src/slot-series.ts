import { MAX_SERIES_DATES, type SlotInput, type SlotSeriesInput } from '@schoolgate/contracts';
import { addDays, weekdayOf } from '@schoolgate/domain';
import { ConflictError, getSlot, type Db } from '@schoolgate/store';
import type { UseCaseContext } from './context.js';
import { InvalidInput, Refused, type RefusalReason } from './errors.js';
import { publishSlotWithId } from './publish-slot.js';

export interface SeriesDateReport {
  date: string;
  outcome: 'created' | 'refused';
  slotId?: string;
  violations: RefusalReason[];
}

/** The series' dates: the list given, or every weekday named from one date to the other; sorted, once each. */
export function seriesDates(input: Pick<SlotSeriesInput, 'dates' | 'every'>): string[] {
  if (input.dates) return [...new Set(input.dates)].sort();
  const { weekday, from, to } = input.every!;
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    if (weekdayOf(date) === weekday) dates.push(date);
    if (dates.length > MAX_SERIES_DATES) break;
  }
  return dates;
}

/** The id of a series' slot on one date: the same series sent again names the same slots. */
export const seriesSlotId = (seriesId: string, date: string) => `${seriesId}-${date.replaceAll('-', '')}`;

/**
 * Recurring and bulk slots: the same slot on each date of a series, created in one go. Each date is
 * its own slot, published exactly as a single publish would (the engine's publish-time evaluation
 * on that date: a statutory slot that breaks a rule is reported with its codes and not created; a
 * supplementary one is created, its violations reported as warnings). Each slot is written with
 * `attribute_not_exists` under `<seriesId>-<yyyymmdd>`, so a retried series creates nothing twice
 * and reports the slots an earlier attempt made as created.
 */
export async function publishSlotSeries(ctx: UseCaseContext, schoolId: string, input: SlotSeriesInput) {
  const { seriesId, dates: _dates, every: _every, ...slot } = input;
  const dates = seriesDates(input);
  if (!dates.length) throw new InvalidInput([{ field: 'every.weekday', message: 'No date between the first and the last falls on that weekday' }]);
  if (dates.length > MAX_SERIES_DATES) throw new InvalidInput([{ field: input.dates ? 'dates' : 'every.to', message: `A series has at most ${MAX_SERIES_DATES} dates: split it` }]);
  const report: SeriesDateReport[] = [];
  for (const date of dates) report.push(await publishOne(ctx, schoolId, { ...slot, date }, seriesSlotId(seriesId, date)));
  return { created: report.filter((d) => d.outcome === 'created').length, refused: report.filter((d) => d.outcome === 'refused').length, dates: report };
}

async function publishOne(ctx: UseCaseContext, schoolId: string, input: SlotInput, slotId: string): Promise<SeriesDateReport> {
  try {
    const { violations } = await publishSlotWithId(ctx, schoolId, input, slotId);
    return { date: input.date, outcome: 'created', slotId, violations };
  } catch (error) {
    if (error instanceof Refused) return { date: input.date, outcome: 'refused', violations: error.reasons };
    // A date outside what any slot may have (in the past, too far ahead): reported on that date.
    if (error instanceof InvalidInput && error.problems.every((p) => p.field === 'date')) {
      return { date: input.date, outcome: 'refused', violations: error.problems.map((p) => ({ code: 'INVALID_DATE', message: p.message })) };
    }
    if (error instanceof ConflictError && error.code === 'DUPLICATE' && (await sameSlot(ctx.db, schoolId, slotId))) {
      return { date: input.date, outcome: 'created', slotId, violations: [] };
    }
    throw error;
  }
}

/** The slot an earlier attempt of the same series created. */
const sameSlot = async (db: Db, schoolId: string, slotId: string) => Boolean(await getSlot(db, schoolId, slotId));
