package io.redissession.it;

/** {@link SessionLifecycleIT} on a Sentinel (see {@link SharedTopologies}). */
class SessionLifecycleSentinelIT extends SessionLifecycleIT {

    @Override
    String topology() {
        return "sentinel";
    }
}
