import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, longest first (measured with two workers on the loaded 2-core
 * machine: `npx vitest run --reporter=json`), so that the two workers start on them and finish together
 * rather than one of them starting a long file near the end. Files not named here follow in
 * vitest's own order. A name that no longer matches a file is simply not used.
 */
const LONGEST_FIRST = [
  // Browser and API files alternate, so two Chromiums seldom run side by side.
  'test/browser/loop.test.ts',
  'test/api/offers-concurrency.test.ts',
  'test/start.test.ts',
  'test/api/placement-races.test.ts',
  'test/browser/evidence.test.ts',
  'test/api/concurrency.test.ts',
  'test/demo-data.test.ts',
  'test/api/placement-cancel.test.ts',
  'test/browser/email-links.test.ts',
  'test/api/facts-at-confirmation.test.ts',
  'test/demo-safety-packs.test.ts',
  'test/api/live-limits.test.ts',
  'test/api/placement-emails.test.ts',
  'test/api/area-search.test.ts',
  'test/api/benchmark5-reads.test.ts',
  'test/api/backfill.test.ts',
  'test/browser/offers.test.ts',
  'test/api/school-directory.test.ts',
  'test/browser/work-experience.test.ts',
  'test/api/reschedule.test.ts',
  'test/browser/finding.test.ts',
  'test/api/scale-reads.test.ts',
  'test/browser/onboarding.test.ts',
  'functions/notify/src/reminders.test.ts',
  'test/browser/decisions.test.ts',
  'test/api/marketplace.test.ts',
  'test/browser/organisations.test.ts',
  'functions/notify/src/fanout.test.ts',
  'test/browser/reschedule.test.ts',
  'test/api/evidence.test.ts',
  'test/browser/safety-pack.test.ts',
  'test/api/authorisation.test.ts',
];

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rest = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const path = spec.moduleId.replaceAll('\\', '/');
      const index = LONGEST_FIRST.findIndex((name) => path.endsWith(`/${name}`));
      return index === -1 ? LONGEST_FIRST.length : index;
    };
    return rest.map((spec, order) => ({ spec, order })).sort((a, b) => rank(a.spec) - rank(b.spec) || a.order - b.order).map(({ spec }) => spec);
  }
}
