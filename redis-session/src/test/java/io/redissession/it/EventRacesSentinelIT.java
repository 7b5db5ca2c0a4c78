package io.redissession.it;

/** {@link EventRacesIT} on a Sentinel (see {@link SharedTopologies}). */
class EventRacesSentinelIT extends EventRacesIT {

    @Override
    String topology() {
        return "sentinel";
    }
}
