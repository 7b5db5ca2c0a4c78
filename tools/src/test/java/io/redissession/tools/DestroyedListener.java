package io.redissession.tools;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Records the id of every session whose {@code sessionDestroyed} fired. */
public class DestroyedListener implements HttpSessionListener {

    /** Every destroyed id, in order, duplicates kept. */
    public static final Queue<String> DESTROYED = new ConcurrentLinkedQueue<>();

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        DESTROYED.add(event.getSession().getId());
    }
}
