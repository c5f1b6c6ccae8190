import { Query, Resolver } from 'type-graphql';

@Resolver()
export class PlaceholderResolver {
  @Query(() => String)
  petitionPlaceholder(): string {
    return 'todo';
  }
}
