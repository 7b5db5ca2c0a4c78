package io.redissession.it;

/** {@link EventsIT} on a Sentinel (see {@link SharedTopologies}). */
class EventsSentinelIT extends EventsIT {

    @Override
    String topology() {
        return "sentinel";
    }
}
