/**
 * Vitest global setup: when no Redis-protocol server is on PATH, says so once per run, with how to
 * get one (the tests that need it skip; NUMTRUST_REQUIRE_REDIS=1, as in CI, makes them fail).
 */
import { REDIS_MISSING_LINE, redisServerBinary } from './redis-server.ts';

export default function noticeMissingRedis(): void {
  if (!redisServerBinary()) console.warn(`\n[numtrust] ${REDIS_MISSING_LINE}\n`);
}
