package io.redissession.it;

import jakarta.servlet.http.HttpSessionActivationListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import jakarta.servlet.http.HttpSessionEvent;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An attribute that records the binding and activation events it receives, in {@link #EVENTS}. */
public class BindingProbe implements HttpSessionBindingListener, HttpSessionActivationListener, Serializable {

    private static final long serialVersionUID = 1L;

    /** Every event received, as {@code kind:label}. */
    public static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    private final String label;

    public BindingProbe(String label) {
        this.label = label;
    }

    @Override
    public void valueBound(HttpSessionBindingEvent event) {
        EVENTS.add("bound:" + label + ":" + event.getName());
    }

    @Override
    public void valueUnbound(HttpSessionBindingEvent event) {
        EVENTS.add("unbound:" + label + ":" + event.getName());
    }

    @Override
    public void sessionWillPassivate(HttpSessionEvent event) {
        EVENTS.add("passivate:" + label);
    }

    @Override
    public void sessionDidActivate(HttpSessionEvent event) {
        EVENTS.add("activate:" + label);
    }

    @Override
    public String toString() {
        return "BindingProbe(" + label + ")";
    }
}
