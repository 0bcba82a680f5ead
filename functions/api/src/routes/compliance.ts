import { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { compliance as complianceSchema, localDate } from '@schoolgate/contracts';
import { computeCompliance, describeMissing, todayInLondon, type CountedEncounter } from '@schoolgate/domain';
import { readOrganisation, readSchoolStanding, Refused } from '@schoolgate/usecases';
import { deps, requireMember, type AppEnv } from '../context.js';
import { notFound } from '../problem.js';
import { route } from '../declare.js';
import { ROLES } from './organisations.js';

export const compliance = new Hono<AppEnv>().get(
  '/schools/:id/compliance',
  route({
    operationId: 'getCompliance',
    summary: "Each cohort's status per key phase, on the facts as they are now",
    tag: 'Compliance',
    auth: 'school-member',
    params: z.strictObject({ id: z.string().min(1).max(64) }),
    query: z.strictObject({ asOf: localDate.optional() }),
    response: { schema: complianceSchema },
    problems: ['CALENDAR_MISSING', 'STORE_UNAVAILABLE'],
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ROLES.school, ['school']);
    const { db, now } = deps(c);
    const asOf = c.req.valid('query').asOf ?? todayInLondon(now());
    const standing = await readSchoolStanding(db, id, asOf);
    if (!standing) {
      const school = await readOrganisation(db, id);
      if (!school) throw notFound();
      throw new Refused(422, [{ code: 'CALENDAR_MISSING', message: 'Enter your terms, closures and school day: compliance is judged on them.' }]);
    }
    const { lapsed } = standing;
    const cohorts = computeCompliance(standing.facts, standing.encounters, asOf);
    const missing = describeMissing(cohorts);
    // A closed phase's encounters come from its summary (settled); the rest are the open items.
    const bookingsById = new Map<string, { status: string; title: string }>([...standing.settled, ...standing.bookings].map((b) => [b.id, b]));
    const settledNames = new Map(standing.settled.map((s) => [s.requesterOrgId, s.requesterName]));
    const recorded = new Map(standing.recorded.map((r) => [r.id, r]));
    const nameOf = (orgId: string) =>
      standing.providers.get(orgId)?.name ?? settledNames.get(orgId) ?? standing.recorded.find((r) => r.providerId === orgId)?.providerName ?? 'Unknown provider';
    const encounter = (counted: CountedEncounter) => {
      const booking = bookingsById.get(counted.encounterId);
      return {
        bookingId: counted.encounterId,
        providerName: nameOf(counted.providerId),
        date: counted.date,
        status: booking?.status ?? (recorded.has(counted.encounterId) ? 'delivered' : 'confirmed'),
        title: booking?.title ?? (recorded.has(counted.encounterId) ? 'Recorded by the school' : ''),
        ...(recorded.has(counted.encounterId) ? { recorded: true } : {}),
      };
    };
    return c.json({
      asOf,
      // Confirmed as statutory, but no longer meeting a rule on the facts as they are now: not counted.
      noLongerCounting: [...lapsed].map(([bookingId, violations]) => {
        const booking = standing.bookings.find((b) => b.id === bookingId)!;
        return { bookingId, title: booking.title, date: booking.date, providerName: booking.requesterName, violations };
      }),
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
