package io.redissession.javax;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;

import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import java.net.InetSocketAddress;
import java.util.Map;

/** An embedded Undertow 2.2 (Servlet 4.0) with one app: the javax filter first, then {@link CounterServlet}. */
final class Undertow22 implements JavaxContainer {

    private final DeploymentManager manager;
    private final Undertow server;

    Undertow22(Map<String, String> filterParams) throws Exception {
        @SuppressWarnings("unchecked")
        Class<? extends Filter> filterClass = (Class<? extends Filter>) Class.forName(FILTER);
        var filter = Servlets.filter("redisSession", filterClass);
        filterParams.forEach(filter::addInitParam);
        DeploymentInfo app = Servlets.deployment()
                .setClassLoader(Undertow22.class.getClassLoader())
                .setContextPath("/app")
                .setDeploymentName("app")
                .addFilter(filter)
                .addFilterUrlMapping("redisSession", "/*", DispatcherType.REQUEST)
                .addServlet(Servlets.servlet("counter", CounterServlet.class).addMapping("/counter"));
        manager = Servlets.defaultContainer().addDeployment(app);
        manager.deploy();
        server = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(Handlers.path().addPrefixPath("/app", manager.start())).build();
        server.start();
    }

    @Override
    public String url(String path) {
        InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
        return "http://127.0.0.1:" + address.getPort() + "/app" + path;
    }

    @Override
    public void close() throws Exception {
        server.stop();
        manager.stop();
        manager.undeploy();
    }
}
