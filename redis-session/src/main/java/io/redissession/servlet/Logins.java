package io.redissession.servlet;

import io.redissession.config.LoginSettings;
import io.redissession.metrics.SessionMetrics;
import io.redissession.metrics.SessionOperations;
import io.redissession.session.EndReason;
import io.redissession.session.LoginAdmission;
import io.redissession.session.SessionIds;
import io.redissession.session.SessionRepository;
import io.redissession.session.StoredSession;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Login control for one filter: admits logins under the user's session limit, ends the sessions the
 * {@code expire-oldest} policy or a forced logout ends (their destroy events fire here, once), and lists a user's
 * sessions. The operations behind {@link RedisSessions} and the JMX view.
 */
final class Logins implements SessionOperations {

    private static final Logger LOG = Logger.getLogger(Logins.class.getName());

    private final SessionRepository repository;
    private final LoginSettings settings;
    private final SessionMetrics metrics;
    private volatile Consumer<StoredSession> destroyedEvents = session -> { };

    Logins(SessionRepository repository, LoginSettings settings, SessionMetrics metrics) {
        this.repository = repository;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** @param events fires a session's destroy events on this node, under the web app's class loader */
    void destroyedEvents(Consumer<StoredSession> events) {
        this.destroyedEvents = Objects.requireNonNull(events, "events");
    }

    LoginSettings settings() {
        return settings;
    }

    SessionMetrics metrics() {
        return metrics;
    }

    /**
     * @param user the user; not {@code null}
     * @param id the session's current id; not {@code null}
     * @return the admission; a refusal is counted
     */
    LoginAdmission admit(String user, String id) {
        LoginAdmission admission = repository.admit(user, id, settings);
        if (admission.refused()) {
            metrics.loginRefused();
        } else {
            metrics.login();
        }
        return admission;
    }

    /**
     * Ends sessions the duplicate-login policy displaced; a failure to end one is logged, the others still end.
     *
     * @param ids the sessions; not {@code null}
     */
    void endDisplaced(List<String> ids) {
        for (String id : ids) {
            try {
                end(id, EndReason.LOGGED_OUT);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Session [" + id + "] should end under the login policy but could not be"
                        + " ended now; the next login of its user ends it", e);
            }
        }
    }

    @Override
    public int logout(String user) {
        Objects.requireNonNull(user, "user");
        int ended = 0;
        for (String id : repository.sessionsOf(user)) {
            ended += end(id, EndReason.FORCED_LOGOUT) ? 1 : 0;
        }
        return ended;
    }

    @Override
    public boolean invalidate(String id) {
        if (!SessionIds.isWellFormed(id)) {
            throw new IllegalArgumentException("invalidate: [" + id + "] is not a session id");
        }
        return end(id, EndReason.INVALIDATED);
    }

    @Override
    public List<String> sessionsOf(String user) {
        return repository.sessionsOf(Objects.requireNonNull(user, "user"));
    }

    @Override
    public int repairUserIndexes() {
        return repository.repairUserIndexes();
    }

    /**
     * @param reason why a session was ended, or {@code null} if it timed out
     * @return how the metrics count it
     */
    static SessionMetrics.DestroyReason destroyReason(EndReason reason) {
        if (reason == null) {
            return SessionMetrics.DestroyReason.EXPIRED;
        }
        return switch (reason) {
            case INVALIDATED -> SessionMetrics.DestroyReason.INVALIDATED;
            case LOGGED_OUT -> SessionMetrics.DestroyReason.LOGGED_OUT;
            case FORCED_LOGOUT -> SessionMetrics.DestroyReason.FORCED_LOGOUT;
        };
    }

    /** @return whether this call ended the session; its destroy events then fired here */
    private boolean end(String id, EndReason reason) {
        Optional<StoredSession> ended = repository.end(id, reason);
        if (ended.isEmpty()) {
            return false;
        }
        metrics.destroyed(destroyReason(reason));
        try {
            destroyedEvents.accept(ended.get());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Destroy events of session [" + id + "] failed", e);
        }
        return true;
    }
}
