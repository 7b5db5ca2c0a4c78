package tckharness;

import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;

/**
 * Added (programmatically, first) to every Context in filter mode. Registers
 * io.redissession.servlet.RedisSessionFilter (loaded by the webapp class loader from
 * WEB-INF/lib/redis-session-all.jar) for /* with REQUEST, FORWARD, INCLUDE, ERROR, ASYNC,
 * isMatchAfter=false so it precedes web.xml / annotation filters.
 */
public class RedisFilterInitializer implements ServletContainerInitializer {

    private static final Logger LOG = Logger.getLogger("tckharness");

    private final String redisUri;
    private final String namespace;

    public RedisFilterInitializer(String redisUri, String namespace) {
        this.redisUri = redisUri;
        this.namespace = namespace;
    }

    @Override
    public void onStartup(Set<Class<?>> c, ServletContext ctx) {
        FilterRegistration.Dynamic reg = ctx.addFilter("redisSession", "io.redissession.servlet.RedisSessionFilter");
        if (reg == null) {
            throw new IllegalStateException("filter name redisSession already registered in " + ctx.getContextPath());
        }
        reg.setInitParameter("redisUri", redisUri);
        reg.setInitParameter("sessionNamespace", namespace);
        // Optional extra init params for diagnostic runs only: -Dtck.filter.initParams=k1=v1;k2=v2
        String extra = System.getProperty("tck.filter.initParams", "");
        for (String kv : extra.split(";")) {
            int i = kv.indexOf('=');
            if (i > 0) {
                reg.setInitParameter(kv.substring(0, i).trim(), kv.substring(i + 1).trim());
                LOG.info("TCK harness: extra filter init param " + kv);
            }
        }
        reg.setAsyncSupported(true);
        reg.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
        LOG.info("TCK harness: registered RedisSessionFilter first for /* " + EnumSet.allOf(DispatcherType.class)
                + " in " + ctx.getContextPath() + " redisUri=" + redisUri + " sessionNamespace=" + namespace);
    }
}
