package io.redissession.it;

import io.redissession.testkit.Browser;
import io.redissession.testkit.RedisTopology;
import io.redissession.testkit.ServletContainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Stopping a web app stops every thread the filter started: Tomcat, which checks the threads of a stopped web app,
 * finds none of the filter's left (a thread that outlives its web app keeps the app's class loader, so each redeploy
 * would leak it), on every topology, with and without the near cache (its own connection and threads).
 */
class UndeployIT {

    @ParameterizedTest
    @CsvSource({"standalone,off", "standalone,on", "sentinel,off", "cluster,on"})
    void aStoppedAppLeavesNoThreadOfTheFilter(String topology, String nearCache) {
        RedisTopology redis = SharedTopologies.get(topology);
        try (LogCapture log = LogCapture.start()) {
            ServletContainer tomcat = ProbeApp.start("tomcat", ProbeApp.spec("/app", redis.uri(),
                    Map.of("sessionNamespace", "undeploy-" + topology, "nearCache", nearCache)));
            try {
                Browser browser = new Browser();
                browser.get(tomcat.url("/app/probe/create?name=n&value=1"));
                assertEquals("value=1", browser.get(tomcat.url("/app/probe/get?name=n")).body().trim());
                browser.get(tomcat.url("/app/probe/invalidate"));
            } finally {
                tomcat.close();
            }
            List<String> leaks = log.lines().stream().filter(line -> line.contains("failed to stop it")).toList();
            assertEquals(List.of(), leaks, "threads left behind by the stopped web app");
        }
    }
}
