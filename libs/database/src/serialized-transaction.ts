import type { DataSource, EntityManager } from 'typeorm';

const queues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs `work` in a database transaction, one at a time per DataSource.
 *
 * TypeORM's sqlite driver shares a single connection between all callers, so two transactions
 * started concurrently would interleave on it (the second one becoming a savepoint inside the
 * first). Queuing them makes each transaction whole: either everything in `work` is committed or
 * nothing is. sqlite allows one writer at a time anyway, so nothing is lost in throughput.
 */
export function serializedTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const next = previous.then(
    () => dataSource.transaction(work),
    () => dataSource.transaction(work),
  );
  queues.set(
    dataSource,
    next.catch(() => undefined),
  );
  return next;
}
