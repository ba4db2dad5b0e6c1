import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser tests run on their own (npm run test:e2e, vitest.e2e.config.ts).
    exclude: ['test/e2e/**', 'node_modules/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: each file has its own database; more workers only contend.
    maxWorkers: 2,
  },
})
