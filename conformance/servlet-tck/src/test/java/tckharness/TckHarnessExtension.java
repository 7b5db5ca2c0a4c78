package tckharness;

import java.io.File;
import java.lang.reflect.Field;
import java.util.Locale;
import java.util.logging.Logger;

import org.apache.catalina.Container;
import org.apache.catalina.ContainerEvent;
import org.apache.catalina.ContainerListener;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.session.StandardManager;
import org.apache.catalina.startup.Tomcat;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.container.spi.event.container.AfterStart;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.container.tomcat.embedded.Tomcat10EmbeddedContainer;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Arquillian extension used for both runs.
 *
 * Always: applies the same Tomcat configuration that the Apache Tomcat project uses for its own
 * Servlet TCK runs (apache/tomcat-tck, TomcatServletTckConfiguration): users/roles, allowed trailer
 * headers, real HTTP port, and per-context settings (crossContext, alwaysAccessSession, ...).
 *
 * Only when -Dtck.mode=filter:
 *  1. BeforeDeploy: adds redis-session-all.jar to WEB-INF/lib of every deployed WAR
 *     (ShrinkWrap archive is mutated before the container exports it).
 *  2. A ContainerListener on the Host adds {@link RedisFilterInitializer} to every Context when
 *     it is added to the Host (before the Context starts), so it runs before all other SCIs and
 *     registers the filter first for /* with all dispatcher types.
 */
public class TckHarnessExtension implements LoadableExtension {

    static final Logger LOG = Logger.getLogger("tckharness");

    static boolean filterMode() {
        return "filter".equals(System.getProperty("tck.mode"));
    }

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(TomcatObserver.class);
    }

    static Tomcat tomcat(Object container) throws ReflectiveOperationException {
        Field f = Tomcat10EmbeddedContainer.class.getDeclaredField("tomcat");
        f.setAccessible(true);
        return (Tomcat) f.get(container);
    }

    public static class TomcatObserver {

        public void afterStart(@Observes AfterStart event) throws Exception {
            Tomcat10EmbeddedContainer container = (Tomcat10EmbeddedContainer) event.getDeployableContainer();
            Tomcat tomcat = tomcat(container);
            Connector connector = tomcat.getConnector();
            connector.setProperty("allowedTrailerHeaders", "myTrailer,myTrailer2");
            int localPort = connector.getLocalPort();
            tomcat.addUser("j2ee", "j2ee");
            tomcat.addRole("j2ee", "Administrator");
            tomcat.addRole("j2ee", "Employee");
            tomcat.addUser("javajoe", "javajoe");
            tomcat.addRole("javajoe", "VP");
            tomcat.addRole("javajoe", "Manager");

            Field configurationField = Tomcat10EmbeddedContainer.class.getDeclaredField("configuration");
            configurationField.setAccessible(true);
            Object configuration = configurationField.get(container);
            Field portField = container.getConfigurationClass().getDeclaredField("bindHttpPort");
            portField.setAccessible(true);
            portField.set(configuration, Integer.valueOf(localPort));
            LOG.info("TCK harness: mode=" + System.getProperty("tck.mode") + " tomcat port=" + localPort
                    + " server=" + org.apache.catalina.util.ServerInfo.getServerInfo());

            tomcat.getHost().addContainerListener(new ContainerListener() {
                @Override
                public void containerEvent(ContainerEvent ce) {
                    if (Container.ADD_CHILD_EVENT.equals(ce.getType()) && ce.getData() instanceof Context) {
                        Context ctx = (Context) ce.getData();
                        // Same settings as configureContext() below, but applied before the Context starts
                        // (as a context.xml would), so that anything reading them at startup - e.g. a
                        // filter's init() - sees the effective configuration.
                        ctx.setCrossContext(true);
                        ctx.setAlwaysAccessSession(true);
                        ctx.setContextGetResourceRequiresSlash(true);
                        ctx.setUseRelativeRedirects(false);
                        StandardManager manager = new StandardManager();
                        manager.setSessionActivityCheck(true);
                        manager.setSessionLastAccessAtStart(true);
                        ctx.setManager(manager);
                        // Diagnostic: how many sessions did Tomcat's own Manager create for this app?
                        ctx.addLifecycleListener(le -> {
                            if (org.apache.catalina.Lifecycle.BEFORE_STOP_EVENT.equals(le.getType())) {
                                LOG.info("TCK harness: context " + ctx.getName() + " Tomcat StandardManager sessionCounter="
                                        + manager.getSessionCounter() + " active=" + manager.getActiveSessions()
                                        + " expired=" + manager.getExpiredSessions());
                            }
                        });
                        if (filterMode()) {
                            String ns = ctx.getName().startsWith("/") ? ctx.getName().substring(1) : ctx.getName();
                            if (ns.isEmpty()) {
                                ns = "ROOT";
                            }
                            ctx.addServletContainerInitializer(
                                    new RedisFilterInitializer(System.getProperty("tck.redis.uri"), ns), null);
                            LOG.info("TCK harness: added RedisFilterInitializer to context " + ctx.getName());
                        }
                    }
                }
            });
        }

        public void beforeDeploy(@Observes BeforeDeploy event) {
            if (!filterMode() || !event.getDeployment().isArchiveDeployment()) {
                return;
            }
            Archive<?> archive = event.getDeployment().getArchive();
            if (archive instanceof WebArchive) {
                File jar = new File(System.getProperty("tck.redis.jar"));
                if (!jar.isFile()) {
                    throw new IllegalStateException("redis-session jar not found: " + jar);
                }
                ((WebArchive) archive).addAsLibrary(jar, "redis-session-all.jar");
                LOG.info("TCK harness: added WEB-INF/lib/redis-session-all.jar to " + archive.getName());
            } else {
                throw new IllegalStateException("unexpected archive type " + archive.getClass() + " " + archive.getName());
            }
        }

        public void configureContext(@Observes AfterDeploy event) throws Exception {
            Tomcat tomcat = tomcat(event.getDeployableContainer());
            for (Container context : tomcat.getHost().findChildren()) {
                StandardContext stdContext = (StandardContext) context;
                if (stdContext.getCharsetMapper().getCharset(Locale.forLanguageTag("ja")) == null) {
                    stdContext.addLocaleEncodingMappingParameter("ja", "Shift_JIS");
                }
                stdContext.setCrossContext(true);
                stdContext.setAlwaysAccessSession(true);
                stdContext.setContextGetResourceRequiresSlash(true);
                stdContext.setUseRelativeRedirects(false);
                stdContext.getManager().setSessionActivityCheck(true);
                stdContext.getManager().setSessionLastAccessAtStart(true);
            }
        }
    }
}
