-- Gives a load lease back, if the caller still holds it (it may have expired and been taken by another).
-- KEYS[1]: the key's lease; ARGV[1]: the holder's token.
local lease = redis.call('GET', KEYS[1])
if lease and string.sub(lease, -#ARGV[1]) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
end
return 0
