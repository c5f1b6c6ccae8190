import type { ApolloServer } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { HubConfig } from '../config';
import type { SqlCounter } from '../db/sql-counter';
import { runRequest } from '../common/request-scope';
import { edgeContext } from './edge-auth';
import { callerAuthorization } from './session';
import { log } from '../log';
import type { GatewayContext } from './context';
import { enumLabel, errorLabel, requestExplanation, SECTION_HEADINGS, sectionNote, sectionReadable } from '../common/labels';

/** Everything the printed briefing shows; the same query a client would send, so the same permissions and audit apply. */
const S = 'availability requests { typeName status declineReason providerAgencyName }';
export const BRIEFING_QUERY = `query Briefing($unit: String!, $round: UUID!) {
  preInspectionDossier(unitCreditCode: $unit, roundId: $round) {
    round { name startDate endDate } team { name leader { name } }
    profile { ${S} unit { name creditCode kind authorisedHeadcount actualHeadcount leadershipTeam { name post } } }
    petitions { ${S} stats { total anonymousShare byYear { year count } byCategory { category count } } items(first: 50) { totalCount nodes { receivedDate category summary conclusion status maskedFields } } }
    clues { ${S} stats { total } items(first: 50) { totalCount nodes { receivedDate summary disposalMethod status } } }
    sanctions { ${S} items(first: 50) { totalCount nodes { level decidedDate reason } } }
    supervision { ${S} groups { name notes } }
    audit { ${S} stats { findings rectified } findings(first: 50) { totalCount nodes { category description amount rectificationStatus maskedFields } } }
    history { ${S} inspections { round { name startDate } rectificationRate } }
  }
}`;

const esc = (v: unknown): string =>
  v === null || v === undefined ? '—' : String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

type Row = Record<string, unknown>;

function table(headers: string[], rows: unknown[][]): string {
  if (!rows.length) return '<p class="none">无记录</p>';
  return `<table><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function sectionBlock(n: string, key: string, s: Row | null, body: (s: Row) => string): string {
  const heading = `<h2>${n}、${esc(SECTION_HEADINGS[key])}</h2>`;
  const availability = s ? String(s.availability) : 'SOURCE_UNAVAILABLE';
  const state = `<p class="state">状态：${esc(enumLabel('SectionAvailability', availability))}</p>`;
  const requests = ((s?.requests as Parameters<typeof requestExplanation>[0][] | null) ?? []).map((r) => `<li>${esc(requestExplanation(r, availability))}</li>`).join('');
  const note = sectionNote(availability, requests ? 1 : 0);
  const why = (requests ? `<ul class="requests">${requests}</ul>` : '') + (note ? `<p class="none">${esc(note)}</p>` : '');
  return heading + state + why + (s && sectionReadable(availability) ? body(s) : '');
}

const nodes = (conn: unknown): Row[] => ((conn as { nodes?: Row[] } | null)?.nodes ?? []) as Row[];

/** Masked values say so on paper too. */
const maskedNote = (rows: Row[]) => (rows.some((r) => (r.maskedFields as string[] | undefined)?.length) ? '<p class="none">注：部分内容按协查答复脱敏显示。</p>' : '');

/** Renders the dossier as a self-contained page: Chinese headings, print styles inline, no external assets. */
export function renderBriefing(data: Row | null | undefined, errors: readonly GraphQLFormattedError[] | undefined): string {
  const d = (data?.preInspectionDossier ?? null) as Row | null;
  const profile = (d?.profile ?? null) as Row | null;
  const unit = (profile?.unit ?? null) as Row | null;
  const round = (d?.round ?? null) as Row | null;
  const team = (d?.team ?? null) as Row | null;
  const body = !d
    ? `<p class="state">无法生成巡前材料：${esc(errorLabel(errors?.[0]?.extensions?.code as string | undefined))}</p><p class="none">${esc(errors?.[0]?.message ?? '')}</p>`
    : [
        sectionBlock('一', 'profile', profile, () =>
          [
            table(['单位名称', '统一社会信用代码', '类型', '核定编制', '实有人数'], unit ? [[unit.name, unit.creditCode, enumLabel('UnitKind', unit.kind as string), unit.authorisedHeadcount, unit.actualHeadcount]] : []),
            `<h3>领导班子成员</h3>`,
            table(['姓名', '职务'], ((unit?.leadershipTeam as Row[] | null) ?? []).map((c) => [c.name, c.post])),
          ].join('\n'),
        ),
        sectionBlock('二', 'petitions', d.petitions as Row | null, (s) => {
          const stats = s.stats as Row | null;
          return (
            `<p>信访件总数：${esc(stats?.total)}；匿名占比：${stats ? `${(Number(stats.anonymousShare) * 100).toFixed(1)}%` : '—'}</p>` +
            table(['年度', '件数'], ((stats?.byYear as Row[] | null) ?? []).map((y) => [y.year, y.count])) +
            table(['问题类别', '件数'], ((stats?.byCategory as Row[] | null) ?? []).map((c) => [enumLabel('PetitionCategory', c.category as string), c.count])) +
            table(['受理日期', '类别', '摘要', '办理结果', '状态'], nodes(s.items).map((p) => [p.receivedDate, enumLabel('PetitionCategory', p.category as string), p.summary, p.conclusion, enumLabel('PetitionStatus', p.status as string)])) +
            maskedNote(nodes(s.items))
          );
        }),
        sectionBlock('三', 'clues', d.clues as Row | null, (s) => table(['受理日期', '摘要', '处置方式', '状态'], nodes(s.items).map((c) => [c.receivedDate, c.summary, enumLabel('DisposalMethod', c.disposalMethod as string), enumLabel('ClueStatus', c.status as string)]))),
        sectionBlock('四', 'sanctions', d.sanctions as Row | null, (s) => table(['处分种类', '决定日期', '处分事由'], nodes(s.items).map((x) => [enumLabel('SanctionLevel', x.level as string), x.decidedDate, x.reason]))),
        sectionBlock('五', 'supervision', d.supervision as Row | null, (s) => table(['派驻组', '监督情况'], ((s.groups as Row[] | null) ?? []).map((g) => [g.name, g.notes]))),
        sectionBlock('六', 'audit', d.audit as Row | null, (s) =>
          table(['问题类别', '问题描述', '涉及金额（元）', '整改状态'], nodes(s.findings).map((f) => [enumLabel('AuditFindingCategory', f.category as string), f.description, f.amount, enumLabel('RectificationStatus', f.rectificationStatus as string)])) +
          maskedNote(nodes(s.findings)),
        ),
        sectionBlock('七', 'history', d.history as Row | null, (s) =>
          table(['轮次', '进驻日期', '整改完成率'], ((s.inspections as Row[] | null) ?? []).map((i) => [(i.round as Row | null)?.name, (i.round as Row | null)?.startDate, i.rectificationRate === null ? '—' : `${(Number(i.rectificationRate) * 100).toFixed(1)}%`])),
        ),
      ].join('\n');
  const title = `巡前材料：${esc(unit?.name ?? '')}`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>
<style>
body{font-family:"SimSun","Songti SC",serif;margin:2cm;line-height:1.6;color:#000}
h1{text-align:center;font-size:22pt}h2{font-size:15pt;margin-top:1.2em;border-bottom:1px solid #000}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #000;padding:2px 6px;font-size:10.5pt;vertical-align:top}
.state{font-weight:bold}.requests{margin:.2em 0 .6em;padding-left:1.5em}.none{color:#555}.meta{text-align:center}
@media print{body{margin:0}h2{page-break-after:avoid}tr{page-break-inside:avoid}}
</style></head><body>
<h1>${title}</h1>
<p class="meta">${esc(round?.name)}（${esc(round?.startDate)} 至 ${esc(round?.endDate)}）　${esc(team?.name)}　组长：${esc((team?.leader as Row | null)?.name)}</p>
<p class="meta">本材料由巡察数据共享平台生成，各部分注明提供状态；“无记录”与“未共享”含义不同，请勿混淆。</p>
${body}
</body></html>`;
}


const STATUS: Record<string, number> = { FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, CONFLICT: 409, SERVICE_UNAVAILABLE: 503 };

export type Briefing = { status: number; html: string } | { status: number; text: string };

/**
 * The briefing for a request: the caller is authenticated by its Authorization
 * header or, opened from the console, by its session cookie (as a page: no CSRF
 * header, but only from the hub's own pages), and the GraphQL query runs through the
 * gateway's own pipeline, so limits, permissions and the disclosure audit apply as
 * for any client.
 */
export async function loadBriefing(apollo: ApolloServer<GatewayContext>, accessDs: DataSource, config: HubConfig, req: Request): Promise<Briefing> {
  let context: GatewayContext;
  try {
    const authorization = await callerAuthorization(req, accessDs, config, 'page');
    context = { ...(await edgeContext(authorization, req.get('x-request-id'), accessDs, config)), sql: { statements: 0 } as SqlCounter, startedAt: Date.now() };
  } catch (err) {
    // Only the caller's own mistake is explained; anything else (the database down) stays in the log.
    const code = (err as { extensions?: { code?: string } }).extensions?.code;
    if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') return { status: STATUS[code], text: `${(err as Error).message}\n` };
    log.error({ err }, 'briefing: authentication failed unexpectedly');
    return { status: 500, text: 'Internal error; it has been logged\n' };
  }
  const variables = { unit: String(req.query.unit ?? ''), round: String(req.query.round ?? '') };
  const result = await runRequest(context.sql, () => apollo.executeOperation({ query: BRIEFING_QUERY, variables }, { contextValue: context }));
  if (result.body.kind !== 'single') throw new Error('unexpected incremental response');
  const { data, errors } = result.body.singleResult;
  const failed = !data?.preInspectionDossier;
  return { status: failed ? (STATUS[String(errors?.[0]?.extensions?.code)] ?? 500) : 200, html: renderBriefing(data as Row | undefined, errors) };
}

/** Self-contained: no script, no external asset, not to be framed by another site. */
export const BRIEFING_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'";

export function sendBriefing(res: Response, b: Briefing): void {
  res.set('Content-Security-Policy', BRIEFING_CSP);
  res.set('Cache-Control', 'no-store');
  if ('text' in b) res.status(b.status).type('text/plain; charset=utf-8').send(b.text);
  else res.status(b.status).type('html').send(b.html);
}

/** `GET /dossier.html?unit=<credit code>&round=<round id>`: the dossier as a printable briefing. */
export function briefingRoute(apollo: ApolloServer<GatewayContext>, accessDs: DataSource, config: HubConfig): RequestHandler {
  return async (req, res) => sendBriefing(res, await loadBriefing(apollo, accessDs, config, req));
}
