package io.redissession.javax;

import java.util.Map;

/** An embedded Servlet 4.0 container running one app at {@code /app}: the javax filter first, then the counter. */
interface JavaxContainer extends AutoCloseable {

    /**
     * @param kind {@code tomcat9}, {@code jetty10} or {@code undertow22}
     * @param filterParams the filter's init parameters
     * @return the started container
     */
    static JavaxContainer start(String kind, Map<String, String> filterParams) throws Exception {
        return switch (kind) {
            case "tomcat9" -> new Tomcat9(filterParams);
            case "jetty10" -> new Jetty10(filterParams);
            case "undertow22" -> new Undertow22(filterParams);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** The filter class, by name: the javax jar is made after this code compiles. */
    String FILTER = "io.redissession.servlet.RedisSessionFilter";

    /** @return the URL of a path of the app, such as {@code /counter} */
    String url(String path);
}
