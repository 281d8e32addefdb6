import { mayIntrospect } from './may-introspect';

const AUDIENCE = 'http://localhost:3003';
const clientWeb = { clientId: 'client-web', introspectsAudience: null };
const resourceApi = { clientId: 'resource-api', introspectsAudience: AUDIENCE };

describe(mayIntrospect.name, () => {
  const sut = mayIntrospect;

  it('lets a client introspect the tokens issued to it', () => {
    expect(sut(clientWeb, { client_id: 'client-web', aud: AUDIENCE })).toBe(true);
    expect(sut(clientWeb, { client_id: 'client-web' })).toBe(true);
  });

  it("never another client's tokens, for an ordinary client", () => {
    expect(sut(clientWeb, { client_id: 'reporting-service', aud: AUDIENCE })).toBe(false);
  });

  it('lets a resource server introspect the access tokens for its audience, issued to any client', () => {
    expect(sut(resourceApi, { client_id: 'client-web', aud: AUDIENCE })).toBe(true);
    expect(sut(resourceApi, { client_id: 'reporting-service', aud: ['other', AUDIENCE] })).toBe(
      true,
    );
  });

  it("not another audience's tokens, nor refresh tokens (which have no audience)", () => {
    expect(sut(resourceApi, { client_id: 'client-web', aud: 'http://localhost:3004' })).toBe(false);
    expect(sut(resourceApi, { client_id: 'client-web', aud: `${AUDIENCE}/` })).toBe(false);
    expect(sut(resourceApi, { client_id: 'client-web' })).toBe(false);
  });
});
