package io.redissession.servlet;

import io.redissession.config.DistributableMode;
import io.redissession.config.RedisSessionSettings;
import io.redissession.config.SessionAccess;
import io.redissession.servlet.container.ContainerAdapter;
import io.redissession.servlet.container.ContainerAdapters;
import io.redissession.servlet.container.DescriptorListeners;
import jakarta.servlet.ServletContext;

import java.util.Optional;

/**
 * Resolves the settings whose {@code auto} value follows the container's own sessions: whether the application is
 * distributable, and what counts as an access to a session.
 *
 * @param distributable whether {@code setAttribute} refuses a value that cannot be stored
 * @param accessOnEveryRequest whether a request carrying a session id is an access even if it never asks for it
 * @param reasons where each answer comes from, for the log
 */
record ContainerDefaults(boolean distributable, boolean accessOnEveryRequest, String reasons) {

    /**
     * @param context the application; not {@code null}
     * @param settings the filter's settings; not {@code null}
     * @return the resolved behaviour
     */
    static ContainerDefaults of(ServletContext context, RedisSessionSettings settings) {
        Optional<ContainerAdapter> adapter = ContainerAdapters.find(context);
        boolean distributable;
        String distributableFrom;
        if (settings.distributable() != DistributableMode.AUTO) {
            distributable = settings.distributable() == DistributableMode.YES;
            distributableFrom = "setting";
        } else if (adapter.flatMap(ContainerAdapter::distributable).orElse(false)) {
            distributable = true;
            distributableFrom = adapter.get().name();
        } else {
            distributable = DescriptorListeners.distributable(context);
            distributableFrom = "web.xml";
        }
        boolean everyRequest;
        String accessFrom;
        if (settings.sessionAccess() != SessionAccess.AUTO) {
            everyRequest = settings.sessionAccess() == SessionAccess.EVERY_REQUEST;
            accessFrom = "setting";
        } else if (adapter.flatMap(ContainerAdapter::accessOnEveryRequest).isPresent()) {
            everyRequest = adapter.get().accessOnEveryRequest().get();
            accessFrom = adapter.get().name();
        } else {
            everyRequest = false;
            accessFrom = "default";
        }
        return new ContainerDefaults(distributable, everyRequest, "distributable=" + distributable + " ("
                + distributableFrom + "), sessionAccess="
                + (everyRequest ? SessionAccess.EVERY_REQUEST : SessionAccess.ON_USE).label() + " (" + accessFrom + ")");
    }
}
