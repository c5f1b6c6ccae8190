import type { DataSource } from 'typeorm';
import { AgencyKind } from '../../common/agency';
import { bulkInsert } from '../../db/bulk-insert';
import { creditCode, dateBetween, int, personName, pick, residentId } from '../../db/seed/random';
import { CITY_CODE, CITY_NAME } from '../access/seed';
import type { SeedWorld } from '../types';
import { Cadre } from './cadre.entity';
import { RegionLevel, UnitKind } from './enums';
import { CadrePosting } from './posting.entity';
import { Region } from './region.entity';
import { InspectedUnit } from './unit.entity';

const DISTRICTS = ['东湖区', '西山区', '南岭区', '北塘区', '清河县', '云溪县'];
const TOWN_STEMS = '青石 柳溪 白沙 桃源 双河 龙泉 枫林 石桥 荷塘 杨柳 金竹 松岗 梅岭 凤凰 长乐 太平 新安 永和 安居 丰收 红岩 竹园 清水 黄泥 马鞍 鹿鸣 南湾 北坡 上河 下坝 兴隆 朝阳 望江 临溪 沙坪 茶山 稻香 花桥 云台 观音 铁炉 牛角 泉口 湾头 岩前 塘湾 柏树 樟木 桐梓 银杏'.split(' ');
const VILLAGE_STEMS = '东风 向阳 前进 团结 光明 胜利 新华 红星 和平 幸福 先锋 富民 建设 兴旺 丰登'.split(' ');
const DEPARTMENTS = ['发展和改革局', '教育局', '财政局', '自然资源局', '住房和城乡建设局', '交通运输局', '水利局', '农业农村局', '卫生健康委员会', '市场监督管理局', '民政局', '医疗保障局'];
const ENTERPRISES = ['城市建设投资集团有限公司', '水务集团有限公司', '交通投资有限公司'];
const POSTS = ['党组书记、局长', '党组成员、副局长', '党组成员、副局长', '纪检监察组组长', '办公室主任', '科长', '副科长', '科员'];
const TOWN_POSTS = ['党委书记', '镇长', '党委副书记', '纪委书记', '党委委员、副镇长', '党政办主任', '干部'];
const RANKS = ['正处级', '副处级', '正科级', '副科级', '一级主任科员', '二级主任科员', '四级主任科员', '一级科员'];

const ROUND_MARKS = ['', '东', '西', '南', '北', '新', '上', '下', '中', '前', '后', '大', '小'];
/** Distinguishes townships that reuse a name stem at larger scales. */
const townRound = (k: number) => (k < ROUND_MARKS.length ? ROUND_MARKS[k] : String(k));

const districtCode = (i: number) => `9901${String(i + 2).padStart(2, '0')}`;

export async function seedOrganization(ds: DataSource, world: SeedWorld): Promise<void> {
  const rand = world.rand;
  const org = world.agencies.find((a) => a.kind === AgencyKind.ORGANIZATION_DEPARTMENT)!;

  // Regions: the city, 6 districts, 15 townships each (90 at scale 1), 3 villages per township.
  const regions: Region[] = [{ code: CITY_CODE, name: CITY_NAME, level: RegionLevel.CITY, parentCode: null, path: CITY_CODE } as Region];
  const townships: Region[] = [];
  const villages: Region[] = [];
  DISTRICTS.forEach((name, d) => {
    const dc = districtCode(d);
    regions.push({ code: dc, name, level: RegionLevel.DISTRICT, parentCode: CITY_CODE, path: `${CITY_CODE}/${dc}` } as Region);
    // Scale N adds townships (15 per district each time), so a larger city stays plausible.
    for (let t = 0; t < 15 * world.scale; t++) {
      const tc = `${dc}${String(t + 1).padStart(3, '0')}`;
      const stem = TOWN_STEMS[(d * 15 + t) % TOWN_STEMS.length] + townRound(Math.floor((d * 15 + t) / TOWN_STEMS.length));
      const town = { code: tc, name: `${stem}${t % 4 === 3 ? '街道' : '镇'}`, level: RegionLevel.TOWNSHIP, parentCode: dc, path: `${CITY_CODE}/${dc}/${tc}` } as Region;
      townships.push(town);
      for (let v = 0; v < 3; v++) {
        const vc = `${tc}${String(v + 1).padStart(3, '0')}`;
        villages.push({ code: vc, name: `${VILLAGE_STEMS[(t * 3 + v) % VILLAGE_STEMS.length]}村`, level: RegionLevel.VILLAGE, parentCode: tc, path: `${town.path}/${vc}` } as Region);
      }
    }
  });
  regions.push(...townships, ...villages);
  await ds.createQueryBuilder().insert().into(Region).values(regions).execute();
  world.regions = regions.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode }));

  // Units: per district (and at city level), departments and enterprises; every
  // township; one village in three. The scale repeats departments with a suffix.
  type UnitSeed = Omit<InspectedUnit, 'id' | 'createdAt' | 'updatedAt' | 'sourceAgencyId' | 'externalId'> & { parentIndex?: number };
  const units: UnitSeed[] = [];
  let serial = 1;
  const add = (u: Omit<UnitSeed, 'creditCode' | 'parentUnitId' | 'parentCreditCode'>, prefix: string) => {
    const code6 = u.regionCode.slice(0, 6);
    units.push({ ...u, creditCode: creditCode(prefix, code6, serial++), parentUnitId: null, parentCreditCode: null });
    return units.length - 1;
  };
  const areas = [{ code: CITY_CODE, name: CITY_NAME }, ...DISTRICTS.map((name, d) => ({ code: districtCode(d), name }))];
  for (let s = 0; s < world.scale; s++) {
    const suffix = s === 0 ? '' : `（第${s + 1}分局）`;
    for (const area of areas) {
      for (const dept of DEPARTMENTS) {
        const staff = int(rand, 20, 120);
        add({ name: `${area.name}${dept}${suffix}`, kind: UnitKind.PARTY_GOVERNMENT_DEPARTMENT, regionCode: area.code, authorisedHeadcount: staff, actualHeadcount: staff - int(rand, -3, 8) }, '11');
      }
      for (const ent of ENTERPRISES) {
        add({ name: `${area.name}${ent}${s === 0 ? '' : `第${s + 1}分公司`}`, kind: UnitKind.STATE_ENTERPRISE, regionCode: area.code, authorisedHeadcount: null, actualHeadcount: int(rand, 80, 900) }, '91');
      }
    }
  }
  for (const town of townships) {
    const district = areas.find((a) => a.code === town.parentCode)!;
    const staff = int(rand, 40, 90);
    const ti = add({ name: `中共${district.name}${town.name}委员会`, kind: UnitKind.TOWNSHIP, regionCode: town.code, authorisedHeadcount: staff, actualHeadcount: staff - int(rand, 0, 6) }, '11');
    villages
      .filter((v) => v.parentCode === town.code)
      .slice(0, 1)
      .forEach((v) => {
        const vi = add({ name: `中共${town.name}${v.name}支部委员会`, kind: UnitKind.VILLAGE, regionCode: v.code, authorisedHeadcount: null, actualHeadcount: int(rand, 5, 12) }, '54');
        units[vi].parentIndex = ti;
        units[vi].parentCreditCode = units[ti].creditCode;
      });
  }
  const unitIds = await bulkInsert(
    ds,
    InspectedUnit,
    units.map(({ parentIndex, ...u }, i) => ({ ...u, sourceAgencyId: org.id, externalId: `ZZB-UNIT-${String(i + 1).padStart(6, '0')}` })),
  );
  const parented = units.map((u, i) => [i, u.parentIndex] as const).filter(([, p]) => p !== undefined);
  if (parented.length) {
    await ds.query(
      `UPDATE organization.inspected_unit u SET parent_unit_id = x.parent FROM unnest($1::uuid[], $2::uuid[]) AS x(id, parent) WHERE u.id = x.id`,
      [parented.map(([i]) => unitIds[i]), parented.map(([, p]) => unitIds[p!])],
    );
  }
  world.units = units.map((u, i) => ({ id: unitIds[i], creditCode: u.creditCode, name: u.name, regionCode: u.regionCode, kind: u.kind }));

  // Cadres: a leadership team of 3-5 and a few staff per unit, with earlier posts.
  const cadres: Partial<Cadre>[] = [];
  const cadreUnits: number[] = [];
  world.units.forEach((unit, ui) => {
    const town = unit.kind === UnitKind.TOWNSHIP || unit.kind === UnitKind.VILLAGE;
    const leaders = int(rand, 3, 5);
    const total = leaders + int(rand, 1, 3);
    for (let c = 0; c < total; c++) {
      const leadership = c < leaders;
      const posts = town ? TOWN_POSTS : POSTS;
      cadres.push({
        name: personName(rand),
        residentId: residentId(rand, unit.regionCode.slice(0, 6), int(rand, 1965, 1995), cadres.length),
        unitId: unit.id,
        post: leadership ? posts[Math.min(c, posts.length - 3)] : pick(rand, posts.slice(-2)),
        rank: pick(rand, leadership ? RANKS.slice(0, 4) : RANKS.slice(4)),
        leadershipMember: leadership,
        sourceAgencyId: org.id,
        externalId: `ZZB-CADRE-${String(cadres.length + 1).padStart(7, '0')}`,
      });
      cadreUnits.push(ui);
    }
  });
  const cadreIds = await bulkInsert(ds, Cadre, cadres);
  world.cadres = cadres.map((c, i) => {
    const unit = world.units[cadreUnits[i]];
    return { id: cadreIds[i], name: c.name!, unitId: unit.id, unitCreditCode: unit.creditCode, leadership: c.leadershipMember!, residentId: c.residentId! };
  });

  const postings: Partial<CadrePosting>[] = [];
  world.cadres.forEach((cadre, i) => {
    const earlier = pick(rand, world.units);
    const start = dateBetween(rand, 2008, 2016);
    const moved = dateBetween(rand, 2017, 2022);
    postings.push(
      { cadreId: cadre.id, unitCreditCode: earlier.creditCode, unitName: earlier.name, post: pick(rand, RANKS.slice(4)), startDate: start, endDate: moved },
      { cadreId: cadre.id, unitCreditCode: cadre.unitCreditCode, unitName: world.units[cadreUnits[i]].name, post: cadres[i].post!, startDate: moved, endDate: null },
    );
  });
  await bulkInsert(ds, CadrePosting, postings);
}
