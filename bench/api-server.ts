// The app under test: the real app factory on postgres.js, request logs off.
import { serve } from '@hono/node-server'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { systemClock } from '../src/platform/clock.js'
import { createPostgresClient, postgresDatabase, readerPools } from '../src/platform/db/postgres.js'
import { createLogger } from '../src/platform/logger.js'
import { memoryStorage } from '../src/platform/storage.js'

const config = loadConfig({ DATABASE_URL: process.env.BENCH_DB_URL, LOG_LEVEL: 'silent' })
// Plain reads on a reader pool (as src/platform/db/open.ts does); BENCH_NO_READER=1 measures without it.
const db = postgresDatabase(createPostgresClient(process.env.BENCH_DB_URL!, { max: 10 }),
  process.env.BENCH_NO_READER ? {} : readerPools(process.env.BENCH_DB_URL!, { max: 10 }))
const app = createApp({ config, clock: systemClock, log: createLogger('silent'), db: () => db, storage: memoryStorage() })
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () => process.send?.('ready'))
// Exit normally on either signal, so that a --cpu-prof profile is written (run.ts kills with SIGTERM).
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => process.exit(0))
