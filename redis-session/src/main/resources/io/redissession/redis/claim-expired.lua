-- Claims the delivery of a session's expiry, so that exactly one node fires its destroy event; also repairs the
-- session's entry in the expiry index, whose score may be earlier than the deadline (accesses do not update it).
-- KEYS[1]  the session hash
-- KEYS[2]  the expiry index shard of the session (same hash tag)
-- KEYS[3]  the session's large-values hash (same hash tag)
-- ARGV[1]  the session id
-- ARGV[2]  the claim's lease, milliseconds: if the node does not finish by then (it died), another node may claim
-- ARGV[3]  the name of this node
-- ARGV[4]  retention: milliseconds the data is kept past the lease
-- ARGV[5]  '1' when this node sends again a claim whose reply it lost (a failover cut the connection): a claim this
--          node already holds is then renewed and returned as CLAIMED, since its event was not delivered; absent or
--          '0' otherwise
-- Returns {'CLAIMED', field, value, ...} with the session's hash, then the fields of its large-values hash; {'LIVE'} (not past its deadline, or never
-- expires); {'BUSY'} (another node holds the claim); {'GONE'} (no such session); {'CORRUPT'} (unreadable
-- metadata: the hash is left for inspection until its TTL). Only CLAIMED and BUSY keep the index entry.
local key, index, id = KEYS[1], KEYS[2], ARGV[1]
local fields = redis.call('HGETALL', key)
if #fields == 0 then
  redis.call('ZREM', index, id)
  return {'GONE'}
end
local last, max, claimedUntil, claimedBy
local slack = 0
for i = 1, #fields, 2 do
  local name = fields[i]
  if name == 'lastAccessed' then
    last = tonumber(fields[i + 1])
  elseif name == 'maxInactiveInterval' then
    max = tonumber(fields[i + 1])
  elseif name == 'touchSlack' then
    slack = tonumber(fields[i + 1]) or 0
  elseif name == 'destroyingUntil' then
    claimedUntil = tonumber(fields[i + 1])
  elseif name == 'destroyingBy' then
    claimedBy = fields[i + 1]
  end
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local ours = ARGV[5] == '1' and claimedBy == ARGV[3]
if claimedUntil and claimedUntil > now and not ours then
  redis.call('ZADD', index, claimedUntil, id)
  return {'BUSY'}
end
if not last or not max then
  redis.call('ZREM', index, id)
  return {'CORRUPT'}
end
if max <= 0 then
  redis.call('ZADD', index, 'inf', id)
  return {'LIVE'}
end
if last + max * 1000 + slack > now then
  redis.call('ZADD', index, last + max * 1000 + slack, id)
  return {'LIVE'}
end
local lease = tonumber(ARGV[2])
redis.call('HSET', key, 'destroyingBy', ARGV[3], 'destroyingUntil', now + lease)
redis.call('ZADD', index, now + lease, id)
redis.call('PEXPIRE', key, lease + tonumber(ARGV[4]))
redis.call('PEXPIRE', KEYS[3], lease + tonumber(ARGV[4]))
table.insert(fields, 1, 'CLAIMED')
local largeValues = redis.call('HGETALL', KEYS[3])
for i = 1, #largeValues do
  fields[#fields + 1] = largeValues[i]
end
return fields
