// REDIS_URL for the apps that have replicas to share state with (README, "Running beyond one machine").
export { connectRedis, describeServer, type RedisConnection } from './redis-connection';
export { REDIS, RedisModule } from './redis.module';
