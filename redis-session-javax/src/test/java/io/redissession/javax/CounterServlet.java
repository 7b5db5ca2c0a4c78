package io.redissession.javax;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;
import java.io.IOException;

/** A javax.servlet app's page: {@code /counter} counts in the session, {@code /counter?invalidate} ends it. */
public class CounterServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        if (request.getParameter("invalidate") != null) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.getWriter().print("invalidated");
            return;
        }
        HttpSession session = request.getSession();
        Integer counter = (Integer) session.getAttribute("counter");
        int next = counter == null ? 1 : counter + 1;
        session.setAttribute("counter", next);
        response.getWriter().print("counter=" + next + " id=" + session.getId());
    }
}
