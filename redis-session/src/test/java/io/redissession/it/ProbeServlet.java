package io.redissession.it;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The web application the integration tests drive: each path does one thing with the session and prints
 * {@code key=value} lines. Mapped on {@code /probe/*}.
 */
public class ProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final ConcurrentHashMap<String, CountDownLatch> HOLDS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, CountDownLatch> REACHED = new ConcurrentHashMap<>();

    /**
     * A point where a request ({@code ?hold=NAME&at=POINT}) stops until the test releases it.
     *
     * @param name the hold's name, unique per test
     */
    public record Hold(String name) {

        /** @return whether the request reached the hold point within 10 s */
        public boolean awaitReached() throws InterruptedException {
            return REACHED.computeIfAbsent(name, k -> new CountDownLatch(1)).await(10, TimeUnit.SECONDS);
        }

        /**
         * @param point where the request stops, such as {@code before-set}
         * @return the query parameters that make a request stop there
         */
        public String query(String point) {
            return "hold=" + name + "&at=" + point;
        }

        /** Lets the held request go on. */
        public void release() {
            HOLDS.computeIfAbsent(name, k -> new CountDownLatch(1)).countDown();
        }
    }

    private static void printUser(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        response.getWriter().println("id=" + (session == null ? "" : session.getId()));
        response.getWriter().println("user=" + (session == null ? "" : String.valueOf(
                io.redissession.servlet.RedisSessions.userOf(session))));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object included = request.getAttribute("jakarta.servlet.include.path_info");
        String path = included != null ? (String) included : request.getPathInfo();
        String action = path == null ? "/" : path;
        if (included == null) {
            response.setContentType("text/plain;charset=UTF-8");
        }
        String name = request.getParameter("name");
        String value = request.getParameter("value");
        switch (action) {
            case "/nosession" -> response.getWriter().println("ok");
            case "/headers" -> {
                for (String header : Collections.list(request.getHeaders("Cookie"))) {
                    response.getWriter().println("header=" + header);
                }
                jakarta.servlet.http.Cookie[] cookies = request.getCookies();
                for (jakarta.servlet.http.Cookie cookie : cookies == null ? new jakarta.servlet.http.Cookie[0]
                        : cookies) {
                    response.getWriter().println("cookie." + cookie.getName() + "=" + cookie.getValue());
                }
            }
            case "/create" -> {
                HttpSession session = request.getSession();
                if (request.getParameter("timeout") != null) {
                    session.setMaxInactiveInterval(Integer.parseInt(request.getParameter("timeout")));
                }
                if (name != null) {
                    session.setAttribute(name, value);
                }
                print(request, response);
            }
            case "/info" -> print(request, response);
            case "/cross" -> {
                if (request.getParameter("mine") != null) {
                    request.getSession().setAttribute("mine", request.getParameter("mine"));
                }
                jakarta.servlet.ServletContext other = request.getServletContext().getContext(request.getParameter("context"));
                jakarta.servlet.RequestDispatcher dispatcher = other.getRequestDispatcher(request.getParameter("path"));
                try {
                    if ("forward".equals(request.getParameter("mode"))) {
                        dispatcher.forward(request, response);
                    } else {
                        response.getWriter().println("included:");
                        dispatcher.include(request, response);
                    }
                } catch (jakarta.servlet.ServletException e) {
                    throw new IOException(e);
                }
            }
            case "/container-session" -> {
                jakarta.servlet.ServletRequest unwrapped = request;
                while (unwrapped instanceof jakarta.servlet.ServletRequestWrapper wrapper) {
                    unwrapped = wrapper.getRequest();
                }
                HttpSession own = ((HttpServletRequest) unwrapped).getSession(true);
                own.setAttribute("container", "yes");
                response.getWriter().println("container-id=" + own.getId());
                own.invalidate();
            }
            case "/get" -> {
                HttpSession session = request.getSession(false);
                response.getWriter().println("value=" + (session == null ? "no-session" : session.getAttribute(name)));
            }
            case "/set" -> {
                HttpSession session = request.getSession(false);
                if (session == null) {
                    response.sendError(404, "no session");
                    return;
                }
                hold(request, "before-set");
                session.setAttribute(name, value);
                response.getWriter().println("set " + name);
            }
            case "/remove" -> request.getSession().removeAttribute(name);
            case "/counter" -> {
                HttpSession session = request.getSession();
                Integer counter = (Integer) session.getAttribute("counter");
                int next = counter == null ? 1 : counter + 1;
                session.setAttribute("counter", next);
                response.getWriter().println("counter=" + next);
            }
            case "/invalidate" -> {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    hold(request, "before-invalidate");
                    session.invalidate();
                    response.getWriter().println("invalidated");
                    try {
                        session.getAttribute("x");
                        response.getWriter().println("after=no-exception");
                    } catch (IllegalStateException e) {
                        response.getWriter().println("after=IllegalStateException");
                    }
                    if (request.getParameter("recreate") != null) {
                        request.getSession(true).setAttribute("recreated", "yes");
                    }
                }
            }
            case "/change-id" -> {
                String old = request.getSession().getId();
                String fresh = request.changeSessionId();
                if (name != null) {
                    request.getSession().setAttribute(name, value);
                }
                response.getWriter().println("old=" + old + "\nnew=" + fresh);
            }
            case "/login" -> {
                try {
                    io.redissession.servlet.RedisSessions.login(request, request.getParameter("user"));
                    response.getWriter().println("refused=false");
                } catch (io.redissession.LoginRefusedException e) {
                    response.getWriter().println("refused=true");
                }
                printUser(request, response);
            }
            case "/login-attribute" -> {
                request.getSession().setAttribute(name, value);
                response.getWriter().println("refused=" + (request.getAttribute(
                        io.redissession.servlet.RedisSessions.LOGIN_REFUSED) != null));
                printUser(request, response);
            }
            case "/user" -> printUser(request, response);
            case "/whoami" -> {
                request.getSession();
                response.getWriter().println("remoteUser=" + request.getRemoteUser());
                response.getWriter().println("refused=" + (request.getAttribute(
                        io.redissession.servlet.RedisSessions.LOGIN_REFUSED) != null));
                printUser(request, response);
            }
            case "/logout-everywhere" -> response.getWriter().println("ended=" + io.redissession.servlet.RedisSessions
                    .of(getServletContext()).logout(request.getParameter("user")));
            case "/elsewhere" -> response.getWriter().println("elsewhere=true");
            case "/timeout" -> {
                request.getSession().setMaxInactiveInterval(Integer.parseInt(request.getParameter("seconds")));
                print(request, response);
            }
            case "/forward" -> {
                request.getSession().setAttribute("forwarded", "yes");
                try {
                    request.getRequestDispatcher("/probe/info").forward(request, response);
                } catch (jakarta.servlet.ServletException e) {
                    throw new IOException(e);
                }
            }
            case "/include" -> {
                request.getSession().setAttribute("included", "yes");
                try {
                    request.getRequestDispatcher("/probe/info").include(request, response);
                } catch (jakarta.servlet.ServletException e) {
                    throw new IOException(e);
                }
            }
            case "/async" -> {
                AsyncContext async = request.startAsync();
                async.start(() -> {
                    HttpServletRequest asyncRequest = (HttpServletRequest) async.getRequest();
                    asyncRequest.getSession().setAttribute(name, value);
                    try {
                        async.getResponse().getWriter().println("async-id="
                                + asyncRequest.getSession().getId());
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    async.complete();
                });
            }
            case "/async-dispatch" -> {
                AsyncContext async = request.startAsync();
                async.start(() -> {
                    ((HttpServletRequest) async.getRequest()).getSession().setAttribute(name, value);
                    async.dispatch("/probe/info");
                });
            }
            case "/flush" -> {
                request.getSession().setAttribute(name, value);
                response.flushBuffer();
                hold(request, "after-commit");
                response.getWriter().println("flushed");
            }
            case "/redirect" -> {
                request.getSession().setAttribute(name, value);
                response.sendRedirect(response.encodeRedirectURL(request.getContextPath() + "/probe/info"));
                hold(request, "after-commit");
            }
            case "/redirect-status", "/redirect-keep-buffer", "/redirect-status-keep-buffer" -> {
                // the overloads Servlet 6.1 added; Tomcat 11 implements them, Jetty 12 and Undertow 2.3 do not
                request.getSession().setAttribute(name, value);
                String location = response.encodeRedirectURL(request.getContextPath() + "/probe/info");
                switch (action) {
                    case "/redirect-status" -> redirect61(response, new Class<?>[] {String.class, int.class},
                            location, 303);
                    case "/redirect-keep-buffer" -> redirect61(response, new Class<?>[] {String.class,
                        boolean.class}, location, false);
                    default -> redirect61(response, new Class<?>[] {String.class, int.class, boolean.class},
                            location, 307, false);
                }
                hold(request, "after-commit");
            }
            case "/error" -> {
                request.getSession().setAttribute(name, value);
                response.sendError(409, "conflict");
                hold(request, "after-commit");
            }
            case "/big" -> {
                request.getSession().setAttribute(name, value);
                PrintWriter writer = response.getWriter();
                for (int i = 0; i < 20_000; i++) {
                    writer.print("0123456789");
                }
                hold(request, "after-commit");
            }
            case "/encode" -> {
                request.getSession();
                response.getWriter().println("url=" + response.encodeURL(request.getContextPath() + "/probe/info?x=1"));
                response.getWriter().println("foreign=" + response.encodeURL("http://elsewhere.example/a"));
            }
            case "/fail" -> {
                request.getSession().setAttribute(name, value);
                throw new IllegalStateException("probe failure on purpose");
            }
            case "/set-node-only" -> {
                HttpSession session = request.getSession();
                Object unstorable = request.getParameter("nested") != null ? new NodeOnlyValue.Nested(value)
                        : new NodeOnlyValue(value);
                try {
                    session.setAttribute(name, unstorable);
                    session.setAttribute(name + "-companion", value);
                    response.getWriter().println("set=" + unstorable);
                } catch (IllegalArgumentException e) {
                    response.getWriter().println("refused=" + e.getMessage());
                }
            }
            case "/bind" -> {
                request.getSession().setAttribute(name, new BindingProbe(value));
                response.getWriter().println("bound");
            }
            case "/mutate" -> {
                @SuppressWarnings("unchecked")
                java.util.List<String> list = (java.util.List<String>) request.getSession().getAttribute(name);
                if (list == null) {
                    request.getSession().setAttribute(name, new java.util.ArrayList<>(java.util.List.of(value)));
                } else {
                    list.add(value);
                }
                response.getWriter().println("mutated");
            }
            default -> response.sendError(404, "unknown probe action " + action);
        }
    }

    /** Calls a Servlet 6.1 {@code sendRedirect} overload: this code compiles against the 6.0 API. */
    private static void redirect61(HttpServletResponse response, Class<?>[] types, Object... args)
            throws IOException {
        try {
            HttpServletResponse.class.getMethod("sendRedirect", types).invoke(response, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the container's Servlet API has no such sendRedirect", e);
        }
    }

    private static void hold(HttpServletRequest request, String point) {
        String hold = request.getParameter("hold");
        if (hold == null || !point.equals(request.getParameter("at"))) {
            return;
        }
        REACHED.computeIfAbsent(hold, k -> new CountDownLatch(1)).countDown();
        try {
            HOLDS.computeIfAbsent(hold, k -> new CountDownLatch(1)).await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void print(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PrintWriter out = response.getWriter();
        HttpSession session = request.getSession(false);
        out.println("requestedId=" + request.getRequestedSessionId());
        out.println("requestedValid=" + request.isRequestedSessionIdValid());
        out.println("fromCookie=" + request.isRequestedSessionIdFromCookie());
        out.println("fromURL=" + request.isRequestedSessionIdFromURL());
        if (session == null) {
            out.println("session=none");
            return;
        }
        out.println("id=" + session.getId());
        out.println("new=" + session.isNew());
        out.println("created=" + session.getCreationTime());
        out.println("lastAccessed=" + session.getLastAccessedTime());
        out.println("maxInactive=" + session.getMaxInactiveInterval());
        out.println("names=" + new TreeSet<>(Collections.list(session.getAttributeNames())));
        for (String attribute : new TreeSet<>(Collections.list(session.getAttributeNames()))) {
            out.println("attr." + attribute + "=" + session.getAttribute(attribute));
        }
    }
}
