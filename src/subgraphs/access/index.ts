import type { SubgraphModule } from '../types';
import { Agency } from './agency.entity';
import { DisclosureAuditResolver } from './audit.resolver';
import { CatalogResolver } from './catalog.resolver';
import { CollaborationEntry } from './collaboration.entity';
import { CollaborationResolver } from './collaboration.resolver';
import { DataRequest, RoundPlan, StandingApproval } from './data-request.entity';
import { DataRequestResolver } from './data-request.resolver';
import { RoundSyncResolver } from './round-sync.resolver';
import { AccessDossierRef, DossierRequestsResolver } from './dossier.resolver';
import { seedCollaboration } from './seed-collaboration';
import { DisclosureAudit } from './disclosure-audit.entity';
import { GrantChange } from './grant-change.entity';
import { Grant } from './grant.entity';
import { GrantResolver } from './grant.resolver';
import { PrincipalTie, SeedState, TeamMembership } from './principal-context.entity';
import { seedAccessGrants } from './seed-grants';
import { Principal } from './principal.entity';
import { ConsoleSession, PrincipalCredential, SignInEvent } from './credential.entity';
import { PublishBatchResolver } from './publish-batches.resolver';
import { OwnPasswordResolver } from './own-password.resolver';
import { PrincipalAdminResolver } from './principal-admin.resolver';
import { SignInResolver } from './sign-in.resolver';
import { DisclosureAuditNamesResolver, GrantChangeNamesResolver, GrantNamesResolver } from './names.resolver';
import { seedDemoCredentials } from './seed-credentials';
import { DataRequestUnitResolver } from './data-request-unit.resolver';
import { PrincipalResolver } from './resolver';
import { seedAccess } from './seed';
import { seedDemoRequests } from './seed-requests';
import { migrations } from '../../../migrations/access';

/** Agencies, principals (with console passwords, sessions and the sign-in log), grants (with their history), the catalogue of shared fields, data requests and their approvals. */
export const access: SubgraphModule = {
  name: 'access',
  owner: null,
  entities: [Agency, Principal, Grant, GrantChange, PrincipalTie, TeamMembership, SeedState, DisclosureAudit, CollaborationEntry, DataRequest, StandingApproval, RoundPlan, PrincipalCredential, ConsoleSession, SignInEvent],
  migrations,
  resolvers: [PrincipalResolver, GrantResolver, CatalogResolver, CollaborationResolver, DisclosureAuditResolver, DataRequestResolver, RoundSyncResolver, DossierRequestsResolver, PrincipalAdminResolver, SignInResolver, DisclosureAuditNamesResolver, GrantChangeNamesResolver, GrantNamesResolver, DataRequestUnitResolver, PublishBatchResolver, OwnPasswordResolver],
  orphanedTypes: [AccessDossierRef],
  seed: seedAccess,
  seedFinal: async (ds, world) => {
    await seedAccessGrants(ds, world);
    await seedCollaboration(ds);
    await seedDemoRequests(ds, world);
    await seedDemoCredentials(ds);
  },
};
