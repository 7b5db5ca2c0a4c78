package io.redissession.it;

/** {@link TrackingAndModesIT} on a Cluster (see {@link SharedTopologies}). */
class TrackingAndModesClusterIT extends TrackingAndModesIT {

    @Override
    String topology() {
        return "cluster";
    }
}
