import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from './client.js';
import { defaultProvider } from './lambda-credentials.js';

describe('the store client', () => {
  it("leaves out the SDK's logging middleware (it copies every response even with no logger)", () => {
    // A plain client carries it, so the assertion below is about our removal, not the SDK's default.
    expect(new DynamoDBClient({ region: 'eu-west-2' }).middlewareStack.identify().join(' ')).toContain('loggerMiddleware');
    const db = createDb({ tableName: 't', endpoint: 'http://127.0.0.1:9' });
    expect(db.doc.middlewareStack.identify().join(' ')).not.toContain('loggerMiddleware');
  });
});

describe('the Lambda credential provider (the bundles alias the default chain to it)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('reads the execution role credentials from the environment', async () => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' });
    await expect(defaultProvider()()).resolves.toMatchObject({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' });
  });

  it('looks nowhere else: no file, SSO or metadata service', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    await expect(defaultProvider()()).rejects.toThrow(/environment variable credentials/);
  });
});
