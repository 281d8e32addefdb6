import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import type { Request, Response } from 'express';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { loadClientWebConfig } from '../src/config/client-web.config';

/**
 * docs/security-cases.md, case 55: client-web reads the client's address behind a reverse proxy as
 * auth-server and login-ui do (TRUST_PROXY_HOPS). Nothing of client-web shows that address yet (a
 * per-address limit on /connect will key on it), so the test asks `req.ip` directly, on a route of
 * its own added to the app main.ts runs (same module, same configureApp). supertest connects from
 * 127.0.0.1 and plays the proxy: `X-Forwarded-For` ends with the address it would append.
 */
describe('the client address behind a reverse proxy (TRUST_PROXY_HOPS)', () => {
  let sut: NestExpressApplication | undefined;

  afterEach(async () => {
    await sut?.close();
    sut = undefined;
  });

  async function start(env: Record<string, string> = {}): Promise<NestExpressApplication> {
    const config = loadClientWebConfig({ DATABASE_PATH: ':memory:', LOG_LEVEL: 'silent', ...env });
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.register(config)],
    }).compile();
    sut = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    configureApp(sut, config);
    // The test's own route, after every middleware configureApp adds, before Nest's routes.
    sut.use('/test/client-address', (req: Request, res: Response) => {
      res.json({ ip: req.ip });
    });
    await sut.init();
    return sut;
  }

  async function clientAddress(app: NestExpressApplication, forwardedFor?: string) {
    const call = request(app.getHttpServer()).get('/test/client-address');
    const response = await (
      forwardedFor === undefined ? call : call.set('X-Forwarded-For', forwardedFor)
    ).expect(200);
    return (response.body as { ip: string }).ip;
  }

  it('case 55: TRUST_PROXY_HOPS=1: req.ip is the entry the proxy appended, not one the client sent', async () => {
    const app = await start({ TRUST_PROXY_HOPS: '1' });
    expect(await clientAddress(app, '203.0.113.7')).toBe('203.0.113.7');
    expect(await clientAddress(app, '10.0.0.1, 203.0.113.7')).toBe('203.0.113.7');
  });

  it('case 55: TRUST_PROXY_HOPS=2: two proxies, each appending the address it saw', async () => {
    const app = await start({ TRUST_PROXY_HOPS: '2' });
    expect(await clientAddress(app, '10.0.0.1, 203.0.113.7, 172.16.0.2')).toBe('203.0.113.7');
  });

  it('case 55: TRUST_PROXY_HOPS=0 (the default): X-Forwarded-For is ignored, req.ip is the socket address', async () => {
    const app = await start();
    const socket = await clientAddress(app);
    expect(socket).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
    expect(await clientAddress(app, '203.0.113.7')).toBe(socket);
  });
});
