-- Loads a session and records this access, atomically; never creates a session.
-- The Redis server's clock decides expiry. A session past its deadline, or one whose expiry a node is delivering,
-- is absent; only the expiry sweep (claim-expired.lua, destroy.lua) removes it, after its destroy event.
-- KEYS[1]  the session hash
-- ARGV[1]  retention: milliseconds an expired session's data is kept past its deadline for its destroy event
-- ARGV[2]  the node's default timeout in seconds, and ARGV[3] the expiry it gives (timeout + retention, in ms):
--          numbers handed to redis.call are formatted at some cost, so the usual expiry comes as text
-- Returns the hash as it was before this access (field, value, ...), or nil if there is no usable session. A session
-- a login policy or a forced logout ended left a marker hash {loggedOut = reason}: it is returned as such and deleted,
-- so that only the next request of that session hears of it.
local fields = redis.call('HGETALL', KEYS[1])
if #fields == 0 then
  return false
end
local maxInactiveText, maxInactive, lastAccessed
for i = 1, #fields, 2 do
  local name = fields[i]
  if name == 'maxInactiveInterval' then
    maxInactiveText = fields[i + 1]
    maxInactive = tonumber(maxInactiveText)
  elseif name == 'lastAccessed' then
    lastAccessed = tonumber(fields[i + 1])
  elseif name == 'destroyingBy' then
    return false
  elseif name == 'loggedOut' then
    redis.call('DEL', KEYS[1])
    return {name, fields[i + 1]}
  end
end
local time = redis.call('TIME')
-- now in milliseconds, as text too: seconds, then the first three of the six microsecond digits
local millis = string.sub(string.rep('0', 6 - #time[2]) .. time[2], 1, 3)
local now = tonumber(time[1]) * 1000 + tonumber(millis)
if maxInactive and maxInactive > 0 and lastAccessed and lastAccessed + maxInactive * 1000 <= now then
  return false
end
redis.call('HSET', KEYS[1], 'lastAccessed', time[1] .. millis)
if maxInactive and maxInactive > 0 then
  if maxInactiveText == ARGV[2] then
    redis.call('PEXPIRE', KEYS[1], ARGV[3])
  else
    redis.call('PEXPIRE', KEYS[1], maxInactive * 1000 + tonumber(ARGV[1]))
  end
end
return fields
