import { Query, Resolver } from 'type-graphql';

@Resolver()
export class PlaceholderResolver {
  @Query(() => String)
  auditPlaceholder(): string {
    return 'todo';
  }
}
