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
// GUARD=passport-jwt puts the smallest guard the brief's stack allows in front of the route:
// @nestjs/passport's AuthGuard('jwt') with passport-jwt (jsonwebtoken underneath), the bearer token
// verified against auth-server's key (fetched once at start), RS256, iss, aud, exp, then the scope
// notes:stats. No database, no logger, no helmet, no step log. What it costs a request is the floor
// of any Nest resource server built the way the brief names: resource-api does this and its own work.
//
// Environment: PORT, BODY, ADAPTER (fastify, the default, or express), GUARD (none, the default, or
// passport-jwt, which needs JWKS_URL, ISSUER, AUDIENCE). Prints `ready <port>` once listening.
import 'reflect-metadata';
import { createPublicKey } from 'node:crypto';
import { Controller, ForbiddenException, Get, Header, Module, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthGuard, PassportModule, PassportStrategy } from '@nestjs/passport';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) {
  throw new Error('PORT is required');
}
const body = JSON.parse(process.env.BODY ?? '{}');

const guarded = process.env.GUARD === 'passport-jwt';

class StatsController {
  stats() {
    return body;
  }
}
Controller('notes')(StatsController);
const stats = Object.getOwnPropertyDescriptor(StatsController.prototype, 'stats');
Get('stats')(StatsController.prototype, 'stats', stats);
Header('cache-control', 'no-store')(StatsController.prototype, 'stats', stats);

const providers = [];
if (guarded) {
  const { JWKS_URL, ISSUER, AUDIENCE } = process.env;
  if (!JWKS_URL || !ISSUER || !AUDIENCE) {
    throw new Error('GUARD=passport-jwt needs JWKS_URL, ISSUER and AUDIENCE');
  }
  const { keys } = await (await fetch(JWKS_URL)).json();
  const publicKey = createPublicKey({ key: keys[0], format: 'jwk' });
  class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
    constructor() {
      super({
        jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
        secretOrKey: publicKey,
        algorithms: ['RS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
      });
    }
    validate(claims) {
      const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
      if (!scopes.includes('notes:stats')) {
        throw new ForbiddenException('insufficient_scope');
      }
      return claims;
    }
  }
  providers.push(JwtStrategy);
  UseGuards(AuthGuard('jwt'))(StatsController);
}

class FloorModule {}
Module({
  imports: guarded ? [PassportModule] : [],
  controllers: [StatsController],
  providers,
})(FloorModule);

const app =
  process.env.ADAPTER === 'express'
    ? await NestFactory.create(FloorModule, { logger: false })
    : await NestFactory.create(FloorModule, new FastifyAdapter(), { logger: false });
await app.listen(port, '127.0.0.1');
process.stdout.write(`ready ${port}\n`);
const stop = () => app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
