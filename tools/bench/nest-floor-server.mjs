// The framework floor of the verified-GET comparison (`npm run bench`): NestJS 11 on Fastify, the
// stack resource-api is built on, answering GET /notes/stats with a constant JSON body and nothing
// else (no guard, no token, no database, no logger, no helmet). What it costs a request is what any
// Nest + Fastify service pays before doing its own work: the part of resource-api's time that no
// change to this project's code can remove short of changing the framework. Plain JavaScript, so
// the decorators are applied as the functions they are.
//
// ADAPTER=express runs the same app on Express, the adapter login-ui and client-web keep: the two
// floors side by side are what moving an app between them would change a request.
//
// Environment: PORT, BODY, ADAPTER (fastify, the default, or express). Prints `ready <port>` once listening.
import 'reflect-metadata';
import { Controller, Get, Header, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) {
  throw new Error('PORT is required');
}
const body = JSON.parse(process.env.BODY ?? '{}');

class StatsController {
  stats() {
    return body;
  }
}
Controller('notes')(StatsController);
const stats = Object.getOwnPropertyDescriptor(StatsController.prototype, 'stats');
Get('stats')(StatsController.prototype, 'stats', stats);
Header('cache-control', 'no-store')(StatsController.prototype, 'stats', stats);

class FloorModule {}
Module({ controllers: [StatsController] })(FloorModule);

const app =
  process.env.ADAPTER === 'express'
    ? await NestFactory.create(FloorModule, { logger: false })
    : await NestFactory.create(FloorModule, new FastifyAdapter(), { logger: false });
await app.listen(port, '127.0.0.1');
process.stdout.write(`ready ${port}\n`);
const stop = () => app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
