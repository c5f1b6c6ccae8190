import { Arg, Ctx, Field, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { UUIDScalar } from '../../common/scalars';
import { fieldsOf } from '../../authz/catalog';
import { SharingClass } from '../../authz/sensitivity';
import { AgencyKind, Role } from '../../common/agency';
import { badInput, forbidden, hubError } from '../../common/errors';
import { isUuid } from '../../common/loaders';
import type { SubgraphContext } from '../types';
import { CollaborationEntry } from './collaboration.entity';

@InputType({ description: 'A collaboration catalogue item to create, or to change when id is given' })
class CollaborationEntryInput {
  @Field(() => UUIDScalar, { nullable: true }) id?: string | null;
  @Field(() => AgencyKind) providerAgencyKind: AgencyKind;
  @Field(() => String, { nullable: true }) typeName?: string | null;
  @Field(() => [String], { defaultValue: [] }) fields: string[];
  @Field() notes: string;
}

const problem = (field: string, message: string) => badInput(`${field}: ${message}`, { argument: field });

/** A catalogued type must be one the provider's agency owns, and its fields CONDITIONAL ones: OPEN needs no request, RESTRICTED is never given. */
async function checkEntry(input: CollaborationEntryInput): Promise<void> {
  const notes = input.notes.trim();
  if (notes.length < 4 || input.notes.length > 1000) throw problem('notes', 'say what is provided, in 4 to 1,000 characters');
  if (!input.typeName) {
    if (input.fields.length) throw problem('fields', 'only an item naming a type lists fields');
    return;
  }
  const fields = await fieldsOf(input.typeName);
  if (!fields.size) throw problem('typeName', `unknown type ${input.typeName}; see the catalog query`);
  const conditional = [...fields.values()].filter((f) => f.sensitivity === SharingClass.CONDITIONAL);
  if (!conditional.some((f) => f.ownerAgencyKind === input.providerAgencyKind)) {
    throw problem('typeName', `${input.typeName} holds no shared field of a ${input.providerAgencyKind}`);
  }
  for (const name of input.fields) {
    const f = fields.get(name);
    if (!f || f.sensitivity !== SharingClass.CONDITIONAL || f.ownerAgencyKind !== input.providerAgencyKind) {
      throw problem('fields', `${input.typeName}.${name} is not a CONDITIONAL field the provider owns`);
    }
  }
}

@Resolver()
export class CollaborationResolver {
  @Query(() => [CollaborationEntry], { description: 'The collaboration catalogue (协作配合目录), by provider' })
  collaborationCatalogue(@Arg('providerAgencyKind', () => AgencyKind, { nullable: true }) kind: AgencyKind | null, @Ctx() ctx: SubgraphContext): Promise<CollaborationEntry[]> {
    return ctx.ds.getRepository(CollaborationEntry).find({ where: kind ? { providerAgencyKind: kind } : {}, order: { providerAgencyKind: 'ASC', typeName: 'ASC', notes: 'ASC' } });
  }

  @Mutation(() => CollaborationEntry, { description: 'Add or change a catalogue item (admins)' })
  async saveCollaborationEntry(@Arg('input', () => CollaborationEntryInput) input: CollaborationEntryInput, @Ctx() ctx: SubgraphContext): Promise<CollaborationEntry> {
    if (!ctx.identity.roles.includes(Role.ADMIN)) throw forbidden('Only admins edit the collaboration catalogue');
    await checkEntry(input);
    const repo = ctx.ds.getRepository(CollaborationEntry);
    if (input.id && !isUuid(input.id)) throw badInput('id is not a catalogue item id', { argument: 'id' });
    const entry = input.id ? await repo.findOneBy({ id: input.id }) : repo.create();
    if (!entry) throw hubError('NOT_FOUND', `No catalogue item ${input.id}`);
    Object.assign(entry, { providerAgencyKind: input.providerAgencyKind, typeName: input.typeName ?? null, fields: input.fields, notes: input.notes.trim() });
    return repo.save(entry);
  }

  @Mutation(() => Boolean, { description: 'Remove a catalogue item (admins); requests already made are kept' })
  async removeCollaborationEntry(@Arg('id', () => UUIDScalar) id: string, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    if (!ctx.identity.roles.includes(Role.ADMIN)) throw forbidden('Only admins edit the collaboration catalogue');
    if (!isUuid(id)) throw badInput('id is not a catalogue item id', { argument: 'id' });
    const { affected } = await ctx.ds.getRepository(CollaborationEntry).delete({ id });
    if (!affected) throw hubError('NOT_FOUND', `No catalogue item ${id}`);
    return true;
  }
}
