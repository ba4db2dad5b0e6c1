// Migrations are listed in code (not read from disk) so the Workers bundle carries them too.
import type { Migration } from 'kysely'
import * as foundation from './2026-11-24-001-foundation.js'
import * as catalogPowers from './2026-11-24-002-catalog-powers.js'
import * as standards from './2026-11-24-003-standards.js'
import * as cases from './2026-11-25-004-cases.js'
import * as supervision from './2026-11-25-005-supervision.js'
import * as jobs from './2026-11-25-006-jobs.js'
import * as oversight from './2026-11-25-007-oversight.js'
import * as caseListIndex from './2026-11-25-008-case-list-index.js'
import * as caseLimitUnit from './2026-11-25-009-case-limit-unit.js'
import * as auditActingFor from './2026-11-25-010-audit-acting-for.js'
import * as sessionGetPlpgsql from './2026-12-01-011-session-get-plpgsql.js'
import * as authNotify from './2026-12-01-012-auth-notify.js'
import * as policiesCastSetting from './2026-12-02-013-policies-cast-setting.js'
import * as evaluationIndicators from './2026-12-02-022-evaluation-indicators.js'
import * as moreListPagingIndexes from './2026-12-02-023-more-list-paging-indexes.js'
import * as listPagingKeysets from './2026-12-03-024-list-paging-keysets.js'
import * as caseUploads from './2026-12-02-014-case-uploads.js'
import * as throttlePacks from './2026-12-02-015-throttle-packs.js'
import * as hallServices from './2026-12-02-016-hall-services.js'
import * as hallOversight from './2026-12-02-018-hall-oversight.js'
import * as listPagingIndexes from './2026-12-02-021-list-paging-indexes.js'
import * as notificationReads from './2026-12-02-020-notification-reads.js'
import * as warningEscalationBy from './2026-12-03-031-warning-escalation-by.js'
import * as rectificationFixedOn from './2026-12-03-032-rectification-fixed-on.js'

export const migrations: Record<string, Migration> = {
  '2026-11-24-001-foundation': foundation,
  '2026-11-24-002-catalog-powers': catalogPowers,
  '2026-11-24-003-standards': standards,
  '2026-11-25-004-cases': cases,
  '2026-11-25-005-supervision': supervision,
  '2026-11-25-006-jobs': jobs,
  '2026-11-25-007-oversight': oversight,
  '2026-11-25-008-case-list-index': caseListIndex,
  '2026-11-25-009-case-limit-unit': caseLimitUnit,
  '2026-11-25-010-audit-acting-for': auditActingFor,
  '2026-12-01-011-session-get-plpgsql': sessionGetPlpgsql,
  '2026-12-01-012-auth-notify': authNotify,
  '2026-12-02-013-policies-cast-setting': policiesCastSetting,
  '2026-12-02-014-case-uploads': caseUploads,
  '2026-12-02-015-throttle-packs': throttlePacks,
  '2026-12-02-016-hall-services': hallServices,
  '2026-12-02-018-hall-oversight': hallOversight,
  '2026-12-02-021-list-paging-indexes': listPagingIndexes,
  '2026-12-02-022-evaluation-indicators': evaluationIndicators,
  '2026-12-02-020-notification-reads': notificationReads,
  '2026-12-02-023-more-list-paging-indexes': moreListPagingIndexes,
  '2026-12-03-024-list-paging-keysets': listPagingKeysets,
  '2026-12-03-031-warning-escalation-by': warningEscalationBy,
  '2026-12-03-032-rectification-fixed-on': rectificationFixedOn,
}
