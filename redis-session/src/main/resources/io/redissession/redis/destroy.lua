-- Destroys a session: deletes its hash and its expiry index entry and publishes a 'destroyed' notice, atomically.
-- KEYS[1]  the session hash
-- KEYS[2]  the expiry index shard of the session (same hash tag)
-- KEYS[3]  the session's large-values hash (same hash tag), deleted with it
-- KEYS[4]  not for 'expired': the key of the destroyed copy of the session hash, named after a token of this call
--          (same hash tag). A caller whose reply is lost (a master killed under it) reads it once Redis answers again:
--          it exists if and only if this call destroyed the session, and holds the fields the reply would have had.
-- KEYS[5]  not for 'expired': the key of the destroyed copy of the large-values hash, likewise
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
-- ARGV[7]  not for 'expired': milliseconds to keep the destroyed copies
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
  redis.call('PEXPIRE', KEYS[4], ARGV[7])
  if #largeValues > 0 then
    redis.call('RENAME', KEYS[3], KEYS[5])
    redis.call('PEXPIRE', KEYS[5], ARGV[7])
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
