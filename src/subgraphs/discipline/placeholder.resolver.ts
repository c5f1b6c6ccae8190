import { Query, Resolver } from 'type-graphql';

@Resolver()
export class PlaceholderResolver {
  @Query(() => String)
  disciplinePlaceholder(): string {
    return 'todo';
  }
}
