/**
 * The S3 operations the file store uses, in a module of their own so that files.ts can import it
 * on the first file operation (a dynamic import of this module keeps tree-shaking; one of the
 * SDK package itself would keep every command in the bundle).
 */
export { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
export { getSignedUrl } from '@aws-sdk/s3-request-presigner';
