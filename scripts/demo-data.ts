import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { callApi, ensureUser, signIn, type CognitoLocal, type RequestHandler } from '@schoolgate/local';
import { keys, type Db } from '@schoolgate/store';

export const DEMO_PASSWORD = 'Schoolgate-demo-2026';

export const DEMO_USERS = [
  { email: 'admin@schoolgate.local', description: 'platform admin (verifies organisations)', platformAdmin: true },
  { email: 'careers@hartfield.sch.local', description: 'careers leader, Hartfield Academy (11–16)' },
  { email: 'careers@kingsmead.sch.local', description: 'careers leader, Kingsmead School (11–18)' },
  { email: 'careers@northgate-utc.sch.local', description: 'careers leader, Northgate UTC (14–19)' },
  { email: 'liaison@riverside.ac.local', description: 'schools liaison, Riverside College (FE college)' },
  { email: 'partnerships@brightpath.local', description: 'admin, BrightPath Training (training provider)' },
  { email: 'outreach@meridian-eng.local', description: 'admin, Meridian Engineering (employer)' },
] as const;

export interface SeedContext {
  app: RequestHandler;
  db: Db;
  cognito: Pick<CognitoLocal, 'client' | 'userPoolId' | 'clientId'>;
  now: Date;
}

const HARTFIELD_URN = '136245';

/** Seeds the demo world once; returns false when the data is already there. */
export async function seedDemoData(ctx: SeedContext): Promise<boolean> {
  const already = await ctx.db.doc.send(new GetCommand({ TableName: ctx.db.tableName, Key: keys.urnGuard(HARTFIELD_URN) }));
  if (already.Item) return false;
  const tokens: Record<string, string> = {};
  for (const user of DEMO_USERS) {
    await ensureUser(ctx.cognito, user.email, DEMO_PASSWORD, { platformAdmin: 'platformAdmin' in user && user.platformAdmin });
    tokens[user.email] = await signIn(ctx.cognito, user.email, DEMO_PASSWORD);
  }
  const post = async (email: string, path: string, body: unknown) => {
    const answer = await callApi(ctx.app, tokens[email], 'POST', path, body);
    if (answer.status >= 300) throw new Error(`Seeding ${path} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const hartfield = await post('careers@hartfield.sch.local', '/v1/schools', {
    urn: HARTFIELD_URN,
    name: 'Hartfield Academy',
    address: '12 Mill Lane, Hartfield',
    postcode: 'LS6 2AB',
    location: { latitude: 53.8208, longitude: -1.5763 },
    yearGroups: { from: 7, to: 11 },
    roll: { '7': 180, '8': 178, '9': 175, '10': 172, '11': 170 },
    venues: [
      { name: 'Main hall', capacity: 420, facilities: ['projector', 'PA system', 'step-free access'] },
      { name: 'Drama studio', capacity: 90, facilities: ['projector'] },
    ],
  });
  await post('admin@schoolgate.local', `/v1/admin/organisations/${hartfield.id}/verify`, {});
  return true;
}
