-- Writes the changes of a request to an existing session atomically, and keeps the session's entry in the expiry
-- index right. Never recreates a session that was deleted, that is past its deadline or whose expiry a node is
-- delivering: an update of such a session writes nothing. A new session is written by create.lua, which takes the
-- same keys and arguments.
-- KEYS[1]  the session hash
-- KEYS[2]  the expiry index shard of the session (same hash tag)
-- KEYS[3]  the session's large-values hash (same hash tag)
-- KEYS[4]  (only when the id changed) the hash under the previous id, and KEYS[5] its large-values hash
-- ARGV[1]  'update' ('create' for create.lua); with the suffix '+read' (a near cache's connection, NOLOOP), a
--          successful commit also counts the write in the field 'stamp' and returns {'SAVED', field, value, ...}: the
--          session hash as written, whose read also keeps the caller tracking the key
-- ARGV[2]  creation time of the session, epoch milliseconds (for create.lua also its first access)
-- ARGV[3]  timeout in seconds, or '' when unchanged
-- ARGV[4]  with a positive timeout in ARGV[3], its expiry in milliseconds: the timeout plus its slack (ARGV[12]) plus
--          the retention (how long an expired session's data is kept past its deadline for its destroy event); else ''
-- ARGV[5]  the session id
-- ARGV[6]  the previous id when it changed, else ''
-- ARGV[7]  the notice channel
-- ARGV[8]  the name of the node, for notices
-- ARGV[9]  the user: 'set' (to ARGV[10]), 'clear', or '' when unchanged
-- ARGV[10] the new user with 'set', else ''
-- ARGV[11] the user the caller knows the session to have ('' for none): with a user change or a changed id, nothing
--          is written unless the stored user is this one, so that the caller keeps the index of users' sessions exact
-- ARGV[12] with a timeout in ARGV[3], its touchSlack in milliseconds (accesses within it of the stored one are not
--          recorded, so the deadline is that much later); else ''
-- ARGV[13] n, the number of attributes to set in the session hash, followed by n field/value pairs (attr:<name>);
--          then m, the number of large attributes, followed by m quadruples (attr:<name>, large:<name>, mark, value):
--          the value goes to the large-values hash, and large:<name> = the value's size followed by the mark (''
--          or ';binding' for an HttpSessionBindingListener) to the session hash; then the attribute names to delete
-- Returns 'SAVED', 'GONE' (no usable session), 'ID_TAKEN' (the new id is in use) or 'USER_CHANGED' (the stored user
-- is not ARGV[11]).
local key, index, large = KEYS[1], KEYS[2], KEYS[3]
local reread = ARGV[1] == 'update+read'
local previous, previousLarge = KEYS[4], KEYS[5]

-- The server's time in milliseconds; asked only when needed.
local function now()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end

-- A session is usable when its hash has metadata, no node is destroying it and it is not past its deadline.
-- Returns whether it is, then its lastAccessed, maxInactiveInterval and touchSlack.
local function usable(hash)
  local meta = redis.call('HMGET', hash, 'lastAccessed', 'maxInactiveInterval', 'destroyingBy', 'touchSlack')
  local last, max, slack = tonumber(meta[1]), tonumber(meta[2]), tonumber(meta[4]) or 0
  if meta[3] or not (meta[1] or meta[2]) or (last and max and max > 0 and last + max * 1000 + slack <= now()) then
    return false
  end
  return true, last, max, slack
end

local ok, last, max, slack = usable(previous or key)
if not ok then
  return 'GONE'
end
if (ARGV[9] ~= '' or previous) and (redis.call('HGET', previous or key, 'user') or '') ~= ARGV[11] then
  return 'USER_CHANGED'
end
if previous then
  if redis.call('EXISTS', key) == 1 then
    return 'ID_TAKEN'
  end
  redis.call('RENAME', previous, key)
  if redis.call('EXISTS', previousLarge) == 1 then
    redis.call('RENAME', previousLarge, large)
  end
  redis.call('ZREM', index, ARGV[6])
  redis.call('PUBLISH', ARGV[7], 'id-changed ' .. ARGV[6] .. ' ' .. ARGV[5] .. ' ' .. ARGV[8])
end
if ARGV[3] ~= '' then
  redis.call('HSET', key, 'maxInactiveInterval', ARGV[3], 'touchSlack', ARGV[12])
end
if ARGV[9] == 'set' then
  redis.call('HSET', key, 'user', ARGV[10])
elseif ARGV[9] == 'clear' then
  redis.call('HDEL', key, 'user')
end
-- field/value pairs for the session hash, written in one HSET
local sets = {}
if ARGV[3] ~= '' then
  max = tonumber(ARGV[3])
  slack = tonumber(ARGV[12])
end
-- Sends HSET or HDEL to a hash in batches of at most 200 arguments.
local function batched(command, hash, items)
  for from = 1, #items, 200 do
    redis.call(command, hash, unpack(items, from, math.min(from + 199, #items)))
  end
end
-- Attributes at or under the size threshold live in the session hash (attr:<name>); larger ones in the
-- large-values hash, with large:<name> in the session hash. Moving an attribute between the two, or removing it,
-- clears it from the other place; only a session that has a large-values hash can have anything there.
local hasLarge = redis.call('EXISTS', large) == 1
local deletes, largeSets, largeDeletes = {}, {}, {}
local n = tonumber(ARGV[13])
local i = 14
for _ = 1, n do
  sets[#sets + 1] = ARGV[i]
  sets[#sets + 1] = ARGV[i + 1]
  if hasLarge then
    deletes[#deletes + 1] = 'large:' .. string.sub(ARGV[i], 6)
    largeDeletes[#largeDeletes + 1] = ARGV[i]
  end
  i = i + 2
end
local m = tonumber(ARGV[i])
i = i + 1
for _ = 1, m do
  largeSets[#largeSets + 1] = ARGV[i]
  largeSets[#largeSets + 1] = ARGV[i + 3]
  sets[#sets + 1] = ARGV[i + 1]
  sets[#sets + 1] = tostring(#ARGV[i + 3]) .. ARGV[i + 2]
  deletes[#deletes + 1] = ARGV[i]
  i = i + 4
end
for j = i, #ARGV do
  deletes[#deletes + 1] = 'attr:' .. ARGV[j]
  if hasLarge then
    deletes[#deletes + 1] = 'large:' .. ARGV[j]
    largeDeletes[#largeDeletes + 1] = 'attr:' .. ARGV[j]
  end
end
batched('HDEL', key, deletes)
batched('HSET', key, sets)
batched('HDEL', large, largeDeletes)
batched('HSET', large, largeSets)
hasLarge = hasLarge or m > 0
-- Under an unchanged timeout the expiry stays as the last recorded access (touch.lua) or creation set it (RENAME
-- keeps it too). The expiry comes as text: numbers handed to redis.call are formatted at a cost.
if previous or ARGV[3] ~= '' then
  if max and max > 0 then
    if ARGV[3] ~= '' then
      redis.call('PEXPIRE', key, ARGV[4])
    end
    redis.call('ZADD', index, (last or now()) + max * 1000 + (slack or 0), ARGV[5])
  elseif max then
    -- kept in the index, never due, so that the index counts every session
    redis.call('PERSIST', key)
    redis.call('ZADD', index, 'inf', ARGV[5])
  end
end
-- The large-values hash lives and dies with the session: same TTL.
if hasLarge and (m > 0 or previous or ARGV[3] ~= '') then
  local ttl = redis.call('PTTL', key)
  if ttl > 0 then
    redis.call('PEXPIRE', large, ttl)
  else
    redis.call('PERSIST', large)
  end
end
if reread then
  redis.call('HINCRBY', key, 'stamp', 1)
  local hash = redis.call('HGETALL', key)
  table.insert(hash, 1, 'SAVED')
  return hash
end
return 'SAVED'
