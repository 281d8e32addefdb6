import {
  Controller,
  Get,
  type INestApplication,
  ServiceUnavailableException,
  UseFilters,
} from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { Server } from 'node:http';
import request from 'supertest';
import { HealthCheckFailedFilter } from './health-check-failed.filter';

const report = { status: 'error', info: {}, error: { database: { status: 'down' } } };

@Controller('health')
@UseFilters(HealthCheckFailedFilter)
class FailingHealthController {
  @Get()
  check(): never {
    throw new ServiceUnavailableException(report);
  }
}

// The four apps run on two adapters (Fastify: auth-server, resource-api; Express: the others).
describe.each([
  ['Fastify', () => new FastifyAdapter()],
  ['Express', () => new ExpressAdapter()],
])(`${HealthCheckFailedFilter.name} on %s`, (_name, adapter) => {
  let app: INestApplication<Server>;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [FailingHealthController],
    }).compile();
    app = moduleRef.createNestApplication(adapter(), { logger: false });
    await app.init();
    // Fastify answers once ready; Express has no such step.
    const instance = app.getHttpAdapter().getInstance() as { ready?: () => Promise<unknown> };
    await instance.ready?.();
  });
  afterAll(() => app.close());

  it("sends terminus's report as it is, with its 503", async () => {
    const response = await request(app.getHttpServer()).get('/health').expect(503);
    expect(response.body).toEqual(report);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });
});
