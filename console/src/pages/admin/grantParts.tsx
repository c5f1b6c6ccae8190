import { useQuery } from 'urql';
import { enumLabel } from '@labels';
import { graphql } from '../../gql';

const SubjectNames = graphql(`
  query ConsoleSubjectNames {
    agencies { id name kind code }
    rounds(first: 30) { nodes { id name status teams { id name } } }
  }
`);

/** Names for grant subjects (agencies, teams, roles) so a person never reads an id. */
export function useSubjects() {
  const [{ data }] = useQuery({ query: SubjectNames, requestPolicy: 'cache-first' });
  const agencies = data?.agencies ?? [];
  const teams = (data?.rounds?.nodes ?? []).flatMap((r) => r.teams.map((t) => ({ id: t.id, name: `${r.name} · ${t.name}`, active: r.status !== 'COMPLETED' && r.status !== 'CANCELLED' })));
  const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const subjectName = (kind: string, value: string) =>
    kind === 'AGENCY' ? (agencyName.get(value) ?? '（未知单位）') : kind === 'TEAM' ? (teamName.get(value) ?? '（其他巡察组）') : kind === 'ROLE' ? enumLabel('Role', value) : `个人 ${value.slice(0, 8)}`;
  return { agencies, teams, subjectName };
}
