-- Records an access to a session: the last-access time and the expiry. Sent without waiting for its reply, by a
-- request whose load found the stored access older than the session's touchSlack, and with
-- sessionAccess=every-request by a request that carries the session's id but never asks for it. Writes nothing when
-- the stored access is more recent than the session's touchSlack: the stored deadline already covers this access.
-- Never creates a session; a session past its deadline or being destroyed is left alone.
-- KEYS[1]  the session hash
-- KEYS[2]  the session's large-values hash (same hash tag), whose expiry follows the session's
-- ARGV[1]  retention: milliseconds an expired session's data is kept past its deadline for its destroy event
-- ARGV[2]  touchShare: the percent of the timeout after which an access is recorded again
-- ARGV[3]  the node's default timeout in seconds, ARGV[4] the expiry it gives (timeout + slack + retention, in ms)
--          and ARGV[5] its slack (ms): numbers handed to redis.call are formatted at some cost, so the usual values
--          come as text
-- Returns 1 if the access was recorded, 2 if it did not need to be, 0 if there is no usable session.
local meta = redis.call('HMGET', KEYS[1], 'maxInactiveInterval', 'lastAccessed', 'destroyingBy', 'touchSlack')
if not meta[2] or meta[3] then
  return 0
end
local maxText = meta[1]
local max = tonumber(maxText)
local last = tonumber(meta[2])
local slack = tonumber(meta[4]) or 0
local time = redis.call('TIME')
local millis = string.sub(string.rep('0', 6 - #time[2]) .. time[2], 1, 3)
local now = tonumber(time[1]) * 1000 + tonumber(millis)
if not last or (max and max > 0 and last + max * 1000 + slack <= now) then
  return 0
end
if now - last < slack then
  return 2
end
if max and max > 0 then
  local newSlack, expiry = ARGV[5], ARGV[4]
  if maxText ~= ARGV[3] then
    newSlack = max * 10 * tonumber(ARGV[2])
    expiry = max * 1000 + newSlack + tonumber(ARGV[1])
  end
  redis.call('HSET', KEYS[1], 'lastAccessed', time[1] .. millis, 'touchSlack', newSlack)
  redis.call('PEXPIRE', KEYS[1], expiry)
  redis.call('PEXPIRE', KEYS[2], expiry)
else
  redis.call('HSET', KEYS[1], 'lastAccessed', time[1] .. millis)
end
return 1
