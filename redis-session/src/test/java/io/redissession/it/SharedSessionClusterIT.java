package io.redissession.it;

/** {@link SharedSessionIT} on a Cluster (see {@link SharedTopologies}). */
class SharedSessionClusterIT extends SharedSessionIT {

    @Override
    String topology() {
        return "cluster";
    }
}
