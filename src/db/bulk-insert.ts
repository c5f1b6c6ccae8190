import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Inserts many rows in chunks (one statement per 1,000), for seeding and batched writes; returns the generated ids in row order. */
export async function bulkInsert<T extends ObjectLiteral>(ds: DataSource | EntityManager, entity: EntityTarget<T>, rows: Partial<T>[], chunk = 1000): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += chunk) {
    const res = await ds.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + chunk) as any).returning('id').execute();
    for (const r of res.raw as { id: string }[]) ids.push(r.id);
  }
  return ids;
}
