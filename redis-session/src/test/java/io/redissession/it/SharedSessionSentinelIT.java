package io.redissession.it;

/** {@link SharedSessionIT} on a Sentinel (see {@link SharedTopologies}). */
class SharedSessionSentinelIT extends SharedSessionIT {

    @Override
    String topology() {
        return "sentinel";
    }
}
