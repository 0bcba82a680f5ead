import { Hono } from 'hono';
// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';
import { academicYearParam, fileDownload, hostSafetyPack, safetyPackInput, safetyPackList, safetyPackReview, signOffInput, uploadRequest, uploadTicket } from '@schoolgate/contracts';
import { academicYearIdOf, todayInLondon } from '@schoolgate/domain';
import {
  listSafetyPacksForSchool,
  readHostSafetyPack,
  requestSafetyUpload,
  requireVerifiedSchool,
  reviewSafetyPack,
  safetyFileDownload,
  saveSafetyPack,
  signOffSafetyCheck,
} from '@schoolgate/usecases';
import { caller, deps, requireMember, type AppEnv } from '../context.js';
import { route } from '../declare.js';
import { notFound } from '../problem.js';
import { ADMIN_ROLES, PLACEMENT_ROLES, ROLES } from './organisations.js';
import { etagOf, ifMatch } from './school-setup.js';

/**
 * The employer's safety pack (work experience). The host (an employer, or a provider that hosts)
 * enters it once; any verified school may read it and its files (a second school sees the same
 * pack without the host entering it again); a school's careers leader or placement coordinator
 * signs it off check by check for an academic year. Nobody else sees it.
 */
const hostParam = z.strictObject({ id: z.string().min(1).max(64) });
const hostFileParam = z.strictObject({ id: z.string().min(1).max(64), fileId: z.string().min(1).max(64) });
const schoolParam = z.strictObject({ id: z.string().min(1).max(64) });
const schoolHostParam = z.strictObject({ id: z.string().min(1).max(64), hostId: z.string().min(1).max(64) });
const schoolHostFileParam = schoolHostParam.extend({ fileId: z.string().min(1).max(64) });
const yearQuery = z.strictObject({ academicYear: academicYearParam.optional() });
const HOSTS = ['provider', 'employer'] as const;

export const safetyPacks = new Hono<AppEnv>()
  .get('/organisations/:id/safety-pack', route({ operationId: 'getSafetyPack', summary: 'The host’s safety pack and each school’s sign-off of it (ETag: send it back in If-Match)', tag: 'Safety pack', auth: 'partner-member', params: hostParam, response: { schema: hostSafetyPack }, problems: ['STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, undefined, HOSTS);
    const pack = await readHostSafetyPack(deps(c), id);
    c.header('etag', etagOf(pack.packVersion));
    return c.json(pack);
  })
  .put('/organisations/:id/safety-pack', route({ operationId: 'saveSafetyPack', summary: 'Enter or change the safety pack (If-Match: the ETag you loaded); every change is a new pack version that schools review again', tag: 'Safety pack', auth: 'org-admin', params: hostParam, body: safetyPackInput, response: { schema: hostSafetyPack }, problems: ['STALE_STATE', 'FILES_UNAVAILABLE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    const membership = await requireMember(c, id, undefined, HOSTS);
    await requireMember(c, id, ADMIN_ROLES[membership.kind]);
    const saved = await saveSafetyPack(deps(c), deps(c).files, id, c.req.valid('json'), caller(c).email, ifMatch(c));
    c.header('etag', etagOf(saved.packVersion));
    return c.json(saved);
  })
  .post('/organisations/:id/safety-pack/uploads', route({ operationId: 'requestSafetyUpload', summary: 'A presigned URL to upload one file of the pack (PDF, PNG or JPEG, at most 10 MB); name it in the pack to attach it', tag: 'Safety pack', auth: 'org-admin', params: hostParam, body: uploadRequest, response: { status: 201, schema: uploadTicket }, problems: ['FILES_UNAVAILABLE', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    const membership = await requireMember(c, id, undefined, HOSTS);
    await requireMember(c, id, ADMIN_ROLES[membership.kind]);
    return c.json(await requestSafetyUpload(deps(c), deps(c).files, id, c.req.valid('json')), 201);
  })
  .get('/organisations/:id/safety-pack/files/:fileId', route({ operationId: 'downloadOwnSafetyFile', summary: 'A presigned URL to download one file of the host’s own pack', tag: 'Safety pack', auth: 'partner-member', params: hostFileParam, response: { schema: fileDownload }, problems: ['FILES_UNAVAILABLE', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id, fileId } = c.req.valid('param');
    await requireMember(c, id, undefined, HOSTS);
    return c.json(await safetyFileDownload(deps(c), deps(c).files, id, fileId));
  })
  .get('/schools/:id/safety-packs', route({ operationId: 'listSafetyPacks', summary: 'Hosts with a safety pack, and where the school’s sign-off of each stands this academic year', tag: 'Safety pack', auth: 'school-member', params: schoolParam, query: yearQuery, response: { schema: safetyPackList }, problems: ['SCHOOL_NOT_VERIFIED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id } = c.req.valid('param');
    await requireMember(c, id, ROLES.school, ['school']);
    await requireVerifiedSchool(deps(c), id);
    const year = c.req.valid('query').academicYear ?? academicYearIdOf(todayInLondon(deps(c).now()));
    return c.json(await listSafetyPacksForSchool(deps(c), id, year));
  })
  .get('/schools/:id/safety-packs/:hostId', route({ operationId: 'reviewSafetyPack', summary: 'A host’s safety pack and the school’s sign-off of each check for an academic year', tag: 'Safety pack', auth: 'school-member', params: schoolHostParam, query: yearQuery, response: { schema: safetyPackReview }, problems: ['SCHOOL_NOT_VERIFIED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id, hostId } = c.req.valid('param');
    await requireMember(c, id, ROLES.school, ['school']);
    await requireVerifiedSchool(deps(c), id);
    const year = c.req.valid('query').academicYear ?? academicYearIdOf(todayInLondon(deps(c).now()));
    return c.json(await reviewSafetyPack(deps(c), id, hostId, year));
  })
  .get('/schools/:id/safety-packs/:hostId/files/:fileId', route({ operationId: 'downloadSafetyFile', summary: 'A presigned URL to download one file of a host’s safety pack', tag: 'Safety pack', auth: 'school-member', params: schoolHostFileParam, response: { schema: fileDownload }, problems: ['SCHOOL_NOT_VERIFIED', 'FILES_UNAVAILABLE', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id, hostId, fileId } = c.req.valid('param');
    await requireMember(c, id, ROLES.school, ['school']);
    await requireVerifiedSchool(deps(c), id);
    if (hostId === id) throw notFound();
    return c.json(await safetyFileDownload(deps(c), deps(c).files, hostId, fileId));
  })
  .post('/schools/:id/safety-packs/:hostId/sign-offs', route({ operationId: 'signOffSafetyCheck', summary: 'Sign off one check of a host’s safety pack for an academic year, on the pack version reviewed', tag: 'Safety pack', auth: 'school-placements', params: schoolHostParam, body: signOffInput, response: { schema: safetyPackReview }, problems: ['SAFETY_CHECKS', 'FACTS_CHANGED', 'STALE_STATE', 'SCHOOL_NOT_VERIFIED', 'RATE_LIMITED', 'STORE_UNAVAILABLE'] }), async (c) => {
    const { id, hostId } = c.req.valid('param');
    await requireMember(c, id, PLACEMENT_ROLES, ['school']);
    await requireVerifiedSchool(deps(c), id);
    const me = caller(c);
    return c.json(await signOffSafetyCheck(deps(c), id, hostId, c.req.valid('json'), { userId: me.userId, email: me.email }));
  });
