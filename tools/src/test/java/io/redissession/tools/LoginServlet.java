package io.redissession.tools;

import io.redissession.servlet.RedisSessions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Makes sessions for the tool to find: {@code ?user=U} logs the session in, {@code ?cart=N} stores N characters. */
public class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getParameter("user") != null) {
            RedisSessions.login(request, request.getParameter("user"));
        }
        if (request.getParameter("cart") != null) {
            request.getSession().setAttribute("cart", "x".repeat(Integer.parseInt(request.getParameter("cart"))));
        }
        response.getWriter().println("id=" + request.getSession().getId());
    }
}
