package io.redissession.it;

import io.redissession.servlet.RedisSessionListeners;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/** Registers a {@link RecordingListener} named after its node through the public API, as an application would. */
public class NoticeRegistrar implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        RedisSessionListeners.add(event.getServletContext(),
                new RecordingListener("api:" + RecordingListener.nodeOf(event.getServletContext())));
    }
}
