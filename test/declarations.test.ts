import 'reflect-metadata';
import { Field, ObjectType, Query, Resolver } from 'type-graphql';
import { parse } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Open, Restricted } from '../src/authz/sensitivity';
import { buildFederatedSchema } from '../src/common/federation';
import type { SubgraphModule } from '../src/subgraphs/types';

@ObjectType('UndeclaredThing')
class UndeclaredThing {
  @Field() forgotten: string;
  @Open() @Field() declared: string;
  @Restricted() @Field(() => String, { nullable: true }) secret: string | null;
}

@Resolver()
class ThingResolver {
  @Query(() => UndeclaredThing)
  thing(): UndeclaredThing {
    return { forgotten: 'a', declared: 'b', secret: 'c' };
  }
}

describe('sharing-class declarations', () => {
  it('fail the build for a field without one, naming it', async () => {
    const mod = { name: 'organization', owner: null, entities: [], migrations: [], resolvers: [ThingResolver] } as unknown as SubgraphModule;
    await expect(buildFederatedSchema(mod)).rejects.toThrow(/undeclared: UndeclaredThing\.forgotten$/);
  });

  it('survive composition into the committed supergraph, for every field of every shared type', () => {
    const sdl = readFileSync(path.join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
    const doc = parse(sdl);
    const byField = new Map<string, string>();
    let undeclared = 0;
    for (const def of doc.definitions) {
      if (def.kind !== 'ObjectTypeDefinition' || ['Query', 'Mutation'].includes(def.name.value) || def.name.value.startsWith('join__') || def.name.value.startsWith('link__')) continue;
      for (const f of def.fields ?? []) {
        const d = f.directives?.find((x) => x.name.value === 'sensitivity');
        if (!d) undeclared++;
        const level = d?.arguments?.find((a) => a.name.value === 'level')?.value;
        byField.set(`${def.name.value}.${f.name.value}`, level && level.kind === 'EnumValue' ? level.value : 'NONE');
      }
    }
    expect(undeclared).toBe(0);
    expect(byField.get('Petition.reporterName')).toBe('RESTRICTED');
    expect(byField.get('Petition.summary')).toBe('CONDITIONAL');
    expect(byField.get('Petition.receivedDate')).toBe('OPEN');
    expect(byField.get('Cadre.residentId')).toBe('RESTRICTED');
    expect(byField.get('ProblemClue.details')).toBe('RESTRICTED');
  });
});
