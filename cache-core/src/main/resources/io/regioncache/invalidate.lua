-- Purges a region and every region reachable through '::child_caches' sets, in one step.
-- KEYS: the region's generation key, then its parent's child set (absent for the root).
-- ARGV: the key prefix, the region's full name, a fresh generation token, its TTL in ms.
-- Keys met during the walk are computed here, not declared in KEYS: fine on a standalone Redis,
-- not on a Cluster.
-- Returns the number of regions purged.
local prefix = ARGV[1]
local queue = { ARGV[2] }
local seen = { [ARGV[2]] = true }
local i = 1
while i <= #queue do
  local children_key = prefix .. queue[i] .. '::child_caches'
  for _, child in ipairs(redis.call('SMEMBERS', children_key)) do
    if not seen[child] then
      seen[child] = true
      queue[#queue + 1] = child
    end
  end
  redis.call('UNLINK', prefix .. queue[i], children_key)
  i = i + 1
end
-- A fresh token, not a counter: an evicted or recreated key can never come back to a value a
-- load read before this purge.
redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
if KEYS[2] then
  redis.call('SREM', KEYS[2], ARGV[2])
end
return #queue
