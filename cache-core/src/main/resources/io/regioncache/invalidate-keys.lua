-- Deletes some fields of a region and sets its generation to a fresh token, so that loads that
-- started before cannot store stale values.
-- KEYS: the region's hash, its generation key. ARGV: a fresh generation token, its TTL in ms, then
-- the fields.
local chunk = 500
for first = 3, #ARGV, chunk do
  redis.call('HDEL', KEYS[1], unpack(ARGV, first, math.min(first + chunk - 1, #ARGV)))
end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
return 0
