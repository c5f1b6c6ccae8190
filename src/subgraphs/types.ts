import type { DataSource } from 'typeorm';
import type { NonEmptyArray } from 'type-graphql';
import type { AgencyKind } from '../common/agency';
import type { Identity } from '../common/identity';
import type { SubgraphName } from '../config';
import type { RequestLoaders } from '../common/loaders';
import type { DenialLog } from '../authz/denials';
import type { SqlCounter } from '../db/sql-counter';
import type { DisclosureLog } from '../authz/disclosures';
import type { FieldPolicy, PolicyEvaluator } from '../authz/policy';
import type { HubConfig } from '../config';
import type { Peers } from './peers';
import type { RoundState } from './access/round-alignment';

/** What every resolver of a subgraph receives. */
export interface SubgraphContext {
  identity: Identity;
  /** Agency kind owning this subgraph's data (null: admin-managed). */
  owner: AgencyKind | null;
  ds: DataSource;
  loaders: RequestLoaders;
  maxPageSize: number;
  /** The permission model for this caller, memoised for the request. */
  policy: PolicyEvaluator;
  /** CONDITIONAL/RESTRICTED values this request disclosed, appended to this subgraph's audit chain before the response leaves. */
  disclosures: DisclosureLog;
  /** Fields this request was refused, answered as one FORBIDDEN error per field path and reason. */
  denials: DenialLog;
  /** Served on its own (not in the gateway's process): this request's statements, reported in the response. */
  sql?: SqlCounter;
  /** Key of the per-agency pseudonyms (PSEUDONYM masks). */
  maskSecret: string;
  /** The declared sharing class of a field of this subgraph's schema. */
  fieldPolicy(typeName: string, fieldName: string): FieldPolicy;
  config: HubConfig;
  /** Asks another subgraph to act for this caller (see peers.ts). */
  callPeer<T>(to: SubgraphName, query: string, variables: Record<string, unknown>): Promise<T>;
}

/** Shared by seeding: what the organization seed created, for other subgraphs to refer to. */
export interface SeedWorld {
  scale: number;
  agencies: { id: string; kind: AgencyKind; name: string }[];
  regions: { code: string; name: string; level: string; parentCode: string | null }[];
  units: { id: string; creditCode: string; name: string; regionCode: string; kind: string }[];
  cadres: { id: string; name: string; unitId: string; unitCreditCode: string; leadership: boolean; residentId: string }[];
  rand: () => number;
  /** The round being prepared in the demo (inspection seeds it, access opens its data requests). */
  upcomingRound?: RoundState;
  /** Plain API keys of the demo agency systems, by login (written to the data directory, dev only). */
  apiKeys?: Record<string, string>;
}

/** One agency domain: its tables, its GraphQL types and resolvers, its demo data. */
export interface SubgraphModule {
  name: SubgraphName;
  /** The agency kind whose systems and officers may publish here (null: admin-managed). */
  owner: AgencyKind | null;
  entities: Function[];
  migrations: Function[];
  resolvers: NonEmptyArray<Function>;
  /** Federation `__resolveReference` functions keyed by type name. */
  referenceResolvers?: Record<string, { __resolveReference: (ref: any, ctx: SubgraphContext) => unknown }>;
  /** Types reachable only through federation (never returned by a root field). */
  orphanedTypes?: Function[];
  seed?: (ds: DataSource, world: SeedWorld) => Promise<void>;
  /** Runs after every subgraph has seeded (e.g. grants that name seeded units). */
  seedFinal?: (ds: DataSource, world: SeedWorld) => Promise<void>;
}
