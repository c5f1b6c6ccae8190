import type { SubgraphModule } from '../types';
import { Agency } from './agency.entity';
import { DisclosureAuditResolver } from './audit.resolver';
import { CatalogResolver } from './catalog.resolver';
import { CollaborationEntry } from './collaboration.entity';
import { CollaborationResolver } from './collaboration.resolver';
import { seedCollaboration } from './seed-collaboration';
import { DisclosureAudit } from './disclosure-audit.entity';
import { GrantChange } from './grant-change.entity';
import { Grant } from './grant.entity';
import { GrantResolver } from './grant.resolver';
import { PrincipalTie, SeedState, TeamMembership } from './principal-context.entity';
import { seedAccessGrants } from './seed-grants';
import { Principal } from './principal.entity';
import { PrincipalResolver } from './resolver';
import { seedAccess } from './seed';
import { migrations } from '../../../migrations/access';

/** Agencies, principals, grants (with their history) and the catalogue of shared fields. */
export const access: SubgraphModule = {
  name: 'access',
  owner: null,
  entities: [Agency, Principal, Grant, GrantChange, PrincipalTie, TeamMembership, SeedState, DisclosureAudit, CollaborationEntry],
  migrations,
  resolvers: [PrincipalResolver, GrantResolver, CatalogResolver, CollaborationResolver, DisclosureAuditResolver],
  seed: seedAccess,
  seedFinal: async (ds, world) => {
    await seedAccessGrants(ds, world);
    await seedCollaboration(ds);
  },
};
