import { useQuery } from 'urql';
import { graphql } from '../gql';

const CatalogQuery = graphql(`
  query ConsoleCatalog {
    catalog { typeName fieldName description sensitivity ownerAgencyKind defaultMask }
  }
`);

/** The Chinese name a field's description gives in parentheses: "Summary of the complaint (反映问题摘要) — CONDITIONAL" → 反映问题摘要. */
export function chineseName(description: string | null | undefined): string | null {
  const m = description?.match(/[（(]([^()（）]*[\u4e00-\u9fff][^()（）]*)[)）]/);
  return m ? m[1] : null;
}

/**
 * Field names as people know them, from the hub's catalogue of shared fields (共享目录):
 * the catalogue is the one place fields are described, so the console never keeps its own list.
 */
export function useCatalog() {
  const [{ data }] = useQuery({ query: CatalogQuery, requestPolicy: 'cache-first' });
  const fields = data?.catalog ?? [];
  const labels = new Map(fields.map((f) => [`${f.typeName}.${f.fieldName}`, chineseName(f.description)]));
  return {
    fields,
    fieldLabel: (typeName: string, field: string) => labels.get(`${typeName}.${field}`) ?? field,
  };
}
