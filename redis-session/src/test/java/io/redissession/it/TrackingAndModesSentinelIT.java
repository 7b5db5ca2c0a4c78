package io.redissession.it;

/** {@link TrackingAndModesIT} on a Sentinel (see {@link SharedTopologies}). */
class TrackingAndModesSentinelIT extends TrackingAndModesIT {

    @Override
    String topology() {
        return "sentinel";
    }
}
