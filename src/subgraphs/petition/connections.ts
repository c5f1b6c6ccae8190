import { ObjectType } from 'type-graphql';
import { Connection } from '../../common/paging';
import { Petition } from './petition.entity';
import { PublicOpinionItem } from './public-opinion.entity';

@ObjectType('PetitionConnection', { description: 'A page of petitions (信访件)' })
export class PetitionConnection extends Connection(Petition) {}

@ObjectType('PublicOpinionConnection', { description: 'A page of public-opinion items (网络舆情)' })
export class PublicOpinionConnection extends Connection(PublicOpinionItem) {}
