package io.redissession.bench;

import io.redissession.servlet.RedisSessionFilter;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The session filter with {@code nearCache=on}, as a benchmark mode of its own: the benchmark passes the filter's
 * settings as system properties, which every filter mode of one run shares, so this mode adds the one init
 * parameter that tells it apart.
 */
public final class NearCacheFilter extends RedisSessionFilter {

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(new FilterConfig() {
            @Override
            public String getFilterName() {
                return config.getFilterName();
            }

            @Override
            public ServletContext getServletContext() {
                return config.getServletContext();
            }

            @Override
            public String getInitParameter(String name) {
                return "nearCache".equals(name) ? "on" : config.getInitParameter(name);
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                Set<String> names = new LinkedHashSet<>(Collections.list(config.getInitParameterNames()));
                names.add("nearCache");
                return Collections.enumeration(names);
            }
        });
    }
}
