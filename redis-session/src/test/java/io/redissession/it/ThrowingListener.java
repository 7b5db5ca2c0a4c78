package io.redissession.it;

import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/** A broken application listener: every callback throws. */
public class ThrowingListener implements HttpSessionListener, HttpSessionAttributeListener {

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        throw new IllegalStateException("listener bug in sessionCreated");
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        throw new IllegalStateException("listener bug in sessionDestroyed");
    }

    @Override
    public void attributeAdded(HttpSessionBindingEvent event) {
        throw new IllegalStateException("listener bug in attributeAdded");
    }
}
