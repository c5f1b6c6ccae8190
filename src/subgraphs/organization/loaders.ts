import { In } from 'typeorm';
import { byKey, groupByKey, uuids } from '../../common/loaders';
import type { SubgraphContext } from '../types';
import { Cadre } from './cadre.entity';
import { CadrePosting } from './posting.entity';
import { Region } from './region.entity';
import { InspectedUnit } from './unit.entity';

/** Request-scoped loaders of the organization subgraph: one SQL statement per kind and level. */
export const unitsById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, InspectedUnit | null>('unitById', async (ids) =>
    byKey(ids, await ctx.ds.getRepository(InspectedUnit).findBy({ id: In(uuids(ids)) }), (u) => u.id),
  );

export const unitsByCreditCode = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, InspectedUnit | null>('unitByCreditCode', async (codes) =>
    byKey(codes, await ctx.ds.getRepository(InspectedUnit).findBy({ creditCode: In([...codes]) }), (u) => u.creditCode),
  );

export const regionsByCode = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Region | null>('regionByCode', async (codes) =>
    byKey(codes, await ctx.ds.getRepository(Region).findBy({ code: In([...codes]) }), (r) => r.code),
  );

export const cadresById = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Cadre | null>('cadreById', async (ids) =>
    byKey(ids, await ctx.ds.getRepository(Cadre).findBy({ id: In(uuids(ids)) }), (c) => c.id),
  );

export const leadershipByUnit = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Cadre[]>('leadershipByUnit', async (unitIds) => {
    const rows = await ctx.ds.getRepository(Cadre).find({
      where: { unitId: In([...unitIds]), leadershipMember: true },
      order: { name: 'ASC' },
    });
    return groupByKey(unitIds, rows, (c) => c.unitId);
  });

export const postingsByCadre = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, CadrePosting[]>('postingsByCadre', async (cadreIds) => {
    const rows = await ctx.ds.getRepository(CadrePosting).find({
      where: { cadreId: In([...cadreIds]) },
      order: { startDate: 'ASC' },
    });
    return groupByKey(cadreIds, rows, (p) => p.cadreId);
  });
