-- Records an access to a session without reading it, for a request that carries the session's id but never asks
-- for the session (sessionAccess=every-request): the same checks and writes as load-and-touch.lua, with no data in
-- the reply. Never creates a session; a session past its deadline or being destroyed is left alone.
-- KEYS[1]  the session hash
-- ARGV[1]  retention: milliseconds an expired session's data is kept past its deadline for its destroy event
-- ARGV[2]  the node's default timeout in seconds, and ARGV[3] the expiry it gives (timeout + retention, in ms)
-- Returns 1 if the access was recorded, 0 if there is no usable session.
local meta = redis.call('HMGET', KEYS[1], 'maxInactiveInterval', 'lastAccessed', 'destroyingBy')
if not meta[2] or meta[3] then
  return 0
end
local maxInactiveText = meta[1]
local maxInactive = tonumber(maxInactiveText)
local lastAccessed = tonumber(meta[2])
local time = redis.call('TIME')
local millis = string.sub(string.rep('0', 6 - #time[2]) .. time[2], 1, 3)
local now = tonumber(time[1]) * 1000 + tonumber(millis)
if not lastAccessed or (maxInactive and maxInactive > 0 and lastAccessed + maxInactive * 1000 <= now) then
  return 0
end
redis.call('HSET', KEYS[1], 'lastAccessed', time[1] .. millis)
if maxInactive and maxInactive > 0 then
  if maxInactiveText == ARGV[2] then
    redis.call('PEXPIRE', KEYS[1], ARGV[3])
  else
    redis.call('PEXPIRE', KEYS[1], maxInactive * 1000 + tonumber(ARGV[1]))
  end
end
return 1
