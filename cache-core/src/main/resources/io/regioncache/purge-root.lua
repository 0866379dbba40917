-- The first step of purging the root on a Redis Cluster, where each top-level region's subtree
-- lives in its own hash slot: fences the root (a fresh generation, so that a write that checks
-- it refuses a load read before), deletes the root's own entries and returns the top-level
-- regions to purge next, one script each. The child set stays: a writer links its top-level
-- region there before it writes, so a name removed here could hide data written meanwhile.
-- KEYS: the root's generation key, its hash, its child set. ARGV: a fresh token, its TTL in ms.
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('UNLINK', KEYS[2])
return redis.call('SMEMBERS', KEYS[3])
