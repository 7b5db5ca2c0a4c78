package io.redissession.servlet;

import io.redissession.config.DistributableMode;
import io.redissession.config.RedisSessionSettings;
import io.redissession.config.SessionAccess;
import io.redissession.config.TouchShare;
import io.redissession.servlet.container.ContainerAdapter;
import io.redissession.servlet.container.ContainerAdapters;
import io.redissession.servlet.container.DescriptorListeners;
import jakarta.servlet.ServletContext;

import java.util.Optional;

/**
 * Resolves the settings whose {@code auto} value follows the container's own sessions: whether the application is
 * distributable, what counts as an access to a session, and how exactly accesses are recorded.
 *
 * @param distributable whether {@code setAttribute} refuses a value that cannot be stored
 * @param accessOnEveryRequest whether a request carrying a session id is an access even if it never asks for it
 * @param touchShare how much of the timeout passes before an access is recorded again: when not set, every access
 *        is recorded if every request is an access (the Servlet specification's exact behaviour, asked for by
 *        Tomcat's strict compliance), else the default share
 * @param reasons where each answer comes from, for the log
 */
record ContainerDefaults(boolean distributable, boolean accessOnEveryRequest, TouchShare touchShare,
        String reasons) {

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
        TouchShare touchShare = settings.touchShare() != null ? settings.touchShare()
                : everyRequest ? TouchShare.EXACT : TouchShare.DEFAULT;
        return new ContainerDefaults(distributable, everyRequest, touchShare, "distributable=" + distributable + " ("
                + distributableFrom + "), sessionAccess="
                + (everyRequest ? SessionAccess.EVERY_REQUEST : SessionAccess.ON_USE).label() + " (" + accessFrom + ")"
                + ", touchShare=" + touchShare + " (" + (settings.touchShare() != null ? "setting" : "sessionAccess")
                + ")");
    }
}
