package io.redissession.servlet.container;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionListenerSetTest {

    static final class AppListener implements HttpSessionListener {
        @Override
        public void sessionCreated(HttpSessionEvent event) {
        }
    }

    @Test
    void theContainersOwnListenersStayWithTheContainer() {
        assertTrue(SessionListenerSet.isContainerOwn("org.apache.tomcat.websocket.server.WsSessionListener"));
        assertTrue(SessionListenerSet.isContainerOwn("io.undertow.websockets.jsr.JsrWebSocketFilter$LogoutListener"));
        assertTrue(SessionListenerSet.isContainerOwn("org.eclipse.jetty.ee10.websocket.SomeListener"));
        assertFalse(SessionListenerSet.isContainerOwn("com.shop.Users"));
        assertFalse(SessionListenerSet.isContainerOwn("org.apache.shiro.web.session.Listener"), "only containers");
        assertFalse(SessionListenerSet.isContainerOwn(AppListener.class.getName()));
    }

    @Test
    void eachListenerOnceUnderEveryTypeItImplements() {
        AppListener listener = new AppListener();
        SessionListenerSet set = SessionListenerSet.of("test", List.of(listener, listener));
        assertEquals(List.of(listener), set.lifecycle());
        assertTrue(set.attribute().isEmpty());
    }
}
