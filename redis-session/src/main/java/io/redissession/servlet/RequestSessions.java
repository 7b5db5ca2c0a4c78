package io.redissession.servlet;

import io.redissession.LoginRefusedException;
import io.redissession.RedisSessionException;
import io.redissession.metrics.SessionMetrics;
import io.redissession.session.CommitOutcome;
import io.redissession.session.FlushMode;
import io.redissession.session.LoginAdmission;
import io.redissession.session.SessionChanges;
import io.redissession.session.SessionLookup;
import io.redissession.session.StoredSession;
import io.redissession.session.TrackedSession;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The session state of one request in one web application, shared by its forwards, includes, error and async
 * dispatches within that application: finds the requested session at most once (a miss is remembered too), creates
 * sessions, and commits changes and the cookie in one round trip before the response is committed. A request that
 * entered this application through a cross-context include sends its cookie on the top-level response, since an
 * included response ignores headers.
 */
final class RequestSessions implements SessionOwner {

    private static final Logger LOG = Logger.getLogger(RequestSessions.class.getName());

    private final SessionServices services;
    private final HttpServletRequest request;
    /** Where the cookie goes: the response, or the top-level one when this application was included. */
    private final HttpServletResponse cookieResponse;
    private final boolean included;
    private boolean commitRegistered;
    private RequestedSessionIds requested;
    private boolean lookedUp;
    private boolean touched;
    private String foundId;
    private RedisHttpSession current;
    /** Why the requested session is gone, when a login policy or a forced logout ended it; else {@code null}. */
    private String endedBy;
    private boolean remoteUserChecked;
    private String cookieSentFor;
    private int depth;

    RequestSessions(SessionServices services, HttpServletRequest request, HttpServletResponse response) {
        this.services = services;
        this.request = request;
        this.included = request.getDispatcherType() == DispatcherType.INCLUDE;
        this.cookieResponse = included ? topLevel(response) : response;
    }

    private static HttpServletResponse topLevel(HttpServletResponse response) {
        ServletResponse current = response;
        while (current instanceof ServletResponseWrapper wrapper
                && wrapper.getResponse() instanceof HttpServletResponse inner) {
            current = inner;
        }
        return (HttpServletResponse) current;
    }

    SessionServices services() {
        return services;
    }

    synchronized void enter() {
        depth++;
    }

    /** @return the dispatch depth left after this exit; zero when the outermost dispatch ends */
    synchronized int exit() {
        return --depth;
    }

    synchronized RequestedSessionIds requested() {
        if (requested == null) {
            requested = RequestedSessionIds.of(request, services.settings().cookieName(), services.cookieTracking(),
                    services.urlTracking());
        }
        return requested;
    }

    /**
     * @param create whether to create a session if there is none
     * @return the valid session of this request, or {@code null}
     */
    synchronized RedisHttpSession session(boolean create) {
        if (current != null && !current.tracked().isInvalid()) {
            return current;
        }
        if (current == null && !lookedUp) {
            lookUpRequested();
            lookedUp = true;
            if (current != null) {
                recordRemoteUser();
                return current;
            }
        }
        if (!create) {
            return null;
        }
        if (services.cookieTracking() && cookieResponse.isCommitted()) {
            throw new IllegalStateException("Cannot create a session after the response has been committed");
        }
        current = facade(notifier -> TrackedSession.create(services.ids().create(), System.currentTimeMillis(),
                services.settings().maxInactiveInterval(), services.codec(), notifier, services.local()));
        registerCommit();
        changed();
        services.logins().metrics().sessionCreated();
        services.events().created(current);
        recordRemoteUser();
        return current;
    }

    /**
     * Records the container's authenticated user ({@code getRemoteUser()}) as the session's user when the session
     * has none yet, once per request; a refusal by the login policy is left in the request attribute
     * {@link RedisSessions#LOGIN_REFUSED}. A session the request found (one that existed before the user logged in)
     * first gets a new id, as containers renew their own session's id on authentication against session fixation
     * ({@code changeIdOnContainerLogin}); not when the new id could no longer reach the browser.
     */
    private void recordRemoteUser() {
        if (remoteUserChecked || current == null || current.tracked().isInvalid()) {
            return;
        }
        remoteUserChecked = true;
        String user = request.getRemoteUser();
        if (user != null && !user.isEmpty() && current.tracked().user() == null) {
            if (currentIsFound() && services.logins().settings().changeIdOnContainerLogin()
                    && !(services.cookieTracking() && cookieResponse.isCommitted())) {
                changeId();
            }
            loginQuietly(current, user);
        }
    }

    /**
     * Logs the session in as a user, like {@link #login}, but leaves a refusal in the request attribute
     * {@link RedisSessions#LOGIN_REFUSED} instead of throwing it.
     *
     * @return whether the login was admitted
     */
    synchronized boolean loginQuietly(RedisHttpSession session, String user) {
        try {
            login(session, user);
            return true;
        } catch (LoginRefusedException e) {
            request.setAttribute(RedisSessions.LOGIN_REFUSED, e);
            return false;
        }
    }

    /**
     * Logs the session in as a user, at once: the user's index admits it under the session limit, the session is
     * written with its user, then the sessions the login policy displaced end (their destroy events fire here).
     *
     * @throws LoginRefusedException if the policy is {@code reject-new} and the user is at the limit
     */
    synchronized void login(RedisHttpSession session, String user) {
        TrackedSession tracked = session.tracked();
        if (user.equals(tracked.user())) {
            return;
        }
        LoginAdmission admission = services.logins().admit(user, tracked.id());
        if (admission.refused()) {
            throw new LoginRefusedException(user, services.logins().settings().maxSessionsPerUser());
        }
        tracked.user(user);
        if (write(tracked) == CommitOutcome.SAVED) {
            // a login whose session is gone meanwhile displaces nobody
            services.logins().endDisplaced(admission.toEnd());
        }
    }

    @Override
    public boolean principalSet(RedisHttpSession session, String name, Object value) {
        String attribute = services.logins().settings().principalAttribute();
        if (attribute == null || !attribute.equals(name)) {
            return true;
        }
        String user = PrincipalNames.of(value);
        if (user == null) {
            session.tracked().user(null);
            return true;
        }
        return loginQuietly(session, user);
    }

    @Override
    public void principalRemoved(RedisHttpSession session, String name) {
        String attribute = services.logins().settings().principalAttribute();
        if (attribute != null && attribute.equals(name)) {
            session.tracked().user(null);
        }
    }

    /** @return why the requested session is gone when a login policy or a forced logout ended it, else null */
    synchronized String endedBy() {
        session(false);
        return endedBy;
    }

    private RedisHttpSession facade(Function<ActivationNotifier, TrackedSession> session) {
        ActivationNotifier notifier = new ActivationNotifier();
        RedisHttpSession facade = new RedisHttpSession(session.apply(notifier), this, services.context(),
                services.events());
        notifier.attach(facade);
        return facade;
    }

    private void lookUpRequested() {
        String stamp = requestedStamp();
        for (String id : requested().candidates()) {
            SessionLookup lookup = services.repository().lookUp(id, stamp);
            if (lookup.endedBy() != null && endedBy == null) {
                endedBy = lookup.endedBy();
            }
            if (lookup.found()) {
                StoredSession stored = lookup.session();
                services.logins().metrics().sessionLoaded(stored.attributes(), stored.largeAttributes());
                current = facade(notifier -> TrackedSession.load(stored, services.codec(), notifier,
                        services.local(), services.repository()::largeValues));
                foundId = id;
                registerCommit();
                return;
            }
        }
    }

    /** Lets other applications this request enters commit this one's session first (once per request). */
    private void registerCommit() {
        if (!commitRegistered) {
            commitRegistered = true;
            CrossContextHandOff.hasSession(request, this::commit);
        }
    }

    /** @return whether the requested id names the valid session of this request */
    synchronized boolean requestedIdValid() {
        String first = requested().first();
        if (first == null) {
            return false;
        }
        session(false);
        return currentIsFound();
    }

    /** @return whether the request's valid session is the one its id found (not one created or renamed since) */
    private boolean currentIsFound() {
        return foundId != null && current != null && !current.tracked().isInvalid()
                && foundId.equals(current.getId());
    }

    /** @return the requested id: the one that was found, else the first one the request names */
    synchronized String requestedId() {
        return foundId != null ? foundId : requested().first();
    }

    synchronized String changeId() {
        RedisHttpSession session = session(false);
        if (session == null) {
            throw new IllegalStateException("changeSessionId: no session is associated with this request");
        }
        String oldId = session.getId();
        String newId = services.ids().renew(oldId);
        session.tracked().changeId(newId);
        changed();
        services.events().idChanged(session, oldId);
        return newId;
    }

    /** Called after each change: writes at once when the flush mode is immediate. */
    @Override
    public void changed() {
        if (services.settings().flush() == FlushMode.IMMEDIATE) {
            commit();
        }
    }

    @Override
    public synchronized boolean destroy(TrackedSession session) {
        String storedId = session.storedId();
        if (storedId == null) {
            return true;
        }
        Optional<Map<String, byte[]>> latest = services.repository().invalidate(storedId);
        latest.ifPresent(session::absorb);
        if (latest.isPresent()) {
            services.logins().metrics().destroyed(SessionMetrics.DestroyReason.INVALIDATED);
        }
        return latest.isPresent();
    }

    /** @return the valid session of this request if there is one, without looking it up */
    synchronized RedisHttpSession currentIfValid() {
        return current != null && !current.tracked().isInvalid() ? current : null;
    }

    /**
     * Writes pending changes in one round trip, then the cookie if the browser does not have the id yet. Does
     * nothing, and costs nothing, when the request did not use its session.
     */
    synchronized void commit() {
        if (services.cookieTracking() && !included) {
            CrossContextHandOff.writeLeftCookies(request, cookieResponse);
        }
        if (current == null) {
            touchRequested();
            return;
        }
        TrackedSession session = current.tracked();
        if (!session.isInvalid()) {
            recordRemoteUser();
            write(session);
        }
        sendCookie(session);
    }

    /**
     * Writes the session's pending changes, if any, in one round trip.
     *
     * @return what the store made of them ({@link CommitOutcome#SAVED} when there was nothing to write)
     */
    private CommitOutcome write(TrackedSession session) {
        SessionChanges changes = session.pendingChanges(services.settings().saveMode());
        if (changes.isEmpty()) {
            session.committed(changes);
            return CommitOutcome.SAVED;
        }
        String[] stamp = new String[1];
        CommitOutcome outcome = services.repository().commit(changes, stampable() ? written -> stamp[0] = written
                : null);
        switch (outcome) {
            case SAVED -> {
                session.committed(changes);
                if (stamp[0] != null) {
                    services.stamps().send(request, cookieResponse, stamp[0]);
                }
            }
            case GONE -> LOG.fine("Session [" + changes.id() + "] was invalidated, expired or logged out meanwhile;"
                    + " this request's changes are dropped");
            case LOGGED_OUT -> {
                // displaced by a newer login before it was ever written: nobody else fired its destroy events
                LOG.fine("Session [" + changes.id() + "] was logged out by a newer login before it was written");
                services.logins().metrics().destroyed(SessionMetrics.DestroyReason.LOGGED_OUT);
                current.fireDestroyed();
            }
            case ID_TAKEN -> throw new RedisSessionException("Session id [" + changes.id()
                    + "] is already in use; nothing was written", null);
        }
        return outcome;
    }

    /** @return the near cache's write stamp the browser brings, or {@code null} */
    private String requestedStamp() {
        return services.stamps() == null || !services.cookieTracking() ? null : services.stamps().of(request);
    }

    /**
     * @return whether a write can give the browser its stamp: with the near cache, cookies, a response that takes
     *         headers still, and not inside an include
     */
    private boolean stampable() {
        return services.stamps() != null && services.cookieTracking() && !included && !cookieResponse.isCommitted();
    }

    /**
     * With {@code sessionAccess=every-request}, records the access of a request that carries a session id but never
     * asked for its session, without waiting: such requests cost one command, requests without an id none.
     */
    private void touchRequested() {
        if (services.accessOnEveryRequest() && !lookedUp && !touched) {
            touched = true;
            requested().candidates().forEach(services.repository()::touch);
        }
    }

    private void sendCookie(TrackedSession session) {
        if (!services.cookieTracking() || cookieResponse.isCommitted()) {
            return;
        }
        if (!session.isInvalid()) {
            String id = session.id();
            if (session.isStored() && !id.equals(cookieSentFor) && !requested().fromCookie(id)) {
                String header = services.cookies().write(request, cookieResponse, id);
                if (!cookieResponse.getHeaders("Set-Cookie").contains(header)) {
                    // the container dropped it: the response is inside an include for now
                    if (!included) {
                        return;
                    }
                    CrossContextHandOff.leaveCookie(request, header);
                }
                cookieSentFor = id;
            }
        } else if (cookieSentFor == null && !requested().fromCookies().isEmpty()) {
            services.cookies().expire(request, cookieResponse);
            cookieSentFor = "";
        }
    }
}
