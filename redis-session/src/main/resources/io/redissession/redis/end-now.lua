-- Ends a session from outside the nodes (the operator tool), so that a node still delivers its destroy event
-- exactly once: moves its deadline to now and makes its expiry index entry due. From this call on, every load and
-- commit finds it absent; the next expiry sweep of any node claims it, fires sessionDestroyed and publishes the
-- destroyed notice with the reason kept in the field 'endedBy'.
-- KEYS[1]  the session hash
-- KEYS[2]  the expiry index shard of the session (same hash tag)
-- ARGV[1]  the session id
-- ARGV[2]  the reason: 'invalidated' or 'forced-logout'
-- Returns 1 if the session was ended, 0 if there is no usable session.
local meta = redis.call('HMGET', KEYS[1], 'lastAccessed', 'maxInactiveInterval', 'destroyingBy', 'loggedOut',
  'touchSlack')
if not meta[1] or meta[3] or meta[4] then
  return 0
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local max = tonumber(meta[2])
if not max or max <= 0 then
  max = 1
  redis.call('HSET', KEYS[1], 'maxInactiveInterval', '1')
end
if tonumber(meta[1]) + max * 1000 + (tonumber(meta[5]) or 0) <= now then
  return 0
end
redis.call('HSET', KEYS[1], 'lastAccessed', string.format('%d', now - max * 1000), 'endedBy', ARGV[2])
redis.call('HDEL', KEYS[1], 'touchSlack')
redis.call('ZADD', KEYS[2], now, ARGV[1])
return 1
