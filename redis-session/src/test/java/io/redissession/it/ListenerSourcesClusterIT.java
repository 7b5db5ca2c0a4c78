package io.redissession.it;

/** {@link ListenerSourcesIT} on a Redis Cluster. */
class ListenerSourcesClusterIT extends ListenerSourcesIT {

    @Override
    String topology() {
        return "cluster";
    }
}
