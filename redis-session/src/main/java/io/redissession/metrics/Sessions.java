package io.redissession.metrics;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** The {@link SessionsMBean} of one filter; {@link #register} puts it on the platform MBean server. */
public final class Sessions implements SessionsMBean {

    private static final Logger LOG = Logger.getLogger(Sessions.class.getName());

    private final SessionMetrics metrics;
    private final SessionOperations operations;

    /**
     * @param metrics what the filter measured; not {@code null}
     * @param operations what an operator may do; not {@code null}
     */
    public Sessions(SessionMetrics metrics, SessionOperations operations) {
        this.metrics = metrics;
        this.operations = operations;
    }

    /**
     * Registers this MBean on the platform MBean server as {@code io.redissession:type=Sessions,namespace=...};
     * when that name is taken (two filters of one namespace in one JVM), with {@code ,context=...}, then also
     * {@code ,node=...} added. Web apps that start in parallel (Open Liberty starts them so) each take the first
     * name still free at the moment they register. Logs and gives up if it cannot be registered.
     *
     * @param contextPath the web app's context path
     * @param node the filter's node name
     * @return the name it was registered under, or {@code null}
     */
    public ObjectName register(String contextPath, String node) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        String base = "io.redissession:type=Sessions,namespace=" + ObjectName.quote(metrics.namespace());
        String context = ",context=" + ObjectName.quote(contextPath.isEmpty() ? "/" : contextPath);
        List<String> names = List.of(base, base + context, base + context + ",node=" + ObjectName.quote(node));
        JMException last = null;
        for (String candidate : names) {
            try {
                ObjectName name = new ObjectName(candidate);
                server.registerMBean(this, name);
                return name;
            } catch (InstanceAlreadyExistsException taken) {
                last = taken;
            } catch (JMException | RuntimeException e) {
                LOG.log(Level.WARNING, "The JMX view of namespace " + metrics.namespace() + " could not be registered",
                        e);
                return null;
            }
        }
        LOG.log(Level.WARNING, "The JMX view of namespace " + metrics.namespace() + " could not be registered: "
                + "every name it may take is taken", last);
        return null;
    }

    /** @param name a name {@link #register} returned, or {@code null} */
    public static void unregister(ObjectName name) {
        if (name == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException e) {
            LOG.log(Level.FINE, "Unregistering " + name + " failed", e);
        }
    }

    @Override
    public long getActiveSessions() {
        return metrics.activeSessions();
    }

    @Override
    public long getSessionsCreated() {
        return metrics.createdCount();
    }

    @Override
    public long getSessionsInvalidated() {
        return metrics.destroyedCount(SessionMetrics.DestroyReason.INVALIDATED);
    }

    @Override
    public long getSessionsExpired() {
        return metrics.destroyedCount(SessionMetrics.DestroyReason.EXPIRED);
    }

    @Override
    public long getSessionsLoggedOutByPolicy() {
        return metrics.destroyedCount(SessionMetrics.DestroyReason.LOGGED_OUT);
    }

    @Override
    public long getSessionsForcedLogout() {
        return metrics.destroyedCount(SessionMetrics.DestroyReason.FORCED_LOGOUT);
    }

    @Override
    public long getLogins() {
        return metrics.logins();
    }

    @Override
    public long getLoginsRefused() {
        return metrics.loginsRefused();
    }

    @Override
    public long getSessionSizeCount() {
        return metrics.sessionBytes().count();
    }

    @Override
    public double getSessionSizeMeanBytes() {
        return metrics.sessionBytes().mean();
    }

    @Override
    public long getSessionSizeP99Bytes() {
        return metrics.sessionBytes().quantile(0.99);
    }

    @Override
    public long getSessionSizeMaxBytes() {
        return metrics.sessionBytes().max();
    }

    @Override
    public Map<String, Long> getBiggestAttributes() {
        return metrics.biggestAttributes(10);
    }

    @Override
    public long getRedisCalls() {
        return metrics.redisMicros().count();
    }

    @Override
    public long getRedisErrors() {
        return metrics.redisErrors();
    }

    @Override
    public double getRedisLatencyMeanMicros() {
        return metrics.redisMicros().mean();
    }

    @Override
    public long getRedisLatencyP99Micros() {
        return metrics.redisMicros().quantile(0.99);
    }

    @Override
    public long getRedisLatencyMaxMicros() {
        return metrics.redisMicros().max();
    }

    @Override
    public long getExpiryLatenessCount() {
        return metrics.expiryLatenessMillis().count();
    }

    @Override
    public double getExpiryLatenessMeanMillis() {
        return metrics.expiryLatenessMillis().mean();
    }

    @Override
    public long getExpiryLatenessMaxMillis() {
        return metrics.expiryLatenessMillis().max();
    }

    @Override
    public long getNearCacheHits() {
        return metrics.nearCache().hits();
    }

    @Override
    public long getNearCacheMisses() {
        return metrics.nearCache().misses();
    }

    @Override
    public long getNearCacheInvalidations() {
        return metrics.nearCache().invalidations();
    }

    @Override
    public long getNearCacheEvictions() {
        return metrics.nearCache().evictions();
    }

    @Override
    public long getNearCacheFlushes() {
        return metrics.nearCache().flushes();
    }

    @Override
    public long getNearCacheEntries() {
        return metrics.nearCache().entries();
    }

    @Override
    public long getNearCacheBytes() {
        return metrics.nearCache().bytes();
    }

    @Override
    public int logout(String user) {
        return operations.logout(user);
    }

    @Override
    public boolean invalidate(String id) {
        return operations.invalidate(id);
    }

    @Override
    public int repairUserIndexes() {
        return operations.repairUserIndexes();
    }

    @Override
    public String[] sessionsOf(String user) {
        return operations.sessionsOf(user).toArray(new String[0]);
    }
}
