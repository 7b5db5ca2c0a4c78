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
    void onlyListenersThatNeedTheContainersSessionClassStayWithTheContainer() {
        assertTrue(SessionListenerSet.isContainerOnly("io.undertow.websockets.jsr.JsrWebSocketFilter$LogoutListener"));
        assertFalse(SessionListenerSet.isContainerOnly("org.jboss.weld.module.web.servlet.WeldInitialListener"),
                "CDI's session-scoped beans end with Redis sessions");
        assertFalse(SessionListenerSet.isContainerOnly("org.apache.tomcat.websocket.server.WsSessionListener"));
        assertFalse(SessionListenerSet.isContainerOnly(AppListener.class.getName()));
    }

    @Test
    void eachListenerOnceUnderEveryTypeItImplements() {
        AppListener listener = new AppListener();
        SessionListenerSet set = SessionListenerSet.of("test", List.of(listener, listener));
        assertEquals(List.of(listener), set.lifecycle());
        assertTrue(set.attribute().isEmpty());
    }
}
