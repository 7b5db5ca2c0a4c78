-- Writes a new session atomically: its hash, its expiry and its entry in the expiry index. Refuses an id that names
-- a stored session or the marker a login policy or forced logout left for it. Straight-line on purpose: a creation
-- is the one write whose Redis cost Spring Session's plain commands come close to (docs/benchmarks.md).
-- KEYS and ARGV as commit.lua's, with ARGV[1] 'create' or 'create+read'. For a new session ARGV[3] is its timeout,
-- ARGV[12] its touch slack, ARGV[6] and ARGV[11] are '' and ARGV[9] is 'set' or ''; the attribute names to delete
-- after the large attributes are ignored (a new session has none).
-- Returns 'SAVED' (with '+read': {'SAVED', field, value, ...}, the hash as written), 'ID_TAKEN' or 'LOGGED_OUT'.
local key, index, large = KEYS[1], KEYS[2], KEYS[3]
if redis.call('EXISTS', key) == 1 then
  if redis.call('HEXISTS', key, 'loggedOut') == 1 then
    return 'LOGGED_OUT'
  end
  return 'ID_TAKEN'
end
local sets = {'created', ARGV[2], 'lastAccessed', ARGV[2], 'maxInactiveInterval', ARGV[3], 'touchSlack', ARGV[12]}
if ARGV[9] == 'set' then
  sets[9], sets[10] = 'user', ARGV[10]
end
local i = 14
for _ = 1, tonumber(ARGV[13]) do
  sets[#sets + 1], sets[#sets + 2] = ARGV[i], ARGV[i + 1]
  i = i + 2
end
local largeSets = {}
for _ = 1, tonumber(ARGV[i]) do
  largeSets[#largeSets + 1], largeSets[#largeSets + 2] = ARGV[i + 1], ARGV[i + 4]
  sets[#sets + 1], sets[#sets + 2] = ARGV[i + 2], tostring(#ARGV[i + 4]) .. ARGV[i + 3]
  i = i + 4
end
-- HSET in batches of at most 200 arguments (unpack's stack limit)
for from = 1, #sets, 200 do
  redis.call('HSET', key, unpack(sets, from, math.min(from + 199, #sets)))
end
for from = 1, #largeSets, 200 do
  redis.call('HSET', large, unpack(largeSets, from, math.min(from + 199, #largeSets)))
end
local max = tonumber(ARGV[3])
if max > 0 then
  redis.call('PEXPIRE', key, ARGV[4])
  if #largeSets > 0 then
    redis.call('PEXPIRE', large, ARGV[4])
  end
  redis.call('ZADD', index, tonumber(ARGV[2]) + max * 1000 + tonumber(ARGV[12]), ARGV[5])
else
  -- kept in the index, never due, so that the index counts every session
  redis.call('ZADD', index, 'inf', ARGV[5])
end
if ARGV[1] == 'create+read' then
  redis.call('HINCRBY', key, 'stamp', 1)
  local hash = redis.call('HGETALL', key)
  table.insert(hash, 1, 'SAVED')
  return hash
end
return 'SAVED'
