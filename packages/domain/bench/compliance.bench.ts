import { pathToFileURL } from 'node:url';
import {
  SCHOOL_SHAPES,
  computeCompliance,
  describeMissing,
  evaluateEncounter,
  type Encounter,
  type EncounterStatus,
  type YearGroup,
} from '../src/index.js';
import { providers, schoolFacts } from '../src/testing/fixtures.js';

export interface BenchResult {
  name: string;
  p50ms: number;
  p99ms: number;
  iterations: number;
}

const AS_OF = '2026-03-16';
const ENCOUNTER_COUNT = 500;
const PROVIDER_COUNT = 25;

/** A fixed-seed generator so every run times the same data. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** 500 encounters spread over six academic years (2020/21 – 2025/26) for a 7–13 school. */
function historyOfEncounters(): Encounter[] {
  const random = seededRandom(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const statuses: EncounterStatus[] = ['delivered', 'delivered', 'delivered', 'confirmed', 'not_delivered', 'cancelled'];
  const firstDay = Date.UTC(2020, 8, 1);
  const span = Date.UTC(2026, 7, 31) - firstDay;
  const encounters: Encounter[] = [];
  for (let index = 0; index < ENCOUNTER_COUNT; index += 1) {
    const date = new Date(firstDay + Math.floor(random() * span / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
    const firstYear = (8 + Math.floor(random() * 6)) as YearGroup;
    const yearGroups: YearGroup[] = random() < 0.3 && firstYear < 13 ? [firstYear, (firstYear + 1) as YearGroup] : [firstYear];
    encounters.push({
      id: `enc-${index}`,
      providerId: `provider-${Math.floor(random() * PROVIDER_COUNT)}`,
      date,
      start: '10:00',
      end: '11:00',
      yearGroups,
      designation: random() < 0.85 ? 'statutory' : 'supplementary',
      status: pick(statuses),
    });
  }
  return encounters;
}

function percentile(sortedMs: readonly number[], fraction: number): number {
  const index = Math.min(sortedMs.length - 1, Math.ceil(fraction * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)] ?? Number.NaN;
}

function time(name: string, iterations: number, warmup: number, run: () => unknown): BenchResult {
  let sink: unknown;
  for (let index = 0; index < warmup; index += 1) sink = run();
  const samples: number[] = [];
  for (let index = 0; index < iterations; index += 1) {
    const started = process.hrtime.bigint();
    sink = run();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  if (sink === undefined) throw new Error(`${name} returned nothing`);
  samples.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return { name, p50ms: round(percentile(samples, 0.5)), p99ms: round(percentile(samples, 0.99)), iterations };
}

/**
 * Times the rules engine on a Years 7–13 school with six academic years of history and 500
 * encounters. Called by the root `npm run bench`; run this file directly for a table.
 * @example const results = await runDomainBench();
 */
export async function runDomainBench(): Promise<BenchResult[]> {
  const school = schoolFacts(SCHOOL_SHAPES.withSixthForm);
  const encounters = historyOfEncounters();
  const proposal = {
    date: '2026-03-17',
    start: '10:00',
    end: '11:00',
    yearGroups: [10, 11],
    venueCapacity: 400,
    designation: 'statutory' as const,
  };
  return [
    time('computeCompliance (7–13, 6 years, 500 encounters)', 2000, 200, () => computeCompliance(school, encounters, AS_OF)),
    time('computeCompliance + describeMissing', 2000, 200, () => describeMissing(computeCompliance(school, encounters, AS_OF))),
    time('evaluateEncounter against 500 existing', 2000, 200, () =>
      evaluateEncounter({ encounter: proposal, provider: providers.college, school, rules: { published: true }, existing: encounters }),
    ),
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runDomainBench();
  console.table(results);
}
