package io.redissession.it;

/** {@link ConcurrencyIT} on a Cluster (see {@link SharedTopologies}). */
class ConcurrencyClusterIT extends ConcurrencyIT {

    @Override
    String topology() {
        return "cluster";
    }
}
