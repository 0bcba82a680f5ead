import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { keys } from './keys.js';
import type { PageRequest, Page } from './lists.js';
import type { OrganisationKind, OrganisationRecord } from './organisations.js';
import { queryPage } from './query.js';

/**
 * The platform admin's verification queue (issue 15): organisations waiting to be verified, the
 * longest waiting first. An organisation joins the queue (gsi2 `VERIFYQUEUE`, sort key
 * `<waitingSince>#<orgId>`) when it registers unverified or a change sends it back (a provider's
 * offer), and leaves it in the verification's own write, so the queue is only ever the waiting few.
 *
 * @example
 * const first = await pageVerificationQueue(db, { limit: 50 });
 */
export const pageVerificationQueue = (db: Db, page: PageRequest, kind?: OrganisationKind): Promise<Page<OrganisationRecord>> =>
  queryPage<OrganisationRecord>(db, {
    index: 'gsi2',
    pk: keys.verificationQueuePartition,
    ...page,
    ...(kind ? { filter: { expression: '#kind = :kind', names: { '#kind': 'kind' }, values: { ':kind': kind } } } : {}),
  });

export type VerificationCounts = Record<OrganisationKind, { waiting: number; verified: number }>;

const KINDS: OrganisationKind[] = ['school', 'provider', 'employer'];

/**
 * How many organisations of each kind wait and how many are verified. The waiting are counted from
 * the queue (its kind attribute only); the verified are each kind's total (`ORGS#<kind>`, a COUNT
 * query: it reads the kind's index pages without returning them) less its waiting. An admin page,
 * read by one person: its cost grows with the number of organisations, a few 1 MB pages per 10,000.
 */
export async function countOrganisationsByState(db: Db): Promise<VerificationCounts> {
  const count = async (input: { pk: string; index: 'gsi1' | 'gsi2'; project?: boolean }) => {
    const byKind: Record<string, number> = {};
    let total = 0;
    for await (const page of paginateQuery(
      { client: db.doc },
      {
        TableName: db.tableName,
        IndexName: input.index,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': `${input.index}pk`, ...(input.project ? { '#kind': 'kind' } : {}) },
        ExpressionAttributeValues: { ':pk': input.pk },
        ...(input.project ? { ProjectionExpression: '#kind' } : { Select: 'COUNT' as const }),
      },
    )) {
      total += page.Count ?? 0;
      for (const item of page.Items ?? []) byKind[String(item.kind)] = (byKind[String(item.kind)] ?? 0) + 1;
    }
    return { total, byKind };
  };
  const [waiting, ...totals] = await Promise.all([
    count({ pk: keys.verificationQueuePartition, index: 'gsi2', project: true }),
    ...KINDS.map((kind) => count({ pk: keys.organisationIndex(kind, '').gsi1pk, index: 'gsi1' })),
  ]);
  return Object.fromEntries(
    KINDS.map((kind, i) => {
      const waits = waiting.byKind[kind] ?? 0;
      return [kind, { waiting: waits, verified: Math.max(0, totals[i]!.total - waits) }];
    }),
  ) as VerificationCounts;
}
