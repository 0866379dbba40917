-- The root's share of a write on a Redis Cluster, where the root's keys are in another hash slot
-- than the written region's subtree: links the top-level region into the root's child set (so
-- that a later purge of the root finds it) and returns the root's generation, which a guarded
-- write compares with the one its load read before going on to the subtree's own script.
-- KEYS: the root's child set, its generation key. ARGV: the top-level region's name, '1' to link.
if ARGV[2] == '1' then
  redis.call('SADD', KEYS[1], ARGV[1])
end
return redis.call('GET', KEYS[2]) or ''
