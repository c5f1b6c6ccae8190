import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { Open } from '../../authz/sensitivity';
import { DOSSIER_DESCRIPTION, DossierRequestState, REQUESTS_DESCRIPTION, type DossierKey } from '../../common/dossier';
import { isUuid } from '../../common/loaders';
import type { SubgraphContext } from '../types';
import { isOffice } from './data-request.workflow';

@Directive('@key(fields: "roundId unitCreditCode")')
@ObjectType('PreInspectionDossier', { description: DOSSIER_DESCRIPTION })
export class AccessDossierRef implements DossierKey {
  @Open() @Field(() => ID) roundId: string;
  @Open() @Field({ description: '统一社会信用代码 of the unit' }) unitCreditCode: string;
}

interface Row {
  round_id: string;
  unit_credit_code: string;
  id: string;
  status: string;
  decline_reason: string | null;
  provider_agency_name: string;
  type_name: string;
}


@Resolver(() => AccessDossierRef)
export class DossierRequestsResolver {
  @Open()
  /** Who may see where a unit's requests stand: the office (as dataRequests), the team serving now, and the agency asked. */
  @FieldResolver(() => [DossierRequestState], { nullable: true, description: REQUESTS_DESCRIPTION })
  async requestStates(@Root() dossier: DossierKey, @Ctx() ctx: SubgraphContext): Promise<DossierRequestState[]> {
    const loader = ctx.loaders.get<string, DossierRequestState[]>('dossierRequests', async (keys) => {
      const pairs = keys.map((k) => k.split('|')).filter(([round]) => isUuid(round));
      const rows: Row[] = await ctx.ds.query(
        `SELECT r.round_id, r.unit_credit_code, r.id, r.status, r.decline_reason, r.provider_agency_name, i->>'typeName' AS type_name
           FROM access.data_request r
           JOIN unnest($1::uuid[], $2::bpchar[]) AS k(round_id, unit) ON r.round_id = k.round_id AND r.unit_credit_code = k.unit
           CROSS JOIN jsonb_array_elements(r.items) i
          WHERE r.status <> 'WITHDRAWN'
            AND ($3 OR r.provider_agency_id = $4 OR r.team_id IN (SELECT team_id FROM access.team_membership WHERE principal_id = $5 AND valid_from <= now() AND valid_to > now()))
          ORDER BY r.created_at, r.id`,
        [pairs.map(([r]) => r), pairs.map(([, u]) => u), isOffice(ctx.identity), ctx.identity.agencyId, ctx.identity.principalId],
      );
      return keys.map((k) =>
        rows
          .filter((r) => `${r.round_id}|${r.unit_credit_code.trim()}` === k)
          .map((r) => ({ typeName: r.type_name, requestId: r.id, status: r.status, declineReason: r.decline_reason, providerAgencyName: r.provider_agency_name })),
      );
    });
    return loader.load(`${dossier.roundId}|${dossier.unitCreditCode}`);
  }
}
