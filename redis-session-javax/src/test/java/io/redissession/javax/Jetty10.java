package io.redissession.javax;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

import javax.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.Map;

/** An embedded Jetty 10 (Servlet 4.0) with one app: the javax filter first, then {@link CounterServlet}. */
final class Jetty10 implements JavaxContainer {

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    Jetty10(Map<String, String> filterParams) throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/app");
        FilterHolder filter = new FilterHolder();
        filter.setName("redisSession");
        filter.setClassName(FILTER);
        filter.setInitParameters(filterParams);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new CounterServlet()), "/counter");
        server.setHandler(context);
        server.start();
    }

    @Override
    public String url(String path) {
        return "http://127.0.0.1:" + connector.getLocalPort() + "/app" + path;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
