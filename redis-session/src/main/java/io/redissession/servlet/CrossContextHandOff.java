package io.redissession.servlet;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the filters of different web applications hand each other within one request dispatched across contexts.
 * Each application keeps its own state (spec 7.3); these request attributes hold only JDK types, so they cross the
 * applications' class loaders:
 * <ul>
 * <li>before a request enters another application (forward or include), the applications it passed through commit
 *     their sessions, so that their cookies are on the response before the other application may commit it;</li>
 * <li>a session cookie that an included application could not set (some containers drop every header an included
 *     response sets) waits for an outer application's filter to put it on the top-level response.</li>
 * </ul>
 */
final class CrossContextHandOff {

    private static final String COMMITS = "io.redissession.servlet.applicationCommits";
    private static final String PENDING_COOKIES = "io.redissession.servlet.pendingCookies";

    private CrossContextHandOff() {
    }

    /** Called when a request enters this application through a forward or include: the others commit. */
    static void enterFromAnotherApplication(ServletRequest request) {
        if (request.getAttribute(COMMITS) instanceof List<?> commits) {
            for (Object outer : List.copyOf(commits)) {
                ((Runnable) outer).run();
            }
        }
    }

    /** Registers this application's commit, once the request has a session in it. */
    static void hasSession(ServletRequest request, Runnable commit) {
        list(request, COMMITS).add(commit);
    }

    /** Leaves a {@code Set-Cookie} value for an outer application to write. */
    static void leaveCookie(ServletRequest request, String setCookie) {
        list(request, PENDING_COOKIES).add(setCookie);
    }

    /** Writes the cookies included applications left, unless the response is committed. */
    static void writeLeftCookies(ServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(PENDING_COOKIES) instanceof List<?> pending && !pending.isEmpty()
                && !response.isCommitted()) {
            for (Object cookie : List.copyOf(pending)) {
                response.addHeader("Set-Cookie", String.valueOf(cookie));
            }
            pending.clear();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(ServletRequest request, String name) {
        Object existing = request.getAttribute(name);
        if (existing instanceof List<?> list) {
            return (List<T>) list;
        }
        List<T> created = Collections.synchronizedList(new ArrayList<>());
        request.setAttribute(name, created);
        return created;
    }
}
