package io.redissession.javax;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** An embedded Tomcat 9 (Servlet 4.0) with one app: the javax filter first, then {@link CounterServlet}. */
final class Tomcat9 implements JavaxContainer {

    private final Tomcat tomcat = new Tomcat();

    Tomcat9(Map<String, String> filterParams) throws IOException, LifecycleException {
        Path base = Files.createTempDirectory("tomcat9");
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Context context = tomcat.addContext("/app", base.toString());
        FilterDef filter = new FilterDef();
        filter.setFilterName("redisSession");
        filter.setFilterClass(FILTER);
        filterParams.forEach(filter::addInitParameter);
        context.addFilterDef(filter);
        FilterMap map = new FilterMap();
        map.setFilterName("redisSession");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        Tomcat.addServlet(context, "counter", new CounterServlet());
        context.addServletMappingDecoded("/counter", "counter");
        tomcat.getConnector();
        tomcat.start();
    }

    @Override
    public String url(String path) {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/app" + path;
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }
}
