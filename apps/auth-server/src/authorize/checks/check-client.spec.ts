import { aClient } from '../../../test/fixtures/client-entity';
import type { ClientEntity } from '../../clients/client.entity';
import { RequestParameters } from '../../common/request-parameters';
import { BrowserError } from '../../errors/oauth-errors';
import { checkClient } from './check-client';

describe(checkClient.name, () => {
  const sut = checkClient;
  const clientWeb = aClient();
  const lookups: string[] = [];
  const findClient = (clientId: string): Promise<ClientEntity | null> => {
    lookups.push(clientId);
    return Promise.resolve(clientId === clientWeb.clientId ? clientWeb : null);
  };
  const params = (clientId: unknown) => new RequestParameters({ client_id: clientId });

  beforeEach(() => {
    lookups.length = 0;
  });

  it('returns the registered client', async () => {
    await expect(sut(params('client-web'), findClient)).resolves.toBe(clientWeb);
  });

  it('refuses an unknown client with a 400 page, never a redirect', async () => {
    const error = await sut(params('client-nobody'), findClient).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrowserError);
    expect(error).toMatchObject({ status: 400, title: 'Unknown application' });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['repeated', ['client-web', 'client-web']],
  ])('refuses a %s client_id with a 400 page without looking it up', async (_label, value) => {
    const error = await sut(params(value), findClient).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrowserError);
    expect(error).toMatchObject({ status: 400 });
    expect(lookups).toEqual([]);
  });
});
