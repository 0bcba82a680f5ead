import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
// The store's own module, not its barrel: the API authenticates keys at every cold start's first request, from code evaluated at init.
import { getApiKey, listApiKeys, listApiKeyUses, putApiKey, recordApiKeyUse, revokeApiKey, type ApiKeyRecord, type ApiKeyScope, type ApiKeyUse } from '@schoolgate/store/api-keys';
import type { Db, MembershipRecord } from '@schoolgate/store';
import type { UseCaseContext } from './context.js';

/**
 * API keys: an organisation's own systems (a college's CRM, a trust's dashboard) call the API as
 * the organisation, never as a person. The key is `sg_live_<keyId>_<secret>`: the id finds the
 * record with one consistent read, the 256-bit secret is checked against its stored SHA-256 (a
 * salt or a slow hash adds nothing to a secret this long).
 */
const KEY_PATTERN = /^sg_live_([0-9A-Z]{26})_([A-Za-z0-9_-]{43})$/;

/** True when a bearer token looks like an API key rather than a JWT. */
export const looksLikeApiKey = (token: string) => token.startsWith('sg_');

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What the organisation sees of a key (no hash). */
export type ApiKeyView = Omit<ApiKeyRecord, 'secretHash' | 'orgName' | 'orgKind'> & { lastUsedAt?: string };

const view = ({ secretHash: _hash, orgName: _name, orgKind: _kind, ...rest }: ApiKeyRecord, lastUsedAt?: string): ApiKeyView => ({
  ...rest,
  ...(lastUsedAt ? { lastUsedAt } : {}),
});

/**
 * Creates a key for the organisation the admin belongs to; the token is returned this once.
 *
 * @example
 * const { token } = await createApiKey(ctx, membership, { name: 'Our CRM', scope: 'read' });
 */
export async function createApiKey(
  ctx: UseCaseContext,
  admin: MembershipRecord,
  input: { name: string; scope: ApiKeyScope },
): Promise<ApiKeyView & { token: string }> {
  const keyId = ctx.newId();
  const secret = randomBytes(32).toString('base64url');
  const token = `sg_live_${keyId}_${secret}`;
  const record: ApiKeyRecord = {
    keyId,
    orgId: admin.orgId,
    orgName: admin.orgName,
    orgKind: admin.kind,
    name: input.name,
    scope: input.scope,
    secretHash: sha256(secret),
    hint: token.slice(0, 16),
    createdAt: ctx.now().toISOString(),
    createdBy: admin.email,
  };
  await putApiKey(ctx.db, record);
  return { ...view(record), token };
}

/**
 * The key a token stands for, if it is well formed, known, matches its hash and is not revoked.
 * Read consistently, so a revoked key fails on its very next call.
 *
 * @example
 * const key = await authenticateApiKey(db, 'sg_live_01J..._...');
 */
export async function authenticateApiKey(db: Db, token: string): Promise<ApiKeyRecord | undefined> {
  const match = KEY_PATTERN.exec(token);
  if (!match) return undefined;
  const key = await getApiKey(db, match[1]!);
  if (!key || key.revokedAt) return undefined;
  const given = Buffer.from(sha256(match[2]!), 'hex');
  const stored = Buffer.from(key.secretHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored) ? key : undefined;
}

/**
 * The membership an API key stands in for: a member of its own organisation only, as its careers
 * leader or admin when it may write, as staff when it may only read.
 *
 * @example
 * const membership = apiKeyMembership(key, ADMIN_ROLES[key.orgKind][0]!, 'staff');
 */
export function apiKeyMembership(key: ApiKeyRecord, adminRole: string, readRole: string): MembershipRecord {
  return {
    userId: `apikey:${key.keyId}`,
    email: `api-key:${key.name}`,
    orgId: key.orgId,
    orgName: key.orgName,
    kind: key.orgKind,
    role: key.scope === 'read-write' ? adminRole : readRole,
    createdAt: key.createdAt,
  };
}

/**
 * An organisation's keys, revoked ones included, each with when it was last used.
 *
 * @example
 * const keys = await listApiKeysOf(db, 'prv_1');
 */
export async function listApiKeysOf(db: Db, orgId: string): Promise<ApiKeyView[]> {
  const keys = await listApiKeys(db, orgId);
  return Promise.all(keys.map(async (key) => view(key, (await listApiKeyUses(db, key.keyId, 1))[0]?.lastAt)));
}

/**
 * Revokes one of the organisation's keys; its next call gets 401.
 *
 * @example
 * await revokeApiKeyOf(ctx, membership, '01J...');
 */
export async function revokeApiKeyOf(ctx: UseCaseContext, admin: MembershipRecord, keyId: string): Promise<ApiKeyView> {
  return view(await revokeApiKey(ctx.db, admin.orgId, keyId, admin.email, ctx.now().toISOString()));
}

/**
 * A key's recent use, minute by minute (newest first), if it belongs to the organisation.
 *
 * @example
 * const usage = await apiKeyUsageOf(db, 'prv_1', '01J...');
 */
export async function apiKeyUsageOf(db: Db, orgId: string, keyId: string, minutes = 60): Promise<ApiKeyUse[] | undefined> {
  const key = await getApiKey(db, keyId);
  if (!key || key.orgId !== orgId) return undefined;
  return listApiKeyUses(db, keyId, minutes);
}

/**
 * The audit of one call: counted in the key's minute, under the key's own partition.
 *
 * @example
 * await auditApiKeyUse(db, key, new Date(), { call: 'GET /v1/organisations/prv_1/bookings', status: 200, write: false });
 */
export async function auditApiKeyUse(db: Db, key: Pick<ApiKeyRecord, 'keyId'>, at: Date, use: { call: string; status: number; write: boolean }): Promise<void> {
  await recordApiKeyUse(db, key.keyId, at, use);
}
