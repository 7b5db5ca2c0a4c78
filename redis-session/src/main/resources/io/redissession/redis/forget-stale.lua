-- Removes entries of a user's session index that were found stale, unless they changed since: an entry whose score
-- is no longer the one read was written again by a login meanwhile and stays.
-- KEYS[1]  the user's index
-- ARGV     pairs of session id and the score read with it
-- Returns how many entries were removed.
local removed = 0
for i = 1, #ARGV, 2 do
  local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if score and tonumber(score) == tonumber(ARGV[i + 1]) then
    redis.call('ZREM', KEYS[1], ARGV[i])
    removed = removed + 1
  end
end
return removed
