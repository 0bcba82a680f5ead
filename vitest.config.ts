import { defineConfig } from 'vitest/config';
import LongestFirst from './test/setup/sequencer.js';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'functions/*/src/**/*.test.ts', 'infra/test/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'],
    globalSetup: ['test/setup/global.ts'],
    // Lambda runs Node 22; the SDK's notice about Node 20 is for these local runs only.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // Two test files at a time on the 2-core CI machine (vitest's default there is one). Timeouts
    // are sized for a file sharing the machine with another: they say how long to wait before
    // calling a test stuck, not how fast it must be, so no test proves less for them.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits as long as a page's own waits (test/support/browser.ts), not vitest's 1 s.
    expect: { poll: { timeout: 30_000 } },
    // The longest files first, so the two workers finish together (test/setup/sequencer.ts).
    sequence: { sequencer: LongestFirst },
  },
});
