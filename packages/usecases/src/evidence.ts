import type { CalendarInput, RecordedEncounterInput } from '@schoolgate/contracts';
import {
  computeCompliance,
  evaluateEncounter,
  statutoryTargets,
  todayInLondon,
  unrecordedPastPhases,
  type Encounter,
  type ProviderFacts,
  type YearGroup,
} from '@schoolgate/domain';
import {
  ConflictError,
  correctRecordedEncounter,
  deleteRecordedEncounter,
  getOrganisation,
  getPhaseGuards,
  getRecordedEncounter,
  listRecordAudit,
  NotFoundError,
  getProviderIdByUkprn,
  offPlatformProviderId,
  putRecordedEncounter,
  pageRecordedEncounters,
  type PageRequest,
  type OrganisationRecord,
  type RecordedEncounterRecord,
} from '@schoolgate/store';
import type { UseCaseContext } from './context.js';
import { Refused } from './errors.js';
import { onFreshFacts, providerFactsOf, readFacts, requireSchoolFacts } from './facts.js';
import { readSchoolStanding } from './school-standing.js';

/** The organisation behind a recorded encounter: on Schoolgate, or named by the school. */
interface ResolvedProvider {
  id: string;
  name: string;
  ukprn?: string;
  onSchoolgate: boolean;
  facts: ProviderFacts;
  org?: OrganisationRecord;
}

async function resolveProvider(ctx: UseCaseContext, provider: RecordedEncounterInput['provider']): Promise<ResolvedProvider> {
  // A UKPRN a verified organisation holds is that organisation: one provider, one id, one guard per phase.
  const orgId = 'orgId' in provider ? provider.orgId : await getProviderIdByUkprn(ctx.db, provider.ukprn);
  if (orgId) {
    const org = await getOrganisation(ctx.db, orgId);
    if (!org || org.kind === 'school') {
      throw new Refused(422, [{ code: 'UNKNOWN_PROVIDER', message: 'No provider or employer on Schoolgate has that id; name it with its UKPRN instead.' }]);
    }
    return { id: org.id, name: org.name, ...(org.ukprn ? { ukprn: org.ukprn } : {}), onSchoolgate: true, facts: providerFactsOf(org), org };
  }
  const named = provider as Exclude<RecordedEncounterInput['provider'], { orgId: string }>;
  const id = offPlatformProviderId(named.ukprn);
  return {
    id,
    name: named.name,
    ukprn: named.ukprn,
    onSchoolgate: false,
    facts: {
      id,
      name: named.name,
      kind: 'provider',
      ...(named.providerType ? { providerType: named.providerType } : {}),
      offers: named.offers,
      registeredApprenticeshipProvider: named.registeredApprenticeshipProvider ?? false,
    },
  };
}

/**
 * Records an encounter that took place before the school joined, or off the platform. It is
 * judged by the same engine as a booking (`evaluateEncounter`, on the school's calendar, school
 * day, roll and policy and the provider's eligibility): one that meets every rule is statutory
 * and counts in compliance; one that does not (a Saturday careers fair) is kept as supplementary
 * with the rules it breaks. Saved with its DISTINCT_PROVIDERS guards and a check of every fact it
 * was judged on; judged once more if a fact changed meanwhile.
 *
 * **Decision:** a recorded encounter took place, so WHOLE_YEAR_GROUP is judged on who was invited
 * (the audience and the roll being known), not on the seats of a venue; the attendance is kept as
 * the school counted it.
 */
export function recordEncounter(ctx: UseCaseContext, schoolId: string, input: RecordedEncounterInput, recordedBy: string): Promise<RecordedEncounterRecord> {
  return onFreshFacts(async () => {
    const judged = await judgeRecorded(ctx, schoolId, input);
    const record: RecordedEncounterRecord = {
      ...recordOf(schoolId, ctx.newId(), input, judged),
      recordedBy,
      recordedAt: ctx.now().toISOString(),
      version: 1,
    };
    // The school's profile, calendar and policy, and the provider's profile when it is on Schoolgate, at the versions judged.
    await putRecordedEncounter(ctx.db, record, judged.versions);
    return record;
  });
}

/**
 * Judges a recorded encounter on the facts as they stand: the school's calendar, school day, roll
 * and policy, the provider's eligibility, and what this provider already holds in the phases
 * (the guard items), leaving out what the record being corrected (`selfId`) holds itself.
 */
async function judgeRecorded(ctx: UseCaseContext, schoolId: string, input: RecordedEncounterInput, selfId?: string) {
  const today = todayInLondon(ctx.now());
  if (input.date > today) {
    throw new Refused(422, [{ code: 'RECORD_NOT_PAST', message: 'Record an encounter once it has taken place; book one that is still to come.' }]);
  }
  const provider = await resolveProvider(ctx, input.provider);
  const facts = await readFacts(ctx.db, schoolId, provider.org?.id);
  if (!facts) throw new Refused(422, [{ code: 'CALENDAR_MISSING', message: 'Enter your terms, closures and school day first.' }]);
  const school = requireSchoolFacts(facts.school, facts.calendar?.calendar as CalendarInput | undefined);
  const targets = statutoryTargets(input.date, input.yearGroups, school.yearGroupsTaught);
  // What this provider already holds in these phases (a booking or another record), by the guard items.
  const guards = (await getPhaseGuards(ctx.db, schoolId, provider.id, targets)).filter((guard) => guard.bookingId !== selfId);
  const existing: Encounter[] = guards.map((guard) => ({
    id: guard.bookingId,
    providerId: provider.id,
    date: guard.date ?? input.date,
    start: input.start,
    end: input.end,
    yearGroups: (guard.yearGroups ?? input.yearGroups) as YearGroup[],
    designation: 'statutory',
    status: 'delivered',
  }));
  const evaluation = evaluateEncounter({
    encounter: {
      date: input.date,
      start: input.start,
      end: input.end,
      yearGroups: input.yearGroups,
      venueCapacity: Number.MAX_SAFE_INTEGER,
      designation: 'statutory',
      audience: input.audience,
    },
    provider: provider.facts,
    school,
    rules: { ...facts.rules, published: true },
    existing,
  });
  const statutory = evaluation.statutoryViolations.length === 0;
  return { provider, versions: facts.versions, statutory, violations: evaluation.statutoryViolations, countsToward: statutory ? evaluation.countsToward : [] };
}

type Judged = Awaited<ReturnType<typeof judgeRecorded>>;

function recordOf(schoolId: string, id: string, input: RecordedEncounterInput, judged: Judged) {
  const { provider } = judged;
  return {
    id,
    schoolId,
    date: input.date,
    start: input.start,
    end: input.end,
    yearGroups: [...new Set(input.yearGroups)],
    providerId: provider.id,
    providerName: provider.name,
    ...(provider.ukprn ? { providerUkprn: provider.ukprn } : {}),
    onSchoolgate: provider.onSchoolgate,
    // As the school named it, so a correction starts from what was entered.
    ...('orgId' in input.provider ? {} : { providerAsNamed: input.provider }),
    format: input.format,
    audience: input.audience,
    ...(input.attendance === undefined ? {} : { attendance: input.attendance }),
    statutory: judged.statutory,
    violations: judged.violations,
    countsToward: judged.countsToward,
    ...(input.notes ? { notes: input.notes } : {}),
  };
}

const noRecord = () => new NotFoundError('No recorded encounter of this school has that id.');

/**
 * The careers leader corrects an encounter the school recorded: judged again by the same rules
 * (it may become statutory, or supplementary), saved from the version the editor loaded
 * (`If-Match`; 409 STALE_STATE when someone corrected or deleted it meanwhile), with its guards
 * moved in the same transaction and the record as it was kept in its audit. A snapshot of a
 * report keeps what it showed.
 */
export function correctRecordedEncounterFor(
  ctx: UseCaseContext,
  schoolId: string,
  recordId: string,
  input: RecordedEncounterInput & { reason?: string | undefined },
  basedOn: number | undefined,
  by: string,
): Promise<RecordedEncounterRecord> {
  return onFreshFacts(async () => {
    const before = await getRecordedEncounter(ctx.db, schoolId, recordId);
    if (!before) throw noRecord();
    if (basedOn !== undefined && basedOn !== (before.version ?? 0)) throw new ConflictError('STALE_STATE', 'Someone changed this recorded encounter since you loaded it. Reload and try again.');
    const judged = await judgeRecorded(ctx, schoolId, input, recordId);
    const at = ctx.now().toISOString();
    const { version: _version, correctedBy: _by, correctedAt: _at, correctionReason: _reason, ...kept } = before;
    const after: RecordedEncounterRecord = {
      ...recordOf(schoolId, recordId, input, judged),
      recordedBy: kept.recordedBy,
      recordedAt: kept.recordedAt,
      correctedBy: by,
      correctedAt: at,
      ...(input.reason ? { correctionReason: input.reason } : {}),
    };
    await correctRecordedEncounter(ctx.db, before, after, judged.versions, { at, actor: by, ...(input.reason ? { reason: input.reason } : {}), seq: ctx.newId() });
    return { ...after, version: (before.version ?? 0) + 1 };
  });
}

/** Deletes a recorded encounter, with the reason; its guards go with it and the audit keeps what it was. */
export async function deleteRecordedEncounterFor(ctx: UseCaseContext, schoolId: string, recordId: string, reason: string, basedOn: number | undefined, by: string): Promise<void> {
  const before = await getRecordedEncounter(ctx.db, schoolId, recordId);
  if (!before) throw noRecord();
  if (basedOn !== undefined && basedOn !== (before.version ?? 0)) throw new ConflictError('STALE_STATE', 'Someone changed this recorded encounter since you loaded it. Reload and try again.');
  await deleteRecordedEncounter(ctx.db, before, { at: ctx.now().toISOString(), actor: by, reason, seq: ctx.newId() });
}

/** What a recorded encounter was before each correction, and its deletion. */
export async function recordedEncounterHistory(ctx: UseCaseContext, schoolId: string, recordId: string) {
  const [current, items] = await Promise.all([getRecordedEncounter(ctx.db, schoolId, recordId), listRecordAudit(ctx.db, schoolId, recordId)]);
  if (!current && !items.length) throw noRecord();
  return { current: current ?? null, items };
}

/**
 * A page of the school's recorded encounters, newest recorded first, from their own cursor-paged
 * Query (`pageRecordedEncounters`: a page costs what its items cost, however many the school has
 * recorded), and the phases whose window has begun with nothing on record (what a school that has
 * just joined is offered to record), from the school's standing so it agrees with the compliance
 * report. The standing reads closed phases' records from their summaries, never the records.
 */
export async function listRecordedEncounters(ctx: UseCaseContext, schoolId: string, page: PageRequest = { limit: 50 }) {
  const asOf = todayInLondon(ctx.now());
  const [standing, found] = await Promise.all([readSchoolStanding(ctx.db, schoolId, asOf), pageRecordedEncounters(ctx.db, schoolId, page)]);
  if (!standing) return undefined;
  const unrecordedPastPhasesNow = unrecordedPastPhases(computeCompliance(standing.facts, standing.encounters, asOf), asOf);
  return { items: found.items, lastKey: found.lastKey, unrecordedPastPhases: unrecordedPastPhasesNow };
}
