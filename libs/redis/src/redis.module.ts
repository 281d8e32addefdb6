import {
  type DynamicModule,
  Global,
  Inject,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { connectRedis, type RedisConnection } from './redis-connection';

/** Injection token of the app's Redis connection: a RedisConnection, or null when REDIS_URL is unset. */
export const REDIS = Symbol('REDIS');

/**
 * REDIS_URL, connected once at boot and closed at shutdown, for whatever several replicas of an app
 * must share outside its database: `@Inject(REDIS) redis: RedisConnection | null`.
 */
@Global()
@Module({})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: RedisConnection | null) {}

  static forRoot(url: string | undefined): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        { provide: REDIS, useFactory: () => (url === undefined ? null : connectRedis(url)) },
      ],
      exports: [REDIS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis?.isOpen === true) {
      await this.redis.close();
    }
  }
}
