import type { DataSource, EntityManager } from 'typeorm';

const queues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs `work` in a database transaction, one at a time per DataSource.
 *
 * TypeORM's sqlite driver shares a single connection between all callers, so two transactions
 * started concurrently would interleave on it (the second one becoming a savepoint inside the
 * first). Queuing them makes each transaction whole: either everything in `work` is committed or
 * nothing is. sqlite allows one writer at a time anyway, so nothing is lost in throughput.
 *
 * On PostgreSQL each transaction has a pooled connection of its own and the queue only orders one
 * process's transactions. What keeps replicas from stepping on each other is inside each `work`: a
 * conditional update that only one can win (a code is consumed `WHERE consumed_at IS NULL`) or
 * `lockAcrossProcesses` (apps/auth-server/test/replicas.e2e-spec.ts).
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
