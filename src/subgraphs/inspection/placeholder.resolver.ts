import { Query, Resolver } from 'type-graphql';

@Resolver()
export class PlaceholderResolver {
  @Query(() => String)
  inspectionPlaceholder(): string {
    return 'todo';
  }
}
