import type { Repository } from 'typeorm';
import { aClient } from '../../test/fixtures/client-entity';
import { loadAuthServerConfig } from '../config/auth-server.config';
import type { ClientEntity } from './client.entity';
import { ClientsService } from './clients.service';

/** The clients table as a map, counting the reads that reach it. */
class FakeClientsTable {
  readonly rows = new Map<string, ClientEntity>();
  reads = 0;

  asRepository(): Repository<ClientEntity> {
    const findOneBy = ({ clientId }: { clientId: string }): Promise<ClientEntity | null> => {
      this.reads += 1;
      const row = this.rows.get(clientId);
      // A new entity per read, as TypeORM returns.
      return Promise.resolve(row ? aClient({ ...row }) : null);
    };
    return { findOneBy } as unknown as Repository<ClientEntity>;
  }
}

describe(ClientsService.name, () => {
  let table: FakeClientsTable;
  const sut = (ttl: string) =>
    new ClientsService(
      table.asRepository(),
      loadAuthServerConfig({ CLIENT_CACHE_TTL_SECONDS: ttl }),
    );

  beforeEach(() => {
    jest.useFakeTimers();
    // The fake performance.now() starts at 0, which lru-cache reads as "no time recorded".
    jest.advanceTimersByTime(1_000);
    table = new FakeClientsTable();
    table.rows.set('client-web', aClient({ secretDigest: 'a'.repeat(64) }));
  });
  afterEach(() => jest.useRealTimers());

  it('serves a client it has read from memory until CLIENT_CACHE_TTL_SECONDS have passed', async () => {
    const clients = sut('30');
    await clients.findById('client-web');
    table.rows.set('client-web', aClient({ secretDigest: 'b'.repeat(64) }));

    jest.advanceTimersByTime(29_000);
    await expect(clients.findById('client-web')).resolves.toMatchObject({
      secretDigest: 'a'.repeat(64),
    });
    expect(table.reads).toBe(1);

    jest.advanceTimersByTime(1_001);
    await expect(clients.findById('client-web')).resolves.toMatchObject({
      secretDigest: 'b'.repeat(64),
    });
    expect(table.reads).toBe(2);
  });

  it('finds a deleted client gone once its time in the cache is over', async () => {
    const clients = sut('30');
    await clients.findById('client-web');
    table.rows.delete('client-web');

    jest.advanceTimersByTime(30_001);
    await expect(clients.findById('client-web')).resolves.toBeNull();
  });

  it('never caches an unknown client_id: a client added later is found at once', async () => {
    const clients = sut('30');
    await expect(clients.findById('client-new')).resolves.toBeNull();
    table.rows.set('client-new', aClient({ clientId: 'client-new' }));

    await expect(clients.findById('client-new')).resolves.toMatchObject({
      clientId: 'client-new',
    });
  });

  it('with CLIENT_CACHE_TTL_SECONDS=0 reads the database every time', async () => {
    const clients = sut('0');
    await clients.findById('client-web');
    table.rows.set('client-web', aClient({ secretDigest: 'b'.repeat(64) }));

    await expect(clients.findById('client-web')).resolves.toMatchObject({
      secretDigest: 'b'.repeat(64),
    });
    expect(table.reads).toBe(2);
  });

  it('hands out a frozen client, so that no request can change what the next one reads', async () => {
    const client = await sut('30').findById('client-web');
    expect(Object.isFrozen(client)).toBe(true);
    expect(() => client?.redirectUris.push('https://attacker.example/callback')).toThrow(TypeError);
  });
});
