package io.redissession.it;

/** {@link EventsIT} on a Cluster (see {@link SharedTopologies}). */
class EventsClusterIT extends EventsIT {

    @Override
    String topology() {
        return "cluster";
    }
}
