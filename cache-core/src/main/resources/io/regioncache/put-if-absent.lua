-- putIfAbsent: sets one field of a region's hash unless the hash has it, in one step.
-- KEYS: the region's hash, then the child set of each ancestor (root first).
-- ARGV: timeout ms (0 = none), reset flag (1 = always restart the timeout, 0 = only when the hash
--       has none), the field, its value, then the name to link into each ancestor's child set.
-- Returns the value already there, changing nothing (no link, no timeout restart: nothing was
-- written), or false (a nil reply) when it set the field, linked the lineage and applied the
-- timeout as write.lua does for a put. Like a put it neither checks nor replaces generations: it
-- reads nothing before the step, so no purge can come between a read and its write.
local existing = redis.call('HGET', KEYS[1], ARGV[3])
if existing then
  return existing
end
for i = 2, #KEYS do
  redis.call('SADD', KEYS[i], ARGV[3 + i])
end
redis.call('HSET', KEYS[1], ARGV[3], ARGV[4])
local timeout = tonumber(ARGV[1])
if timeout > 0 and (ARGV[2] == '1' or redis.call('PTTL', KEYS[1]) == -1) then
  redis.call('PEXPIRE', KEYS[1], timeout)
end
return false
