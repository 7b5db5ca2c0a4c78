package io.redissession.it;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reads and calls the {@code io.redissession:type=Sessions} MBeans of the filters running in this JVM. */
final class SessionsMBeans {

    static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    private SessionsMBeans() {
    }

    /** @return a user's sessions, through the JMX operation of one node of the namespace */
    static List<String> sessionsOf(String namespace, String user) throws Exception {
        String[] ids = (String[]) JMX.invoke(anyMBean(namespace), "sessionsOf", new Object[] {user},
                new String[] {String.class.getName()});
        return List.of(ids);
    }

    /** Runs {@code repairUserIndexes} on one node of the namespace. */
    static int repairUserIndexes(String namespace) throws Exception {
        return (Integer) JMX.invoke(anyMBean(namespace), "repairUserIndexes", new Object[0], new String[0]);
    }

    static ObjectName anyMBean(String namespace) throws Exception {
        return JMX.queryNames(pattern(namespace), null).iterator().next();
    }

    /** @return the sum of one attribute over the MBeans of the namespace, of which there must be {@code nodes} */
    static long sum(String namespace, String attribute, int nodes) throws Exception {
        long total = 0;
        Set<ObjectName> names = JMX.queryNames(pattern(namespace), null);
        assertEquals(nodes, names.size(), "one MBean per node: " + names);
        for (ObjectName name : names) {
            total += ((Number) JMX.getAttribute(name, attribute)).longValue();
        }
        return total;
    }

    static ObjectName pattern(String namespace) throws Exception {
        return new ObjectName("io.redissession:type=Sessions,namespace=" + ObjectName.quote(namespace) + ",*");
    }
}
