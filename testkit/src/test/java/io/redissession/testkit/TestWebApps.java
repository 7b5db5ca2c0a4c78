package io.redissession.testkit;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;

/** Small filters, servlets and listeners deployed by the container tests. */
final class TestWebApps {

    private TestWebApps() {
    }

    /** Adds {@code X-Testkit-Filter: <init param "tag">} and one {@code X-Dispatch} per dispatch. */
    public static final class HeaderFilter implements Filter {
        private String tag;

        @Override
        public void init(FilterConfig config) {
            tag = config.getInitParameter("tag");
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            HttpServletResponse http = (HttpServletResponse) response;
            if (!http.containsHeader("X-Testkit-Filter")) {
                http.setHeader("X-Testkit-Filter", tag);
            }
            http.addHeader("X-Dispatch", request.getDispatcherType().name());
            chain.doFilter(request, response);
        }
    }

    /** Adds {@code X-Dispatch: OTHER}: a second filter, mapped by {@link FilterAdder}. */
    public static final class OtherFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            ((HttpServletResponse) response).addHeader("X-Dispatch", "OTHER");
            chain.doFilter(request, response);
        }
    }

    /** Maps {@link OtherFilter} before every other filter, as far as the container lets a listener do it. */
    public static final class FilterAdder implements ServletContextListener {
        @Override
        public void contextInitialized(ServletContextEvent event) {
            event.getServletContext().addFilter("other", OtherFilter.class)
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        }
    }

    /** A filter whose initialisation fails. */
    public static final class BrokenFilter implements Filter {
        @Override
        public void init(FilterConfig config) throws ServletException {
            throw new ServletException("broken on purpose");
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) {
            throw new UnsupportedOperationException();
        }
    }

    /** Counts requests in the container's session; prints {@code count=N timeout=S context=/path}. */
    public static final class CounterServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            HttpSession session = request.getSession();
            Integer count = (Integer) session.getAttribute("count");
            count = count == null ? 1 : count + 1;
            session.setAttribute("count", count);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().print("count=" + count + " timeout=" + session.getMaxInactiveInterval()
                    + " context=" + getServletContext().getContextPath() + " param=" + getServletContext().getInitParameter("greeting"));
        }
    }

    /** Sets the cookie {@code shared=from-<context>; Path=/}. */
    public static final class CookieSetterServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Cookie cookie = new Cookie("shared", "from-" + request.getContextPath().substring(1));
            cookie.setPath("/");
            response.addCookie(cookie);
            response.getWriter().print("set");
        }
    }

    /** Prints the value of the {@code shared} cookie, or {@code none}. */
    public static final class CookieEchoServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String value = "none";
            if (request.getCookies() != null) {
                for (Cookie cookie : request.getCookies()) {
                    if (cookie.getName().equals("shared")) {
                        value = cookie.getValue();
                    }
                }
            }
            response.getWriter().print(value);
        }
    }

    /** Forwards to {@code /counter}. */
    public static final class ForwardServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
            request.getRequestDispatcher("/counter").forward(request, response);
        }
    }

    /** Answers from another thread through {@code startAsync}. */
    public static final class AsyncServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            AsyncContext async = request.startAsync();
            async.start(() -> {
                try {
                    async.getResponse().getWriter().print("async");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    async.complete();
                }
            });
        }
    }

    /** The error page: prints {@code error-page <status>}. */
    public static final class ErrorPageServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().print("error-page " + request.getAttribute("jakarta.servlet.error.status_code"));
        }
    }

    /** Counts created sessions. */
    public static final class SessionCounter implements HttpSessionListener {
        final AtomicInteger created = new AtomicInteger();

        @Override
        public void sessionCreated(HttpSessionEvent event) {
            created.incrementAndGet();
        }
    }
}
