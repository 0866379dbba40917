-- Deletes some fields of a region and increments its generation, so that loads that started
-- before cannot store stale values.
-- KEYS: the region's hash, its generation key. ARGV: the fields.
local chunk = 500
for first = 1, #ARGV, chunk do
  redis.call('HDEL', KEYS[1], unpack(ARGV, first, math.min(first + chunk - 1, #ARGV)))
end
redis.call('INCR', KEYS[2])
return 0
