import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, isEnumType, isObjectType } from 'graphql';
import { ENUM_LABELS, PUBLISH_KIND_TYPES, TYPE_LABELS, enumLabel, publishKindLabel, requestExplanation } from '../src/common/labels';
import { renderBriefing } from '../src/gateway/briefing';
import { rawCodesIn } from './support/raw-codes';

/**
 * The one label dictionary: every enum value a person can meet has a Chinese label
 * (the console and the briefing show nothing else), and the briefing uses it.
 */
const SDL = readFileSync(path.resolve(__dirname, '../../schema/supergraph.graphql'), 'utf8');
// Federation's own directives and enums are not part of the API; graphql-js only needs them declared.
const schema = buildSchema(SDL, { assumeValid: true, assumeValidSDL: true });
const CJK = /[\u4e00-\u9fff]/;

describe('label dictionary (标签字典)', () => {
  it('has a Chinese label for every value of every enum of the supergraph', () => {
    const missing: string[] = [];
    const enums = Object.values(schema.getTypeMap()).filter((t) => isEnumType(t) && !t.name.startsWith('__') && !t.name.includes('__'));
    expect(enums.length).toBeGreaterThan(30);
    for (const e of enums) {
      if (!isEnumType(e)) continue;
      for (const v of e.getValues()) {
        const label = (ENUM_LABELS as Record<string, Record<string, string>>)[e.name]?.[v.name];
        if (!label || !CJK.test(label) || label === v.name) missing.push(`${e.name}.${v.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names every record type whose fields are shared conditionally or restricted', () => {
    const types = Object.values(schema.getTypeMap()).filter(
      (t) => isObjectType(t) && Object.values(t.getFields()).some((f) => f.astNode?.directives?.some((d) => d.name.value === 'sensitivity' && /CONDITIONAL|RESTRICTED/.test(JSON.stringify(d.arguments)))),
    );
    expect(types.length).toBeGreaterThan(10);
    expect(types.map((t) => t.name).filter((n) => !TYPE_LABELS[n])).toEqual([]);
  });

  it('names the records of every kind of publish batch', () => {
    const src = path.resolve(__dirname, '../../src/subgraphs');
    const kinds = readdirSync(src).flatMap((d) => {
      const file = path.join(src, d, 'publish.resolver.ts');
      try {
        return [...readFileSync(file, 'utf8').matchAll(/kind: '([\w-]+)'/g)].map((m) => m[1]);
      } catch {
        return [];
      }
    });
    expect(kinds.length).toBeGreaterThan(8);
    expect(kinds.filter((k) => !TYPE_LABELS[PUBLISH_KIND_TYPES[k]])).toEqual([]);
    expect(publishKindLabel('petitions')).toBe('信访件');
  });

  it('never shows a code: an unknown value reads 未知', () => {
    expect(enumLabel('SectionAvailability', 'PENDING_REQUEST')).toBe('协查请求待答复');
    expect(enumLabel('DataRequestStatus', 'SOMETHING_NEW')).toBe('未知');
    expect(enumLabel('UnitKind', null)).toBe('—');
  });
});

describe('printable briefing', () => {
  const request = (typeName: string, status: string, declineReason: string | null = null) => ({ typeName, status, declineReason, providerAgencyName: '明湖市组织部' });
  const dossier = {
    preInspectionDossier: {
      round: { name: '2026年第二轮巡察', startDate: '2026-12-16', endDate: '2027-01-31' },
      team: { name: '第一巡察组', leader: { name: '周志远' } },
      profile: {
        availability: 'AVAILABLE',
        requests: [request('Cadre', 'PENDING')],
        unit: { name: '中共西山区太平镇委员会', creditCode: '1199010300000004C7', kind: 'TOWNSHIP', authorisedHeadcount: 76, actualHeadcount: 76, leadershipTeam: [] },
      },
      petitions: { availability: 'DECLINED', requests: [{ ...request('Petition', 'DECLINED', '相关问题正在核查'), providerAgencyName: '明湖市信访局' }], stats: null, items: null },
      clues: {
        availability: 'AVAILABLE',
        requests: [],
        stats: { total: 1 },
        items: { totalCount: 1, nodes: [{ receivedDate: '2025-03-01', summary: '[已脱敏]', disposalMethod: 'PRELIMINARY_VERIFICATION', status: 'DISPOSING' }] },
      },
      sanctions: { availability: 'NOT_SHARED', requests: [], items: null },
      supervision: { availability: 'PENDING_REQUEST', requests: [{ ...request('StationedGroup', 'PENDING'), providerAgencyName: '明湖市纪委监委' }], groups: null },
      audit: {
        availability: 'AVAILABLE',
        requests: [],
        stats: { findings: 1, rectified: 0 },
        findings: { totalCount: 1, nodes: [{ category: 'BUDGET_VIOLATION', description: '预算调整未经批准', amount: '10万-100万', rectificationStatus: 'RECTIFIED', maskedFields: ['amount'] }] },
      },
      history: null,
    },
  };

  it('shows one state per section with the requests behind it explained, and Chinese labels only', () => {
    const html = renderBriefing(dossier, undefined);
    // One state line per section, none of them contradicted by a raw status beside it.
    expect(html.match(/<p class="state">/g)).toHaveLength(7);
    expect(html).toContain('<p class="state">状态：已提供</p><ul class="requests"><li>明湖市组织部（干部）：协查请求待答复，答复前其中的有条件共享内容不显示</li></ul>');
    expect(html).toContain('状态：协查请求被拒绝</p><ul class="requests"><li>明湖市信访局（信访件）：已拒绝协查，理由：相关问题正在核查</li>');
    expect(html).toContain('状态：未共享</p><p class="none">未提出协查请求');
    expect(html).toContain('七、历次巡察发现问题及整改情况</h2><p class="state">状态：数据来源暂不可用</p><p class="none">提供该部分的数据源暂时无法访问');
    for (const label of ['乡镇（街道）党委', '初步核实', '处置中', '预算管理不规范', '已整改', '部分内容按协查答复脱敏显示']) expect(html).toContain(label);
    expect(rawCodesIn(html.replace(/<[^>]*>/g, ' '))).toEqual([]);
    // The scan the browser test applies to every screen catches what the issue saw on the old briefing.
    expect(rawCodesIn('状态：已提供 组织部（Cadre）PENDING；TOWNSHIP，ProblemClue BUDGET_VIOLATION PDF')).toEqual(['Cadre', 'PENDING', 'TOWNSHIP', 'ProblemClue', 'BUDGET_VIOLATION']);
  });

  it('says in Chinese why there is no briefing', () => {
    const html = renderBriefing(null, [{ message: 'Pre-inspection dossiers are for the inspection office and its teams', extensions: { code: 'FORBIDDEN' } }]);
    expect(html).toContain('<p class="state">无法生成巡前材料：无权访问</p>');
    expect(renderBriefing(null, undefined)).toContain('无法生成巡前材料：操作失败');
  });

  it('explains requests in the dictionary’s words, the same for the console', () => {
    expect(requestExplanation(request('Cadre', 'APPROVED'), 'AVAILABLE')).toBe('明湖市组织部（干部）：已同意协查');
    // Approved, yet not shared: the grants behind the answer have ended or were revoked.
    expect(requestExplanation(request('Cadre', 'APPROVED'), 'NOT_SHARED')).toBe('明湖市组织部（干部）：已同意协查，但相应授权已到期或已撤销');
    expect(requestExplanation(request('Cadre', 'PENDING'), 'PENDING_REQUEST')).toBe('明湖市组织部（干部）：协查请求待答复');
    expect(requestExplanation(request('Cadre', 'WITHDRAWN'), 'NOT_SHARED')).toBe('明湖市组织部（干部）：协查请求已撤回');
  });
});
