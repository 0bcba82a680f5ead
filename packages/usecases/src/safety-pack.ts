import type { SafetyPackInput, UploadRequest } from '@schoolgate/contracts';
import { clearanceStanding, SAFETY_CHECK_KINDS, SAFETY_CHECK_TITLES, SAFETY_GUIDANCE, type SafetyCheckKind } from '@schoolgate/domain';
import {
  allChecksSigned,
  deleteUpload,
  FactsChangedError,
  getOrganisation,
  getOrganisations,
  getSafetyClearance,
  getSafetyPack,
  headUpload,
  isAllowedContentType,
  listClearancesOfHost,
  listClearancesOfSchool,
  listSafetyPacks,
  MAX_FILE_BYTES,
  NotFoundError,
  presignDownload,
  presignUpload,
  putSafetyPack,
  safetyFileKey,
  signOffWrites,
  transact,
  type FileStore,
  type SafetyClearanceRecord,
  type SafetyPackContent,
  type SafetyPackRecord,
  type StoredFile,
} from '@schoolgate/store';
import type { UseCaseContext } from './context.js';
import { InvalidInput, Refused } from './errors.js';

/**
 * The employer's safety pack: entered once by the host, reviewed and signed off check by check by
 * each school's placement coordinator, once per academic year. Files go straight from the browser
 * to S3; the pack names them only after HeadObject shows an allowed type and size.
 */

export type SafetyFiles = FileStore;

const filesOrFail = (files: FileStore | undefined): FileStore => {
  if (!files) throw new Refused(409, [{ code: 'FILES_UNAVAILABLE', message: 'File storage is not configured here.' }]);
  return files;
};

/** Only a school Schoolgate has verified may read hosts' packs and sign them off. */
export async function requireVerifiedSchool(ctx: UseCaseContext, schoolId: string): Promise<void> {
  const school = await getOrganisation(ctx.db, schoolId);
  if (!school || school.kind !== 'school') throw new NotFoundError();
  if (!school.verified) {
    throw new Refused(403, [{ code: 'SCHOOL_NOT_VERIFIED', message: `${school.name} is waiting for verification by Schoolgate; employers’ safety packs open once it is verified.` }]);
  }
}

/** A presigned PUT for one new file of the host's pack. */
export async function requestSafetyUpload(ctx: UseCaseContext, files: FileStore | undefined, hostOrgId: string, input: UploadRequest) {
  const store = filesOrFail(files);
  const fileId = ctx.newId();
  const ticket = await presignUpload(store, safetyFileKey(hostOrgId, fileId), input.contentType);
  return { fileId, method: 'PUT' as const, ...ticket, maxBytes: MAX_FILE_BYTES };
}

/** Which checks have what a school needs to sign them off. */
export function packCompleteness(pack: SafetyPackContent | undefined): Record<SafetyCheckKind, boolean> {
  return {
    insurance: Boolean(pack?.insurance?.certificate),
    healthAndSafety: Boolean(pack?.healthAndSafety?.policy),
    riskAssessment: Boolean(pack?.riskAssessments?.length),
    safeguarding: Boolean(pack?.safeguarding),
  };
}

/** The file a check rests on (what a sign-off records, with its version). */
function fileOfCheck(pack: SafetyPackContent, check: SafetyCheckKind): StoredFile | undefined {
  if (check === 'insurance') return pack.insurance?.certificate;
  if (check === 'healthAndSafety') return pack.healthAndSafety?.policy;
  if (check === 'riskAssessment') return (pack.riskAssessments ?? []).find((r) => !r.placementId)?.file ?? pack.riskAssessments?.[0]?.file;
  return undefined;
}

function packView(hostOrgId: string, hostName: string, pack: SafetyPackRecord | undefined) {
  const strip = (file: StoredFile | undefined) => (file ? { fileId: file.fileId, fileVersion: file.fileVersion, fileName: file.fileName, contentType: file.contentType, size: file.size, uploadedAt: file.uploadedAt } : undefined);
  return {
    hostOrgId,
    hostName,
    packVersion: pack?.packVersion ?? 0,
    ...(pack?.updatedAt ? { updatedAt: pack.updatedAt } : {}),
    ...(pack?.insurance
      ? { insurance: { insurer: pack.insurance.insurer, policyNumber: pack.insurance.policyNumber, expiresOn: pack.insurance.expiresOn, ...(pack.insurance.certificate ? { certificate: strip(pack.insurance.certificate)! } : {}) } }
      : {}),
    ...(pack?.healthAndSafety ? { healthAndSafety: pack.healthAndSafety.policy ? { policy: strip(pack.healthAndSafety.policy)! } : {} } : {}),
    riskAssessments: (pack?.riskAssessments ?? []).map((r) => ({ ...(r.placementId ? { placementId: r.placementId } : {}), file: strip(r.file)! })),
    ...(pack?.safeguarding ? { safeguarding: pack.safeguarding } : {}),
    complete: packCompleteness(pack),
    guidance: { ...SAFETY_GUIDANCE },
  };
}

function checksView(clearance: SafetyClearanceRecord | undefined, packVersion: number) {
  return SAFETY_CHECK_KINDS.flatMap((check) => {
    const signed = clearance?.checks[check];
    if (!signed) return [];
    return [{ check, signedBy: signed.signedByEmail ?? signed.signedBy, signedAt: signed.signedAt, packVersion: signed.packVersion, ...(signed.fileId ? { fileId: signed.fileId, fileVersion: signed.fileVersion } : {}), current: signed.packVersion === packVersion }];
  });
}

function standingOf(clearance: SafetyClearanceRecord | undefined, packVersion: number) {
  const signedAt = Object.fromEntries(SAFETY_CHECK_KINDS.flatMap((k) => (clearance?.checks[k] ? [[k, clearance.checks[k]!.packVersion]] : [])));
  return clearanceStanding(signedAt, packVersion);
}

/** The host's own pack with each school's sign-off of it. */
export async function readHostSafetyPack(ctx: UseCaseContext, hostOrgId: string) {
  const [host, pack, clearances] = await Promise.all([getOrganisation(ctx.db, hostOrgId), getSafetyPack(ctx.db, hostOrgId), listClearancesOfHost(ctx.db, hostOrgId)]);
  if (!host) throw new NotFoundError();
  const schools = await getOrganisations(ctx.db, [...new Set(clearances.map((c) => c.schoolId))]);
  const view = packView(hostOrgId, host.name, pack);
  return {
    ...view,
    signOffs: clearances
      .sort((a, b) => b.academicYear.localeCompare(a.academicYear) || a.schoolId.localeCompare(b.schoolId))
      .map((c) => ({
        schoolId: c.schoolId,
        schoolName: schools.get(c.schoolId)?.name ?? 'A school',
        academicYear: c.academicYear,
        standing: standingOf(c, view.packVersion),
        checks: checksView(c, view.packVersion),
      })),
  };
}

/**
 * Saves the host's pack on the version the editor read (`expectedPackVersion`, from If-Match; the
 * version now stored when absent). New files are checked with HeadObject: a type outside PDF,
 * PNG and JPEG or a size over 10 MB is refused naming the field, and the upload is deleted.
 */
export async function saveSafetyPack(
  ctx: UseCaseContext,
  files: FileStore | undefined,
  hostOrgId: string,
  input: SafetyPackInput,
  by: string,
  expectedPackVersion: number | undefined,
) {
  const current = await getSafetyPack(ctx.db, hostOrgId);
  const known = new Map<string, StoredFile>();
  for (const file of [current?.insurance?.certificate, current?.healthAndSafety?.policy, ...(current?.riskAssessments ?? []).map((r) => r.file)]) {
    if (file) known.set(file.fileId, file);
  }
  const at = ctx.now().toISOString();
  const problems: Array<{ field: string; message: string }> = [];
  const resolve = async (ref: { fileId: string; fileName: string } | undefined, field: string): Promise<StoredFile | undefined> => {
    if (!ref) return undefined;
    const existing = known.get(ref.fileId);
    if (existing) return { ...existing, fileName: ref.fileName };
    const store = filesOrFail(files);
    const key = safetyFileKey(hostOrgId, ref.fileId);
    const head = await headUpload(store, key);
    if (!head) {
      problems.push({ field, message: 'No file was uploaded with that id; upload it first.' });
      return undefined;
    }
    if (!isAllowedContentType(head.contentType) || head.size > MAX_FILE_BYTES || head.size === 0) {
      await deleteUpload(store, key);
      problems.push({
        field,
        message: !isAllowedContentType(head.contentType) ? `Upload a PDF, PNG or JPEG file (this one was ${head.contentType}).` : head.size === 0 ? 'The file is empty.' : 'Files can be at most 10 MB.',
      });
      return undefined;
    }
    return { fileId: ref.fileId, fileVersion: head.version, ...(head.versionId ? { versionId: head.versionId } : {}), fileName: ref.fileName, contentType: head.contentType, size: head.size, uploadedAt: at };
  };

  const certificate = await resolve(input.insurance?.certificate, 'insurance.certificate.fileId');
  const policy = await resolve(input.healthAndSafety?.policy, 'healthAndSafety.policy.fileId');
  const riskAssessments: NonNullable<SafetyPackContent['riskAssessments']> = [];
  for (const [index, r] of (input.riskAssessments ?? []).entries()) {
    const file = await resolve(r.file, `riskAssessments.${index}.file.fileId`);
    if (file) riskAssessments.push({ ...(r.placementId ? { placementId: r.placementId } : {}), file });
  }
  if (problems.length) throw new InvalidInput(problems);

  const content: SafetyPackContent = {
    ...(input.insurance
      ? { insurance: { insurer: input.insurance.insurer, policyNumber: input.insurance.policyNumber, expiresOn: input.insurance.expiresOn, ...(certificate ? { certificate } : {}) } }
      : {}),
    ...(input.healthAndSafety ? { healthAndSafety: policy ? { policy } : {} } : {}),
    riskAssessments,
    ...(input.safeguarding ? { safeguarding: input.safeguarding } : {}),
  };
  const saved = await putSafetyPack(ctx.db, hostOrgId, content, expectedPackVersion ?? current?.packVersion ?? 0, at, by);
  return readHostSafetyPack(ctx, hostOrgId).then((view) => ({ ...view, packVersion: saved.packVersion }));
}

/** A school's view of a host's pack and its own sign-off for the academic year. */
export async function reviewSafetyPack(ctx: UseCaseContext, schoolId: string, hostOrgId: string, academicYear: string) {
  const [host, pack, clearance] = await Promise.all([getOrganisation(ctx.db, hostOrgId), getSafetyPack(ctx.db, hostOrgId), getSafetyClearance(ctx.db, schoolId, hostOrgId, academicYear)]);
  if (!host || host.kind === 'school') throw new NotFoundError('No such host');
  const packVersion = pack?.packVersion ?? 0;
  return {
    pack: packView(hostOrgId, host.name, pack),
    academicYear,
    standing: standingOf(clearance, packVersion),
    clearanceVersion: clearance?.version ?? 0,
    checks: checksView(clearance, packVersion),
  };
}

/**
 * A placement coordinator signs off one check of a host's pack for an academic year, on the pack
 * version they reviewed. The sign-off records who, when, and the file (id and version) the check
 * rests on; when all four are signed against the current pack, the sign-off is `signedOff`.
 * Committed with a check that the pack is still that version, and on the sign-off item's version.
 */
export async function signOffSafetyCheck(
  ctx: UseCaseContext,
  schoolId: string,
  hostOrgId: string,
  input: { academicYear: string; check: SafetyCheckKind; packVersion: number },
  signer: { userId: string; email: string },
) {
  const [pack, clearance] = await Promise.all([getSafetyPack(ctx.db, hostOrgId), getSafetyClearance(ctx.db, schoolId, hostOrgId, input.academicYear)]);
  if (!pack) throw new NotFoundError('This host has not entered a safety pack');
  if (pack.packVersion !== input.packVersion) throw new FactsChangedError('host’s safety pack');
  if (!packCompleteness(pack)[input.check]) {
    throw new Refused(422, [{ code: 'SAFETY_CHECKS', message: `${SAFETY_CHECK_TITLES[input.check]}: the host has not provided this yet, so there is nothing to sign off.` }]);
  }
  const file = fileOfCheck(pack, input.check);
  const checks = { ...(clearance?.checks ?? {}) };
  checks[input.check] = {
    signedBy: signer.userId,
    signedByEmail: signer.email,
    signedAt: ctx.now().toISOString(),
    packVersion: pack.packVersion,
    ...(file ? { fileId: file.fileId, fileVersion: file.fileVersion } : {}),
  };
  const record: Omit<SafetyClearanceRecord, 'version'> = {
    schoolId,
    hostOrgId,
    academicYear: input.academicYear,
    checks,
    signedOff: allChecksSigned(checks, pack.packVersion),
    packVersion: pack.packVersion,
    insuranceExpiresOn: pack.insurance?.expiresOn ?? '',
    updatedAt: ctx.now().toISOString(),
  };
  await transact(ctx.db, signOffWrites(ctx.db, record, clearance ? clearance.version : null));
  return reviewSafetyPack(ctx, schoolId, hostOrgId, input.academicYear);
}

/**
 * A presigned GET of one file of a host's current pack. The route decides who may ask (the host's
 * members and any verified school's); a file not in the current pack is not found.
 */
export async function safetyFileDownload(ctx: UseCaseContext, files: FileStore | undefined, hostOrgId: string, fileId: string) {
  const pack = await getSafetyPack(ctx.db, hostOrgId);
  const all = [pack?.insurance?.certificate, pack?.healthAndSafety?.policy, ...(pack?.riskAssessments ?? []).map((r) => r.file)];
  const file = all.find((f) => f?.fileId === fileId);
  if (!file) throw new NotFoundError('No such file in this safety pack');
  const url = await presignDownload(filesOrFail(files), safetyFileKey(hostOrgId, fileId), file.fileName, file.versionId);
  return { url, expiresInSeconds: 300, fileName: file.fileName, fileVersion: file.fileVersion };
}

/** Hosts with a pack, with this school's standing for each in the academic year. */
export async function listSafetyPacksForSchool(ctx: UseCaseContext, schoolId: string, academicYear: string) {
  const [packs, clearances] = await Promise.all([listSafetyPacks(ctx.db), listClearancesOfSchool(ctx.db, schoolId, academicYear)]);
  const hosts = await getOrganisations(ctx.db, packs.map((p) => p.hostOrgId));
  const byHost = new Map(clearances.map((c) => [c.hostOrgId, c]));
  return {
    academicYear,
    items: packs
      .map((p) => ({
        hostOrgId: p.hostOrgId,
        hostName: hosts.get(p.hostOrgId)?.name ?? p.hostOrgId,
        packVersion: p.packVersion,
        ...(p.insurance?.expiresOn ? { insuranceExpiresOn: p.insurance.expiresOn } : {}),
        standing: standingOf(byHost.get(p.hostOrgId), p.packVersion),
      }))
      .sort((a, b) => a.hostName.localeCompare(b.hostName)),
  };
}
