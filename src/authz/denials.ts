import type { RequestHooks } from '../common/request-hooks';
import { responsePathAsArray, type GraphQLFormattedError } from 'graphql';
import type { Path } from 'graphql/jsutils/Path';
import type { FieldPolicy } from './policy';

/** What clients read on an aggregated denial: one error per field path (list indices collapsed) and reason. */
export interface DenialExtensions {
  code: 'FORBIDDEN';
  /** `Type.field` */
  field: string;
  sensitivity: string;
  reason: string;
  /** How many records (cells) of the response this denial nulled. */
  count: number;
}

interface Denial {
  path: (string | number)[];
  message: string;
  extensions: DenialExtensions;
}

/** The response path without list indices: every record of a list shares it. */
function collapsedPath(path: Path | undefined): string {
  let key = '';
  for (let p = path; p; p = p.prev) key = `${typeof p.key === 'number' ? '*' : p.key}.${key}`;
  return key;
}

/**
 * The denials of one request. A denied field is null; rather than one error per cell
 * (2,000 petitions x 2 denied fields made 4,000 errors and most of the response), the
 * response carries one FORBIDDEN error per (field path with list indices collapsed,
 * reason): the path of its first occurrence, and the number of records it nulled.
 */
export class DenialLog {
  private readonly byKey = new Map<string, Denial>();

  add(path: Path, field: FieldPolicy, reason: string): void {
    const key = `${collapsedPath(path)}|${reason}`;
    const seen = this.byKey.get(key);
    if (seen) {
      seen.extensions.count++;
      return;
    }
    const name = `${field.typeName}.${field.fieldName}`;
    this.byKey.set(key, {
      path: responsePathAsArray(path),
      message: `${name}: ${reason}`,
      extensions: { code: 'FORBIDDEN', field: name, sensitivity: field.level, reason, count: 1 },
    });
  }

  get size(): number {
    return this.byKey.size;
  }

  errors(): GraphQLFormattedError[] {
    return [...this.byKey.values()].map((d) => ({ message: d.message, path: d.path, extensions: { ...d.extensions } }));
  }
}

/** Adds the request's aggregated denials to its response (after the errors execution raised). */
export const reportDenials: RequestHooks<{ denials?: DenialLog }> = {
  willSendResponse({ contextValue, response }) {
    const denials = contextValue.denials;
    if (!denials?.size || response.body.kind !== 'single') return;
    const result = response.body.singleResult;
    result.errors = [...(result.errors ?? []), ...denials.errors()];
  },
};

const isAggregated = (e: GraphQLFormattedError): boolean => e.extensions?.code === 'FORBIDDEN' && typeof e.extensions.count === 'number' && typeof e.extensions.reason === 'string';

/**
 * A router puts together the answers of several subgraph requests, each aggregated on
 * its own: merges aggregated denials that share a collapsed path and reason, keeping
 * the first path and summing the counts. Other errors keep their place.
 */
export function mergeDenials(errors: readonly GraphQLFormattedError[]): GraphQLFormattedError[] {
  const out: GraphQLFormattedError[] = [];
  const byKey = new Map<string, GraphQLFormattedError & { extensions: Record<string, unknown> }>();
  for (const e of errors) {
    if (!isAggregated(e)) {
      out.push(e);
      continue;
    }
    const key = `${(e.path ?? []).map((k) => (typeof k === 'number' ? '*' : k)).join('.')}|${e.extensions!.reason}`;
    const seen = byKey.get(key);
    if (seen) {
      seen.extensions.count = (seen.extensions.count as number) + (e.extensions!.count as number);
      continue;
    }
    const copy = { ...e, extensions: { ...e.extensions } };
    byKey.set(key, copy);
    out.push(copy);
  }
  return out;
}

/** The hub's gateway answers one error per denial even when the plan asked the same subgraph several times. */
export const mergeRouterDenials: RequestHooks = {
  willSendResponse({ response }) {
    if (response.body.kind === 'single' && response.body.singleResult.errors?.length) response.body.singleResult.errors = mergeDenials(response.body.singleResult.errors);
  },
};
