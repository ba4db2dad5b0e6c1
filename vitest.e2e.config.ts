import { defineConfig } from 'vitest/config'

// Browser tests (npm run test:e2e): the real server and Debian's Chromium; one file at a time.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    maxWorkers: 1,
    fileParallelism: false,
  },
})
