export { buildApp, type BuildAppOptions, type BuiltApp } from './app.js';
export { SchoolgateStack } from './schoolgate-stack.js';
export { BUNDLING, ESM_REQUIRE_BANNER } from './function.js';
export { PLATFORM_ADMINS_GROUP } from './auth.js';
