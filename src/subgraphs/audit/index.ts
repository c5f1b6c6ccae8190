import { AgencyKind } from '../../common/agency';
import { publishBatchEntity } from '../../common/publish';
import { publishLogEntity, publishLogResolver } from '../../common/publish-log';
import type { SubgraphModule } from '../types';
import { AuditDossierRef, AuditDossierResolver, AuditSectionResolver } from './dossier.resolver';
import { migrations } from '../../../migrations/audit';
import { AuditCadreResolver } from './cadre.resolver';
import { AuditFinding } from './finding.entity';
import { AuditFindingResolver } from './finding.resolver';
import { AuditProject } from './project.entity';
import { AuditProjectResolver } from './project.resolver';
import { AuditPublishResolver } from './publish.resolver';
import { CadreRef, UnitRef } from './refs';
import { seedAudit } from './seed';
import { AuditUnitResolver } from './unit.resolver';

/** Audit bureau (审计局): audit projects and the problems they found, per inspected unit and cadre. */
export const audit: SubgraphModule = {
  name: 'audit',
  owner: AgencyKind.AUDIT_BUREAU,
  entities: [AuditProject, AuditFinding, publishBatchEntity('audit'), publishLogEntity('audit')],
  migrations,
  resolvers: [AuditProjectResolver, AuditFindingResolver, AuditUnitResolver, AuditCadreResolver, AuditPublishResolver, AuditDossierResolver, AuditSectionResolver, publishLogResolver('audit')],
  orphanedTypes: [UnitRef, CadreRef, AuditDossierRef],
  seed: seedAudit,
};
