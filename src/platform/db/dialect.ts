// A Kysely dialect over one already-acquired connection (a reserved postgres.js
// connection or a PGlite transaction). Every request runs in exactly one transaction on
// one connection that the Database opened with the actor's scope; Kysely only compiles
// and sends queries on it. We do not use kysely-postgres-js here because its driver
// acquires connections and awaits BEGIN itself, which defeats the pipelined scope setup
// (design.md, "The per-request transaction costs round trips").
import {
  type CompiledQuery, type DatabaseConnection, DefaultQueryExecutor, type Dialect, type Driver, type QueryResult,
  Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler,
} from 'kysely'

export type Run = (sql: string, params: readonly unknown[]) => Promise<{ rows: any[]; affected?: number; command?: string }>

class OneConnection implements DatabaseConnection {
  constructor(private run: Run) {}
  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    const r = await this.run(q.sql, q.parameters)
    const kind = q.query.kind
    const writes = kind === 'InsertQueryNode' || kind === 'UpdateQueryNode' || kind === 'DeleteQueryNode'
    return { rows: r.rows as R[], ...(writes && r.affected !== undefined ? { numAffectedRows: BigInt(r.affected) } : {}) }
  }
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on a request connection')
  }
}

class OneConnectionDriver implements Driver {
  readonly conn: OneConnection
  constructor(run: Run) { this.conn = new OneConnection(run) }
  async init() {}
  async acquireConnection() { return this.conn }
  // Transactions are opened by the Database, not by Kysely; these serve the migrator,
  // which runs on its own connection.
  async beginTransaction(c: DatabaseConnection) { await c.executeQuery({ sql: 'begin', parameters: [], query: { kind: 'RawNode' } } as any) }
  async commitTransaction(c: DatabaseConnection) { await c.executeQuery({ sql: 'commit', parameters: [], query: { kind: 'RawNode' } } as any) }
  async rollbackTransaction(c: DatabaseConnection) { await c.executeQuery({ sql: 'rollback', parameters: [], query: { kind: 'RawNode' } } as any) }
  async releaseConnection() {}
  async destroy() {}
}

export function oneConnectionDialect(run: Run): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new OneConnectionDriver(run),
    createIntrospector: (db: Kysely<any>) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  }
}

// Shared by every request's Kysely: compiling is synchronous, so one compiler serves all (its
// visitor table is built once, not per request).
const adapter = new PostgresAdapter()
const compiler = new PostgresQueryCompiler()

/**
 * A Kysely over one connection, made per request: built from its parts (KyselyProps) with a
 * connection provider that hands the connection straight to the query, instead of a dialect's
 * RuntimeDriver, Log and DefaultConnectionProvider, which each request would build anew and
 * then await on every query (initialisation, acquire, release). Kysely's own transactions are not
 * used on it (the Database opened the transaction); `driver` is there for their sake only.
 */
export function kyselyOver<DB>(run: Run): Kysely<DB> {
  const dialect = oneConnectionDialect(run)
  const driver = new OneConnectionDriver(run)
  const executor = new DefaultQueryExecutor(compiler, adapter,
    { provideConnection: (consumer) => consumer(driver.conn) }, [])
  return new Kysely<DB>({ config: { dialect }, dialect, driver, executor })
}
