// 好差评 national indicators (GB/T 39734-2020, 国办发〔2019〕51号): besides the overall level
// (整体满意度, the existing `level`), an evaluation may rate each indicator of its channel on
// the same five levels — online (kind case): 办事效率, 办事指南精确度, 办事便捷度, 平台操作性;
// at the hall (kind visit): 服务效率, 服务水平, 服务态度. Kept as one object per evaluation
// ({ "efficiency": "satisfied", … }); the public figures aggregate it in SQL.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    alter table evaluations add column indicators jsonb not null default '{}'::jsonb
      check (jsonb_typeof(indicators) = 'object');
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`alter table evaluations drop column if exists indicators;`).execute(db)
}
