-- Loads a session and records this access, atomically; never creates a session.
-- KEYS[1]  the session hash
-- ARGV[1]  now, epoch milliseconds
-- Returns the hash as it was before this access (field, value, ...), or nil if there is no session.
local fields = redis.call('HGETALL', KEYS[1])
if #fields == 0 then
  return false
end
local maxInactive
for i = 1, #fields, 2 do
  if fields[i] == 'maxInactiveInterval' then
    maxInactive = tonumber(fields[i + 1])
  end
end
redis.call('HSET', KEYS[1], 'lastAccessed', ARGV[1])
if maxInactive and maxInactive > 0 then
  redis.call('PEXPIRE', KEYS[1], maxInactive * 1000)
end
return fields
