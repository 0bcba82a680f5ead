import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
// s3rver ships no types; its constructor and run/close are all this launcher uses.
// @ts-expect-error no declaration file
import S3rver from 's3rver';

export interface S3Local {
  endpoint: string;
  bucket: string;
  stop(): Promise<void>;
}

export interface S3LocalOptions {
  port: number;
  bucket: string;
  /** Directory for the objects; omitted means a temporary one, removed on stop. */
  dataDir?: string;
  /** Origins the browser may upload from (S3 CORS); `*` locally unless given. */
  corsOrigins?: string[];
}

/**
 * Starts `s3rver` (a fake S3 on the filesystem) in this process with one bucket, CORS open to the
 * web app's PUT and GET, as the CDK bucket is. It answers presigned PUT and GET as S3 does, but
 * does not verify SigV4 signatures nor keep object versions: on AWS the bucket is private and
 * versioned (infra/src/files.ts), and the API checks type and size with HeadObject either way.
 *
 * @example
 * const s3 = await startS3Local({ port: 4569, bucket: 'schoolgate-files' });
 * // ... S3_ENDPOINT=s3.endpoint FILES_BUCKET=s3.bucket ...
 * await s3.stop();
 */
export async function startS3Local(options: S3LocalOptions): Promise<S3Local> {
  const temporary = !options.dataDir;
  const directory = options.dataDir ? resolve(options.dataDir) : mkdtempSync(join(tmpdir(), 'schoolgate-s3-'));
  mkdirSync(directory, { recursive: true });
  const origins = (options.corsOrigins ?? ['*']).map((origin) => `<AllowedOrigin>${origin}</AllowedOrigin>`).join('');
  const cors =
    `<CORSConfiguration><CORSRule>${origins}<AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod>` +
    '<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>';
  const server = new S3rver({
    port: options.port,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: options.bucket, configs: [cors] }],
  });
  await server.run();
  return {
    endpoint: `http://127.0.0.1:${options.port}`,
    bucket: options.bucket,
    async stop() {
      await server.close();
      if (temporary) rmSync(directory, { recursive: true, force: true });
    },
  };
}
