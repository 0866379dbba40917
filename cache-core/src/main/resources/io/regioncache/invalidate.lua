-- Purges a region and every region reachable through '::child_caches' sets, in one step.
-- KEYS: the region's generation key, then its parent's child set (absent for the root).
-- ARGV: the key prefix, the region's full name, a fresh generation token, its TTL in ms, and the
--       subtree's hash tag on a Redis Cluster ('' on a standalone Redis).
-- Keys met during the walk are computed here, not declared in KEYS: on a standalone Redis they
-- are '<prefix><name>'; on a Cluster every region of the subtree carries the tag of its top-level
-- region, '<prefix>{<top>}<rest of name>', so they all hash to the slot of KEYS[1] and the node
-- that owns it runs the whole walk.
-- Returns the number of regions purged.
local prefix = ARGV[1]
local tag = ARGV[5]
local function key(name)
  if tag == '' then
    return prefix .. name
  end
  return prefix .. '{' .. tag .. '}' .. string.sub(name, #tag + 1)
end
-- A fresh token, not a counter: an evicted or recreated key can never come back to a value a
-- load read before this purge. Set first, before any hash is deleted: Redis sends the
-- invalidation pushes of a script in the order of its writes, so a near cache that tracks this
-- key hears the purge of the whole subtree in its first push, before those of the hashes.
redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
-- unpack() is bounded by Lua's C stack, so commands over many keys go in chunks.
local chunk = 500

local function in_chunks(command, keys)
  local results = {}
  for first = 1, #keys, chunk do
    results[#results + 1] = redis.call(command, unpack(keys, first, math.min(first + chunk - 1, #keys)))
  end
  return results
end

-- Level by level: one SUNION per level (per chunk) finds the next level, one UNLINK per chunk
-- deletes this one. Per-region SMEMBERS and UNLINK calls cost a third more on a 1,000-region tree.
local level = { ARGV[2] }
local seen = { [ARGV[2]] = true }
local purged = 0
while #level > 0 do
  local child_sets, doomed = {}, {}
  for _, name in ipairs(level) do
    child_sets[#child_sets + 1] = key(name) .. '::child_caches'
    doomed[#doomed + 1] = key(name)
    doomed[#doomed + 1] = child_sets[#child_sets]
  end
  local next_level = {}
  for _, children in ipairs(in_chunks('SUNION', child_sets)) do
    for _, child in ipairs(children) do
      if not seen[child] then
        seen[child] = true
        next_level[#next_level + 1] = child
      end
    end
  end
  in_chunks('UNLINK', doomed)
  purged = purged + #level
  level = next_level
end
if KEYS[2] then
  redis.call('SREM', KEYS[2], ARGV[2])
end
return purged
