-- Counts a region's fields, leaving out the reserved '__' bookkeeping fields.
-- KEYS: the region's hash.
local count = 0
for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
  if string.sub(field, 1, 2) ~= '__' then
    count = count + 1
  end
end
return count
