-- One atomic compare-and-set of a JCache entry (a field of its region's hash): every conditional
-- JCache operation and every entry processor ends in this script.
-- KEYS: the region's hash, then the child set of each ancestor (root first).
-- ARGV: field, expected flag ('1' = the field must hold ARGV[3], '0' = the field must be absent),
--       expected bytes, update flag ('1' = set the field to ARGV[5], '0' = delete it), new bytes,
--       the channel to publish the change on ('' = none), the message to publish, then the name
--       to link into each ancestor's child set (so that purging an ancestor reaches the region, as
--       every write of the region store does).
-- Returns 1 when applied, 0 when the field did not hold what was expected (nothing is done).
local current = redis.call('HGET', KEYS[1], ARGV[1])
if ARGV[2] == '1' then
  if current ~= ARGV[3] then
    return 0
  end
elseif current then
  return 0
end
if ARGV[4] == '1' then
  for i = 2, #KEYS do
    redis.call('SADD', KEYS[i], ARGV[6 + i])
  end
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[5])
else
  redis.call('HDEL', KEYS[1], ARGV[1])
end
if ARGV[6] ~= '' then
  redis.call('PUBLISH', ARGV[6], ARGV[7])
end
return 1
