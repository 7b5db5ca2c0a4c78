-- Destroys a session: deletes its hash and its expiry index entry and publishes a 'destroyed' notice, atomically.
-- KEYS[1]  the session hash
-- KEYS[2]  the expiry index shard of the session (same hash tag)
-- ARGV[1]  the session id
-- ARGV[2]  the notice channel
-- ARGV[3]  the name of this node
-- ARGV[4]  'invalidated', or 'expired' to finish the delivery of an expiry this node claimed (claim-expired.lua)
-- Invalidated: returns the hash (field, value, ...) when this call destroyed the session, nil when it was already
-- gone or a node is delivering its expiry. Expired: returns {'DONE'}, or nil when the claim was no longer this
-- node's.
local key, index, id = KEYS[1], KEYS[2], ARGV[1]
local result
if ARGV[4] == 'expired' then
  if redis.call('HGET', key, 'destroyingBy') ~= ARGV[3] then
    return false
  end
  result = {'DONE'}
else
  result = redis.call('HGETALL', key)
  if #result == 0 then
    redis.call('ZREM', index, id)
    return false
  end
  for i = 1, #result, 2 do
    if result[i] == 'destroyingBy' then
      return false
    end
  end
end
redis.call('DEL', key)
redis.call('ZREM', index, id)
redis.call('PUBLISH', ARGV[2], 'destroyed ' .. id .. ' ' .. ARGV[4] .. ' ' .. ARGV[3])
return result
