package io.redissession.it;

/** {@link EventRacesIT} on a Cluster (see {@link SharedTopologies}). */
class EventRacesClusterIT extends EventRacesIT {

    @Override
    String topology() {
        return "cluster";
    }
}
