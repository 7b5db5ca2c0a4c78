package io.redissession.tools;

import io.redissession.servlet.RedisSessions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Makes sessions for the tool to find: {@code ?user=U} logs the session in, {@code ?cart=N} stores N characters,
 * {@code ?items=N} stores a {@link Cart}, {@code ?renew} changes the session's id, {@code ?end} invalidates it.
 */
public class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getParameter("end") != null) {
            request.getSession().invalidate();
            response.getWriter().println("ended");
            return;
        }
        if (request.getParameter("user") != null) {
            RedisSessions.login(request, request.getParameter("user"));
        }
        if (request.getParameter("cart") != null) {
            request.getSession().setAttribute("cart", "x".repeat(Integer.parseInt(request.getParameter("cart"))));
        }
        if (request.getParameter("items") != null) {
            request.getSession().setAttribute("order", new Cart("shop",
                    Integer.parseInt(request.getParameter("items"))));
        }
        if (request.getParameter("renew") != null) {
            request.changeSessionId();
        }
        response.getWriter().println("id=" + request.getSession().getId());
    }
}
