-- Admits a login of a session into the index of its user's sessions, under the user's session limit, atomically:
-- concurrent logins of one user on any number of nodes never leave more entries than the limit allows to stay.
-- KEYS[1]  the user's index: a sorted set of session ids scored by login time (ms, made unique and increasing)
-- ARGV[1]  the session id
-- ARGV[2]  the most sessions the user may hold; 0 for no limit
-- ARGV[3]  'expire-oldest' or 'reject-new'
-- Returns {'REFUSED'} (reject-new at the limit; nothing written), or {'ADMITTED', id, ...} with the ids of the
-- oldest sessions the caller must now end (expire-oldest over the limit); they stay in the index until the caller
-- has ended them, so that a concurrent login counts them too and picks the same ones.
local index, id, max = KEYS[1], ARGV[1], tonumber(ARGV[2])
local known = redis.call('ZSCORE', index, id)
if max > 0 and not known and ARGV[3] == 'reject-new' and redis.call('ZCARD', index) >= max then
  return {'REFUSED'}
end
local time = redis.call('TIME')
local score = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local newest = redis.call('ZRANGE', index, -1, -1, 'WITHSCORES')
if newest[2] and tonumber(newest[2]) >= score then
  score = tonumber(newest[2]) + 1
end
redis.call('ZADD', index, score, id)
local result = {'ADMITTED'}
if max > 0 and ARGV[3] == 'expire-oldest' then
  local count = redis.call('ZCARD', index)
  if count > max then
    local older = redis.call('ZRANGE', index, 0, count - max - 1)
    for i = 1, #older do
      result[#result + 1] = older[i]
    end
  end
end
return result
