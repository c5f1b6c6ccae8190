import type { SubgraphContext } from './types';

const QUERY = 'query CadreUnits($r: [_Any!]!) { _entities(representations: $r) { ... on Cadre { id unit { creditCode } } } }';

/**
 * The unit each cadre serves in, for subgraphs that extend Cadre but do not own it
 * (petition, discipline, audit): asked of organization, which does, once per request
 * for every cadre a query level touches. Recusal and unit-scoped rules on the fields
 * these subgraphs add to Cadre need it; a reference that claims a unit is never
 * trusted, since anyone may send `_entities` one.
 */
export const cadreUnits = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, string | null>('cadreUnits', async (ids) => {
    const data = await ctx.callPeer<{ _entities: ({ id: string; unit: { creditCode: string } | null } | null)[] }>('organization', QUERY, {
      r: ids.map((id) => ({ __typename: 'Cadre', id })),
    });
    return data._entities.map((e) => e?.unit?.creditCode ?? null);
  });
