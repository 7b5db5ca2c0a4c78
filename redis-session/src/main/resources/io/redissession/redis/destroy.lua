-- Destroys a session: deletes its hash and its expiry index entry and publishes a 'destroyed' notice, atomically.
-- KEYS[1]  the session hash
-- KEYS[2]  the expiry index shard of the session (same hash tag)
-- KEYS[3]  the session's large-values hash (same hash tag), deleted with it
-- ARGV[1]  the session id
-- ARGV[2]  the notice channel
-- ARGV[3]  the name of this node
-- ARGV[4]  'invalidated'; 'logged-out' (a login policy) or 'forced-logout'; or 'expired' to finish the delivery of
--          an expiry this node claimed (claim-expired.lua)
-- ARGV[5]  for 'logged-out' and 'forced-logout': milliseconds to keep the marker hash {loggedOut = reason} under the
--          key, written even when there is no session yet: the next load reports it once, and a creation that was
--          under way with this id finds the key taken
-- ARGV[6]  for 'expired': the reason the notice gives when the operator tool ended the session ('invalidated' or
--          'forced-logout', from its field 'endedBy'); empty or absent for a timeout
-- Invalidated or logged out: returns the hash (field, value, ...), followed by the large-values hash's fields (all
-- attr:<name>), when this call destroyed the session, nil when it
-- was already gone or a node is delivering its expiry. Expired: returns {'DONE'}, or nil when the claim was no
-- longer this node's.
local key, index, id = KEYS[1], KEYS[2], ARGV[1]
local logout = ARGV[4] == 'logged-out' or ARGV[4] == 'forced-logout'
local result
if ARGV[4] == 'expired' then
  if redis.call('HGET', key, 'destroyingBy') ~= ARGV[3] then
    return false
  end
  result = {'DONE'}
else
  result = redis.call('HGETALL', key)
  for i = 1, #result, 2 do
    if result[i] == 'destroyingBy' or result[i] == 'loggedOut' then
      return false
    end
  end
  if #result == 0 then
    redis.call('ZREM', index, id)
    if logout then
      redis.call('HSET', key, 'loggedOut', ARGV[4])
      redis.call('PEXPIRE', key, ARGV[5])
    end
    return false
  end
end
if ARGV[4] ~= 'expired' then
  local largeValues = redis.call('HGETALL', KEYS[3])
  for i = 1, #largeValues do
    result[#result + 1] = largeValues[i]
  end
end
redis.call('DEL', key, KEYS[3])
redis.call('ZREM', index, id)
if logout then
  redis.call('HSET', key, 'loggedOut', ARGV[4])
  redis.call('PEXPIRE', key, ARGV[5])
end
local reason = ARGV[4]
if reason == 'expired' and ARGV[6] and ARGV[6] ~= '' then
  reason = ARGV[6]
end
redis.call('PUBLISH', ARGV[2], 'destroyed ' .. id .. ' ' .. reason .. ' ' .. ARGV[3])
return result
