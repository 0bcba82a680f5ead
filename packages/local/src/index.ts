export * from './dynamodb-local.js';
export * from './ports.js';
export * from './cognito-local.js';
export * from './call-api.js';
export * from './s3-local.js';
