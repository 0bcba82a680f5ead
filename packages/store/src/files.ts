import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';

/**
 * Files (the safety pack's certificates and policies) in one private S3 bucket. Browsers upload
 * and download directly with presigned URLs; the API never streams a file. An upload is accepted
 * into the pack only after HeadObject shows an allowed content type and size (a presigned PUT
 * cannot bound the size), so the limits hold the same on AWS and on the local stand-in.
 */
export interface FileStore {
  bucket: string;
  /** How the S3 client is made, on the first file operation (see {@link s3Of}). */
  clientConfig: S3ClientConfig;
  client?: Promise<S3Client>;
}

/**
 * The S3 client and presigner are imported on the first file operation, not when the API starts:
 * only the safety pack's routes use them, and every cold start would pay for their modules
 * (about 130 KB of the API bundle). One import per process, one client per file store.
 */
const s3Sdk = () => import('./s3-operations.js');
let sdk: ReturnType<typeof s3Sdk> | undefined;
const loadSdk = () => (sdk ??= s3Sdk());

async function s3Of(files: FileStore): Promise<{ s3: S3Client; sdk: Awaited<ReturnType<typeof s3Sdk>> }> {
  const loaded = await loadSdk();
  files.client ??= Promise.resolve(new loaded.S3Client(files.clientConfig));
  return { s3: await files.client, sdk: loaded };
}

export const FILE_CONTENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type FileContentType = (typeof FILE_CONTENT_TYPES)[number];
/** 10 MB: a scanned certificate or a policy document, not a video. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Presigned URLs live this long. */
export const UPLOAD_URL_SECONDS = 300;
export const DOWNLOAD_URL_SECONDS = 300;

export interface FileStoreConfig {
  bucket: string;
  /** The local stand-in's address; unset on AWS. */
  endpoint?: string;
  region?: string;
}

/** @example const files = createFileStore({ bucket: 'schoolgate-files', endpoint: 'http://127.0.0.1:4569' }); */
export function createFileStore(config: FileStoreConfig): FileStore {
  const clientConfig: S3ClientConfig = { region: config.region ?? process.env.AWS_REGION ?? 'eu-west-2' };
  if (config.endpoint) {
    clientConfig.endpoint = config.endpoint;
    clientConfig.forcePathStyle = true;
    clientConfig.credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  }
  return { clientConfig, bucket: config.bucket };
}

/** FILES_BUCKET (and S3_ENDPOINT locally); undefined when files are not configured. */
export function fileStoreFromEnv(env: NodeJS.ProcessEnv = process.env): FileStore | undefined {
  if (!env.FILES_BUCKET) return undefined;
  return createFileStore({ bucket: env.FILES_BUCKET, endpoint: env.S3_ENDPOINT, region: env.AWS_REGION });
}

/** Where a host's pack file lives: the host's id is in the key, so no one can attach another's file. */
export const safetyFileKey = (hostOrgId: string, fileId: string) => `safety-packs/${hostOrgId}/${fileId}`;

export const isAllowedContentType = (type: string): type is FileContentType => (FILE_CONTENT_TYPES as readonly string[]).includes(type);

/** A presigned PUT: the browser sends the file with exactly this Content-Type (it is signed). */
export async function presignUpload(files: FileStore, key: string, contentType: FileContentType): Promise<{ url: string; headers: Record<string, string>; expiresInSeconds: number }> {
  const { s3, sdk } = await s3Of(files);
  const url = await sdk.getSignedUrl(s3, new sdk.PutObjectCommand({ Bucket: files.bucket, Key: key, ContentType: contentType }), {
    expiresIn: UPLOAD_URL_SECONDS,
    // Keep Content-Type a signed header, so S3 refuses an upload of another type.
    unhoistableHeaders: new Set(['content-type']),
  });
  return { url, headers: { 'content-type': contentType }, expiresInSeconds: UPLOAD_URL_SECONDS };
}

export interface UploadedFile {
  contentType: string;
  size: number;
  /** VersionId on a versioned bucket; the ETag where there is none (the local stand-in). */
  version: string;
  /** Set when `version` is an S3 VersionId (a download then asks for exactly that version). */
  versionId?: string;
}

/** What was uploaded at a key, or undefined when nothing was. */
export async function headUpload(files: FileStore, key: string): Promise<UploadedFile | undefined> {
  const { s3, sdk } = await s3Of(files);
  try {
    const head = await s3.send(new sdk.HeadObjectCommand({ Bucket: files.bucket, Key: key }));
    const versionId = head.VersionId && head.VersionId !== 'null' ? head.VersionId : undefined;
    return {
      contentType: head.ContentType ?? 'application/octet-stream',
      size: head.ContentLength ?? 0,
      version: versionId ?? (head.ETag ?? '').replaceAll('"', ''),
      ...(versionId ? { versionId } : {}),
    };
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'NotFound' || name === 'NoSuchKey' || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return undefined;
    throw error;
  }
}

/** Removes a refused upload (wrong type or too large) so it is not kept. */
export async function deleteUpload(files: FileStore, key: string): Promise<void> {
  const { s3, sdk } = await s3Of(files);
  await s3.send(new sdk.DeleteObjectCommand({ Bucket: files.bucket, Key: key }));
}

/** A presigned GET of one version of a file, downloaded under its own name. */
export async function presignDownload(files: FileStore, key: string, fileName: string, versionId?: string): Promise<string> {
  const safeName = fileName.replace(/[^\w.\- ]+/g, '_');
  const { s3, sdk } = await s3Of(files);
  return sdk.getSignedUrl(
    s3,
    new sdk.GetObjectCommand({
      Bucket: files.bucket,
      Key: key,
      ...(versionId ? { VersionId: versionId } : {}),
      ResponseContentDisposition: `attachment; filename="${safeName}"`,
    }),
    { expiresIn: DOWNLOAD_URL_SECONDS },
  );
}
