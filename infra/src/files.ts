import { Duration, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface FilesProps {
  /** The web app's origin (https://…): the only origin a browser may upload from. */
  readonly webOrigin: string;
  /** Where S3 server access logs go (the web stack's log bucket). */
  readonly accessLogsBucket: IBucket;
}

/**
 * The safety pack's files (insurance certificates, policies, risk assessments): private,
 * encrypted, versioned, TLS only, with server access logs. Browsers upload and download only
 * through presigned URLs the API signs after checking who is asking; the API checks each upload's
 * type and size with HeadObject before a pack names it. Retained in every stage: these are the
 * evidence a school signed off.
 */
export class Files extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: FilesProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 's3/files/',
      // A replaced certificate stays readable for the sign-offs that name its version for a
      // year and a term; abandoned multipart uploads go after a week.
      lifecycleRules: [
        { noncurrentVersionExpiration: Duration.days(500) },
        { abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      cors: [
        {
          allowedOrigins: [props.webOrigin],
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET],
          allowedHeaders: ['content-type'],
          exposedHeaders: ['ETag', 'x-amz-version-id'],
          maxAge: 3000,
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * The API signs uploads (PutObject) and downloads (GetObject, GetObjectVersion), reads an
   * upload's type and size (HeadObject is GetObject) and deletes a refused upload: named actions
   * on objects under safety-packs/ only, nothing on the bucket itself.
   */
  grantApi(role: Role): void {
    role.addToPolicy(
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject', 's3:GetObjectVersion', 's3:DeleteObject'],
        resources: [this.bucket.arnForObjects('safety-packs/*')],
      }),
    );
    const logicalId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/safety-packs/*]`,
      reason: 'Object keys are safety-packs/<host org id>/<file id>, made per upload; the API decides who may sign a URL for which key.',
    });
  }
}
