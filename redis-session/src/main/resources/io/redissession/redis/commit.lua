-- Writes a new session, or the changes of a request to an existing one, atomically.
-- Never recreates a session that was deleted or expired: an update of a missing session writes nothing.
-- KEYS[1]  the session hash
-- KEYS[2]  (only when the id changed) the hash under the previous id, same hash tag as KEYS[1]
-- ARGV[1]  'create' or 'update'
-- ARGV[2]  now, epoch milliseconds (creation and last access of a new session)
-- ARGV[3]  timeout in seconds, or '' when unchanged
-- ARGV[4]  n, the number of fields to set, followed by n field/value pairs, then the fields to delete
-- Returns 'SAVED', 'GONE' (no such session) or 'ID_TAKEN' (the new id is in use).
local key = KEYS[1]
if ARGV[1] == 'create' then
  if redis.call('EXISTS', key) == 1 then
    return 'ID_TAKEN'
  end
  redis.call('HSET', key, 'created', ARGV[2], 'lastAccessed', ARGV[2], 'maxInactiveInterval', ARGV[3])
elseif KEYS[2] then
  if redis.call('EXISTS', KEYS[2]) == 0 then
    return 'GONE'
  end
  if redis.call('EXISTS', key) == 1 then
    return 'ID_TAKEN'
  end
  redis.call('RENAME', KEYS[2], key)
elseif redis.call('EXISTS', key) == 0 then
  return 'GONE'
end
if ARGV[1] ~= 'create' and ARGV[3] ~= '' then
  redis.call('HSET', key, 'maxInactiveInterval', ARGV[3])
end
local n = tonumber(ARGV[4])
local batch = {}
for i = 5, 4 + 2 * n do
  batch[#batch + 1] = ARGV[i]
  if #batch == 200 then
    redis.call('HSET', key, unpack(batch))
    batch = {}
  end
end
if #batch > 0 then
  redis.call('HSET', key, unpack(batch))
  batch = {}
end
for i = 5 + 2 * n, #ARGV do
  batch[#batch + 1] = ARGV[i]
  if #batch == 200 then
    redis.call('HDEL', key, unpack(batch))
    batch = {}
  end
end
if #batch > 0 then
  redis.call('HDEL', key, unpack(batch))
end
local maxInactive = tonumber(redis.call('HGET', key, 'maxInactiveInterval'))
if maxInactive and maxInactive > 0 then
  redis.call('PEXPIRE', key, maxInactive * 1000)
elseif maxInactive then
  redis.call('PERSIST', key)
end
return 'SAVED'
