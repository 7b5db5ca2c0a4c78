-- Destroys a session: deletes its hash and its expiry index entry and publishes a 'destroyed' notice, atomically.
-- KEYS[1]  the session hash
-- KEYS[2]  the expiry index shard of the session (same hash tag)
-- KEYS[3]  the session's large-values hash (same hash tag), deleted with it
-- KEYS[4]  the destroyed copy of the session hash (same hash tag); not used for 'expired'
-- KEYS[5]  the destroyed copy of the large-values hash (same hash tag); not used for 'expired'
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
-- ARGV[7]  not for 'expired': a token of this call, kept in the destroyed copy as field 'destroyedFor'
-- ARGV[8]  not for 'expired': milliseconds to keep the destroyed copy. A caller whose reply is lost (a master killed
--          under it) reads the copy once Redis answers again: its token there proves this call destroyed the
--          session, and the copy gives the fields the reply would have carried.
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
if ARGV[4] == 'expired' then
  redis.call('DEL', key, KEYS[3])
else
  local largeValues = redis.call('HGETALL', KEYS[3])
  for i = 1, #largeValues do
    result[#result + 1] = largeValues[i]
  end
  redis.call('RENAME', key, KEYS[4])
  redis.call('HSET', KEYS[4], 'destroyedFor', ARGV[7])
  redis.call('PEXPIRE', KEYS[4], ARGV[8])
  if #largeValues > 0 then
    redis.call('RENAME', KEYS[3], KEYS[5])
    redis.call('PEXPIRE', KEYS[5], ARGV[8])
  end
end
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
