-- Loads a session and records this access, atomically; never creates a session.
-- The Redis server's clock decides expiry. A session past its deadline, or one whose expiry a node is delivering,
-- is absent; only the expiry sweep (claim-expired.lua, destroy.lua) removes it, after its destroy event.
-- KEYS[1]  the session hash
-- ARGV[1]  retention: milliseconds an expired session's data is kept past its deadline for its destroy event
-- Returns the hash as it was before this access (field, value, ...), or nil if there is no usable session.
local fields = redis.call('HGETALL', KEYS[1])
if #fields == 0 then
  return false
end
local maxInactive, lastAccessed
for i = 1, #fields, 2 do
  local name = fields[i]
  if name == 'maxInactiveInterval' then
    maxInactive = tonumber(fields[i + 1])
  elseif name == 'lastAccessed' then
    lastAccessed = tonumber(fields[i + 1])
  elseif name == 'destroyingBy' then
    return false
  end
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
if maxInactive and maxInactive > 0 and lastAccessed and lastAccessed + maxInactive * 1000 <= now then
  return false
end
redis.call('HSET', KEYS[1], 'lastAccessed', now)
if maxInactive and maxInactive > 0 then
  redis.call('PEXPIRE', KEYS[1], maxInactive * 1000 + tonumber(ARGV[1]))
end
return fields
