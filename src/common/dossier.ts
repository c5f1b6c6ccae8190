import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Open } from '../authz/sensitivity';
import type { SubgraphContext } from '../subgraphs/types';

/**
 * Where a dossier section stands, so an empty section is never taken for a clean
 * record: data is there (AVAILABLE), there is none to see (EMPTY), or why not.
 */
export enum SectionAvailability {
  AVAILABLE = 'AVAILABLE',
  EMPTY = 'EMPTY',
  PENDING_REQUEST = 'PENDING_REQUEST',
  DECLINED = 'DECLINED',
  NOT_SHARED = 'NOT_SHARED',
  SOURCE_UNAVAILABLE = 'SOURCE_UNAVAILABLE',
}
registerEnumType(SectionAvailability, {
  name: 'SectionAvailability',
  description: 'Where a dossier section stands (材料状态)',
  valuesConfig: {
    AVAILABLE: { description: '已提供' },
    EMPTY: { description: '已授权，无相关记录' },
    PENDING_REQUEST: { description: '协查请求待答复' },
    DECLINED: { description: '协查请求被拒绝' },
    NOT_SHARED: { description: '未共享（无请求或授权已失效）' },
    SOURCE_UNAVAILABLE: { description: '数据来源暂不可用' },
  },
});

/** Chinese headings of the sections (the label dictionary keeps them, for the briefing and the console). */
export { SECTION_HEADINGS } from './labels';

/**
 * A data request as the dossier needs it, one per requested type. Resolved by
 * access; the other subgraphs receive it through @requires to say why a section
 * is not available.
 */
@Directive('@shareable')
@ObjectType({ description: 'The data request behind a dossier section (协查请求), per requested type' })
export class DossierRequestState {
  @Open() @Field() typeName: string;
  @Open() @Field(() => ID) requestId: string;
  @Open() @Field({ description: 'PENDING, APPROVED, DECLINED or WITHDRAWN' }) status: string;
  @Open() @Field(() => String, { nullable: true }) declineReason: string | null;
  @Open() @Field(() => String, { description: 'Providing agency (提供单位)' }) providerAgencyName: string;
}

export const REQUEST_STATES_SELECTION = 'requestStates { typeName requestId status declineReason providerAgencyName }';

/** What every section says about itself; each subgraph adds its data fields. */
@ObjectType('DossierSectionBase')
export abstract class DossierSection {
  @Open() @Field(() => SectionAvailability) availability: SectionAvailability;
  @Open() @Field({ description: 'Subgraph the section comes from' }) source: string;
  @Open() @Field(() => [String], { nullable: true, description: 'Types the section shows' }) types: string[] | null;
  @Open() @Field(() => [DossierRequestState], { nullable: true, description: 'The data requests behind the section' }) requests: DossierRequestState[] | null;
  @Open() @Field(() => [ID], { nullable: true, description: 'Grants the caller reads the section under (empty for its own agency)' }) grantIds: string[] | null;
}

/** The representation the gateway hands a subgraph for the dossier of one unit in one round. */
export interface DossierKey {
  roundId: string;
  unitCreditCode: string;
  requestStates?: DossierRequestState[] | null;
}

/** The caller's grants in force now on any of `types` that cover the unit. */
export function grantsCovering(ctx: SubgraphContext, types: string[], unit: string) {
  const now = new Date();
  return ctx.identity.grants.filter(
    (g) => types.includes(g.typeName) && (g.units === null || g.units.includes(unit)) && new Date(g.validFrom) <= now && (!g.validTo || new Date(g.validTo) > now),
  );
}

/**
 * Availability of a section built from `types`, for the caller, from the grants it
 * holds now and the requests behind them. `count` tells AVAILABLE from EMPTY and is
 * only asked when the caller may read the section.
 */
export async function sectionStatus(
  ctx: SubgraphContext,
  key: DossierKey,
  types: string[],
  count: () => Promise<number>,
): Promise<Omit<DossierSection, 'source'>> {
  const requests = (key.requestStates ?? []).filter((r) => types.includes(r.typeName));
  const unit = key.unitCreditCode;
  const base = { types, requests };
  if (ctx.policy.recused(unit)) return { ...base, availability: SectionAvailability.NOT_SHARED, grantIds: [] };
  const grants = grantsCovering(ctx, types, unit);
  if (ctx.policy.isOwner || grants.length) {
    const n = await count();
    return { ...base, availability: n ? SectionAvailability.AVAILABLE : SectionAvailability.EMPTY, grantIds: grants.map((g) => g.id) };
  }
  const why = requests.some((r) => r.status === 'PENDING')
    ? SectionAvailability.PENDING_REQUEST
    : requests.some((r) => r.status === 'DECLINED')
      ? SectionAvailability.DECLINED
      : SectionAvailability.NOT_SHARED;
  return { ...base, availability: why, grantIds: [] };
}

/** Builds a section of a subgraph: its status for the caller, remembering the unit for the data fields. */
export async function section<S extends DossierSection & { unitCreditCode: string }>(
  Section: new () => S,
  ctx: SubgraphContext,
  key: DossierKey,
  source: string,
  types: string[],
  count: () => Promise<number>,
): Promise<S> {
  return Object.assign(new Section(), await sectionStatus(ctx, key, types, count), { source, unitCreditCode: key.unitCreditCode });
}

/** The section's data is given only when it stands AVAILABLE or EMPTY: nothing half-shown under another state. */
export const readable = (s: { availability: SectionAvailability }) => s.availability === SectionAvailability.AVAILABLE || s.availability === SectionAvailability.EMPTY;

/**
 * The dossier entity as a subgraph that contributes sections sees it. Each subgraph
 * needs its own class (type-graphql attaches field resolvers to the class); those
 * whose sections depend on data requests declare `requestStates` as external, so the
 * gateway fetches it from access first and hands it over (@requires).
 */
export function dossierRefType() {
  @Directive('@key(fields: "roundId unitCreditCode")')
  @ObjectType('PreInspectionDossier', { description: DOSSIER_DESCRIPTION })
  class DossierRef implements DossierKey {
    @Open() @Field(() => ID) roundId: string;
    @Open() @Field({ description: '统一社会信用代码 of the unit' }) unitCreditCode: string;
    @Open() @Directive('@external') @Field(() => [DossierRequestState], { nullable: true, description: REQUESTS_DESCRIPTION }) requestStates: DossierRequestState[] | null;
  }
  return DossierRef;
}

export const DOSSIER_DESCRIPTION = 'Pre-inspection dossier (巡前材料) of one unit for one round: every section says whether it is available, pending, declined, not shared, empty or unreachable';
export const REQUESTS_DESCRIPTION = "Data requests of the round about the unit, one entry per requested type; empty for callers outside the office, the unit's team and the providers";
