package io.redissession.session;

import java.util.Collection;
import java.util.Map;

/** Reads, when a request first needs them, the large attribute values a session's load named but did not bring. */
@FunctionalInterface
public interface LargeValueFetcher {

    /**
     * @param storedId the session's id in the store; not {@code null}
     * @param names the attributes wanted; not {@code null}
     * @return name to serialized value of those still stored as large values
     */
    Map<String, byte[]> fetch(String storedId, Collection<String> names);
}
