package io.redissession.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.PartitionException;
import io.redissession.SessionStoreUnavailableException;

import javax.net.ssl.SSLException;

import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Set;

/**
 * Sorts the failures of a Redis call into those a failover explains, which are worth waiting out, and the others;
 * and, among the first, those that prove the command did not run, which may be sent again whatever it does.
 */
final class RedisFailures {

    /** What a failure says about the command that met it. */
    enum Kind {
        /** Redis is unreachable, failing over or not serving yet, and the command surely did not run. */
        NOT_RUN,
        /** Redis is unreachable or failing over, and the command may have run (its reply was lost). */
        MAYBE_RUN,
        /** Anything else: an error of the command itself, a bad setting, an interrupt. */
        OTHER
    }

    /**
     * Error codes Redis answers, before running a command, while it cannot serve writes of that key yet: a Cluster
     * without a master for the slot, a replica being promoted or demoted, a server still loading its data.
     */
    private static final Set<String> NOT_SERVING = Set.of("CLUSTERDOWN", "LOADING", "READONLY", "MASTERDOWN",
            "TRYAGAIN", "MOVED", "ASK");

    /** Error codes of refused credentials or permissions. */
    private static final Set<String> MISCONFIGURED = Set.of("WRONGPASS", "NOAUTH", "NOPERM");

    /** Lettuce's message for a command refused while the connection is down: it was never written. */
    private static final String NOT_CONNECTED = "currently not connected";

    private RedisFailures() {
    }

    static Kind classify(Throwable failure) {
        if (isMisconfiguration(failure)) {
            return Kind.OTHER;
        }
        if (failure instanceof OutcomeUnknownException) {
            return Kind.MAYBE_RUN;
        }
        if (failure instanceof SessionStoreUnavailableException) {
            // thrown by the connector before any command was sent
            return Kind.NOT_RUN;
        }
        if (failure instanceof RedisCommandExecutionException) {
            return NOT_SERVING.contains(errorCode(failure.getMessage())) ? Kind.NOT_RUN : Kind.OTHER;
        }
        if (failure instanceof RedisCommandInterruptedException) {
            return Kind.OTHER;
        }
        if (failure instanceof RedisConnectionException || failure instanceof PartitionException) {
            return Kind.NOT_RUN;
        }
        if (failure instanceof RedisCommandTimeoutException) {
            return Kind.MAYBE_RUN;
        }
        if (failure instanceof RedisException) {
            String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
            return message.startsWith(NOT_CONNECTED) ? Kind.NOT_RUN : Kind.MAYBE_RUN;
        }
        return Kind.OTHER;
    }

    /**
     * @return whether a failure, or one of its causes, is a refused TLS handshake or credentials: waiting does not
     *         mend those
     */
    private static boolean isMisconfiguration(Throwable failure) {
        return isMisconfiguration(failure, 0);
    }

    /** Looks through causes and suppressed exceptions (a Cluster or Sentinel client keeps one per node). */
    private static boolean isMisconfiguration(Throwable failure, int depth) {
        if (failure == null || depth > 8) {
            return false;
        }
        if (failure instanceof SSLException || failure instanceof CertificateException) {
            return true;
        }
        if (failure instanceof RedisCommandExecutionException
                && MISCONFIGURED.contains(errorCode(failure.getMessage()))) {
            return true;
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            if (isMisconfiguration(suppressed, depth + 1)) {
                return true;
            }
        }
        return failure.getCause() != failure && isMisconfiguration(failure.getCause(), depth + 1);
    }

    /** @return whether a failure means the server reached is a replica (it was demoted, or not yet promoted) */
    static boolean isReadOnlyReplica(Throwable failure) {
        return failure instanceof RedisCommandExecutionException && "READONLY".equals(errorCode(failure.getMessage()));
    }

    /** @return the error code of a Redis error reply, as in {@code "CLUSTERDOWN The cluster is down"} */
    static String errorCode(String message) {
        if (message == null) {
            return "";
        }
        String text = message.strip();
        int space = text.indexOf(' ');
        return space < 0 ? text : text.substring(0, space);
    }

    /** A change ran on the master, but that it reached the replicas it had to reach is not confirmed. */
    static final class OutcomeUnknownException extends RedisException {

        private static final long serialVersionUID = 1L;

        OutcomeUnknownException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
