-- Takes or renews the namespace's sweep lease: the one node that holds it reads the expiry index and claims due
-- sessions; the others only come back when the lease may have lapsed, so that the sweep's Redis load does not grow
-- with the number of nodes.
-- KEYS[1]  the lease key
-- ARGV[1]  the name of this node
-- ARGV[2]  the lease, milliseconds
-- ARGV[3]  'release' to give the lease up (only if this node holds it), else ''
-- Returns -1 when this node holds the lease (taken or renewed; or released), else the milliseconds left of the
-- holder's lease.
local holder = redis.call('GET', KEYS[1])
if ARGV[3] == 'release' then
  if holder == ARGV[1] then
    redis.call('DEL', KEYS[1])
  end
  return -1
end
if holder and holder ~= ARGV[1] then
  return redis.call('PTTL', KEYS[1])
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return -1
