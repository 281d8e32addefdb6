// The framework floor of the verified-GET comparison (`npm run bench`): NestJS 11 on Express, the
// stack resource-api is built on, answering GET /notes/stats with a constant JSON body and nothing
// else (no guard, no token, no database, no logger, no helmet). What it costs a request is what any
// Nest + Express service pays before doing its own work: the part of resource-api's time that no
// change to this project's code can remove short of changing the framework. Plain JavaScript, so
// the decorators are applied as the functions they are.
//
// Environment: PORT, BODY. Prints `ready <port>` once listening.
import 'reflect-metadata';
import { Controller, Get, Header, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

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

const app = await NestFactory.create(FloorModule, { logger: false });
await app.listen(port, '127.0.0.1');
process.stdout.write(`ready ${port}\n`);
const stop = () => app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
