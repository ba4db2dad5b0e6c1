// On PostgreSQL (TEST_DATABASE_URL): migrate one template database per run; each test file
// clones it (CREATE DATABASE … TEMPLATE), as immich does. Everything is dropped at the end.
import type { TestProject } from 'vitest/node'
import postgres from 'postgres'
import { migrateToLatest } from '../../src/platform/db/migrate.js'
import { postgresDatabase, createPostgresClient } from '../../src/platform/db/postgres.js'

declare module 'vitest' {
  export interface ProvidedContext { pgTemplate: string; pgRun: string }
}

const withDb = (url: string, db: string) => { const u = new URL(url); u.pathname = `/${db}`; return u.toString() }

export async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL
  project.provide('pgTemplate', '')
  project.provide('pgRun', '')
  if (!url) return
  const run = `gt_${process.pid}_${Date.now().toString(36)}`
  const template = `${run}_tpl`
  const admin = postgres(url, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${template}`)
  const db = postgresDatabase(createPostgresClient(withDb(url, template), { max: 1 }))
  await migrateToLatest(db)
  await db.close()
  await admin.end()
  project.provide('pgTemplate', template)
  project.provide('pgRun', run)
  return async () => {
    const a = postgres(url, { max: 1, onnotice: () => {} })
    const dbs = await a`select datname from pg_database where datname like ${run + '%'}`
    for (const { datname } of dbs) await a.unsafe(`drop database if exists ${datname} with (force)`)
    await a.end()
  }
}
