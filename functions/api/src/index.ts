export { createApp, type ApiRoutes, type App } from './app.js';
export { jwtVerifier, type Caller, type TokenVerifier } from './auth.js';
export { ulid, type ApiDeps } from './deps.js';
export { startLocalServer } from './local-server.js';
