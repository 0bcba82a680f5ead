import { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { localDate, type CalendarInput } from '@schoolgate/contracts';
import { computeCompliance, describeMissing, todayInLondon, type CountedEncounter } from '@schoolgate/domain';
import { encountersOf, getOrganisations, readSchoolPartition } from '@schoolgate/store';
import { deps, requireMember, type AppEnv } from '../context.js';
import { schoolFacts } from '../facts.js';
import { notFound } from '../problem.js';
import { validate } from '../validate.js';
import { ROLES } from './organisations.js';

export const compliance = new Hono<AppEnv>().get(
  '/schools/:id/compliance',
  validate('param', z.strictObject({ id: z.string().min(1).max(64) })),
  validate('query', z.strictObject({ asOf: localDate.optional() })),
  async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ROLES.school, ['school']);
    const { db, now } = deps(c);
    const asOf = c.req.valid('query').asOf ?? todayInLondon(now());
    const partition = await readSchoolPartition(db, id);
    if (!partition.school) throw notFound();
    const facts = schoolFacts(partition.school, partition.calendar as CalendarInput | undefined);
    const cohorts = computeCompliance(facts, encountersOf(partition.bookings), asOf);
    const missing = describeMissing(cohorts);
    const bookingsById = new Map(partition.bookings.map((b) => [b.id, b]));
    const names = await getOrganisations(db, partition.bookings.map((b) => b.requesterOrgId));
    const nameOf = (orgId: string) => names.get(orgId)?.name ?? 'Unknown provider';
    const encounter = (counted: CountedEncounter) => {
      const booking = bookingsById.get(counted.encounterId);
      return {
        bookingId: counted.encounterId,
        providerName: nameOf(counted.providerId),
        date: counted.date,
        status: booking?.status ?? 'confirmed',
        title: booking?.title ?? '',
      };
    };
    return c.json({
      asOf,
      cohorts: cohorts.map((cohort) => ({
        cohort: cohort.cohort,
        yearGroupNow: cohort.yearGroup,
        phases: cohort.phases.map((phase) => ({
          phase: phase.phase,
          status: phase.status,
          windowStart: phase.window.start,
          deadline: phase.deadline,
          deadlineReason: phase.deadlineReason,
          deadlineExplanation: phase.deadlineExplanation,
          windowEnd: phase.window.end,
          windowState: phase.windowState,
          providers: {
            delivered: phase.deliveredProviderIds.map(nameOf),
            confirmed: phase.plannedProviderIds.filter((p) => !phase.deliveredProviderIds.includes(p)).map(nameOf),
          },
          encounters: [...phase.delivered, ...phase.confirmed, ...phase.awaitingOutcome].map(encounter),
          awaitingOutcome: phase.awaitingOutcome.map(encounter),
          missing: missing.find((m) => m.cohort === cohort.cohort && m.phase === phase.phase)?.message ?? null,
        })),
      })),
    });
  },
);
