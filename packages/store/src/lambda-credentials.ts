import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles (an esbuild alias in
 * infra/src/function.ts `BUNDLING`): on Lambda the execution role's credentials are in the
 * environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), so the default chain's
 * ini, SSO, process, web-identity, container and IMDS providers (~90 KB, and the nested STS/SSO
 * clients they bring) are never needed. Same name and shape as the module it replaces.
 *
 * @example
 * // esbuild --alias:@aws-sdk/credential-provider-node=./packages/store/src/lambda-credentials.ts
 */
export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) => fromEnv(init);
