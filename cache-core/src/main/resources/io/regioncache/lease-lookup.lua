-- A getOrCompute read with a load lease: the field and the lineage's generations (as lookup reads
-- them) and, on a miss, the lease of the key, all in one step.
-- KEYS[1]: the region's hash; KEYS[2]: the key's lease; KEYS[3..]: the lineage's generations, root first.
-- ARGV[1]: the field; ARGV[2]: this caller's token; ARGV[3]: the lease time in milliseconds.
-- Returns {value or nil, {generations}, state}: state 0 a hit, 1 a miss whose lease this caller
-- now holds (it loads), 2 a miss while another caller holds a live lease (it waits).
-- A lease is live while it exists (it expires after the lease time) and was taken under the
-- current generations: a purge changes them, which kills every lease taken before it.
local value = redis.call('HGET', KEYS[1], ARGV[1])
local generations = {}
for i = 3, #KEYS do
    generations[#generations + 1] = redis.call('GET', KEYS[i]) or ''
end
if value then
    return {value, generations, 0}
end
local fence = table.concat(generations, '|') .. '#'
local lease = redis.call('GET', KEYS[2])
if lease and string.sub(lease, 1, #fence) == fence then
    return {false, generations, 2}
end
redis.call('SET', KEYS[2], fence .. ARGV[2], 'PX', ARGV[3])
return {false, generations, 1}
