package io.redissession.servlet;

import io.redissession.session.SessionIds;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RequestedSessionIdsTest {

    private static final String NAME = "RSESSION_app";
    private final SessionIds ids = new SessionIds();
    private final String first = ids.create();
    private final String second = ids.create();

    private List<String> parse(String... headers) {
        List<String> found = new ArrayList<>();
        for (String header : headers) {
            RequestedSessionIds.addCookieIds(header, NAME, found);
        }
        return found;
    }

    @Test
    void findsTheSessionCookieAmongOthers() {
        assertEquals(List.of(first), parse("a=1; " + NAME + "=" + first + "; b=2"));
        assertEquals(List.of(first), parse(NAME + "=" + first));
    }

    @Test
    void keepsRequestOrderAcrossPairsAndHeadersWithoutRepeats() {
        assertEquals(List.of(first, second),
                parse(NAME + "=" + first + ";" + NAME + "=" + second, "x=y; " + NAME + "=" + first));
    }

    @Test
    void ignoresWhiteSpaceAndQuotes() {
        assertEquals(List.of(first, second),
                parse("  " + NAME + " \t=  \"" + first + "\" ;\t" + NAME + "=" + second + "  "));
    }

    @Test
    void matchesTheWholeNameOnly() {
        assertEquals(List.of(), parse(NAME + "X=" + first + "; X" + NAME + "=" + second + "; rsession_app=" + first));
    }

    @Test
    void dropsValuesThatAreNotSessionIds() {
        assertEquals(List.of(second), parse(NAME + "=" + first + "x; " + NAME + "=; " + NAME + "; " + NAME
                + "=\"" + "; " + NAME + "=a=b; " + NAME + "=" + second));
    }

    @Test
    void survivesEmptyAndOddHeaders() {
        assertEquals(List.of(), parse(null, "", ";", ";;=;", "=", "  ", NAME));
        assertEquals(List.of(first), parse(";;" + NAME + "=" + first + ";;"));
    }

    @Test
    void pathParameterNeedsTheExactName() {
        assertEquals(first, RequestedSessionIds.pathParameter("/app/page;" + NAME + "=" + first + "?q=1", NAME));
        assertEquals(first, RequestedSessionIds.pathParameter("/app/page;v=2;" + NAME + "=" + first + "/x", NAME));
        assertNull(RequestedSessionIds.pathParameter("/app/page", NAME));
        assertNull(RequestedSessionIds.pathParameter("/app/page;other=" + first, NAME));
        assertNull(RequestedSessionIds.pathParameter(null, NAME));
    }
}
