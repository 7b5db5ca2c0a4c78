package io.redissession.metrics;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Binds {@link MicrometerMeters} when the web app has Micrometer on its class path, without this class referring
 * to any Micrometer type: a web app without Micrometer never loads one.
 */
public final class MicrometerSupport {

    private static final Logger LOG = Logger.getLogger(MicrometerSupport.class.getName());

    private MicrometerSupport() {
    }

    /**
     * @param metrics the filter's metrics; not {@code null}
     * @return the bound meters, to close when the filter stops; {@code null} when the web app has no Micrometer
     */
    public static AutoCloseable bindIfPresent(SessionMetrics metrics) {
        ClassLoader own = MicrometerSupport.class.getClassLoader();
        try {
            Class.forName("io.micrometer.core.instrument.Metrics", false, own);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        try {
            return (AutoCloseable) Class.forName(MicrometerSupport.class.getPackageName() + ".MicrometerMeters", true,
                    own).getConstructor(SessionMetrics.class).newInstance(metrics);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.log(Level.WARNING, "Micrometer is present but the session meters could not be bound", e);
            return null;
        }
    }
}
