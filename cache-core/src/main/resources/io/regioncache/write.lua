-- One atomic write to a region (put, putAll, remove, transaction commit, getOrCompute store).
-- KEYS: the region's hash, the child set of each ancestor (root first), then for a guarded write
--       the generation key of each region of the lineage (root first), then for a fencing write
--       the region's generation key.
-- ARGV: timeout ms (0 = none), reset flag (1 = always restart the timeout, 0 = only when the hash
--       has none), ancestor count, put count, remove count, fence flag (1 = set the region's
--       generation to a fresh token, as remove() does to fence loads in flight), then the name to
--       link into each ancestor's child set, the field/value pairs to set, the fields to delete,
--       for a guarded write the expected generations ('' = none yet), and for a fencing write the
--       fresh token and its TTL in ms.
-- Returns -1 when a generation changed (nothing is done), else the number of fields deleted.
local timeout = tonumber(ARGV[1])
local reset = ARGV[2] == '1'
local ancestors = tonumber(ARGV[3])
local puts = tonumber(ARGV[4])
local removes = tonumber(ARGV[5])
local fence = ARGV[6] == '1'
local links = 7
local pairs_at = links + ancestors
local removes_at = pairs_at + 2 * puts
local expected_at = removes_at + removes

local generations_at = 2 + ancestors
local generations_end = fence and #KEYS - 1 or #KEYS
for i = generations_at, generations_end do
  if (redis.call('GET', KEYS[i]) or '') ~= ARGV[expected_at + i - generations_at] then
    return -1
  end
end

-- unpack() is bounded by Lua's C stack, so large writes go in chunks.
local chunk = 500
if puts > 0 then
  for i = 1, ancestors do
    redis.call('SADD', KEYS[1 + i], ARGV[links + i - 1])
  end
  for first = 0, puts - 1, chunk do
    local last = math.min(first + chunk, puts) - 1
    redis.call('HSET', KEYS[1], unpack(ARGV, pairs_at + 2 * first, pairs_at + 2 * last + 1))
  end
end
local deleted = 0
for first = 0, removes - 1, chunk do
  local last = math.min(first + chunk, removes) - 1
  deleted = deleted + redis.call('HDEL', KEYS[1], unpack(ARGV, removes_at + first, removes_at + last))
end

if fence then
  redis.call('SET', KEYS[#KEYS], ARGV[#ARGV - 1], 'PX', ARGV[#ARGV])
end
if timeout > 0 and (reset or redis.call('PTTL', KEYS[1]) == -1) then
  redis.call('PEXPIRE', KEYS[1], timeout)
end
return deleted
