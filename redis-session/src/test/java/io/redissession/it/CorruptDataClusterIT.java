package io.redissession.it;

/** {@link CorruptDataIT} on a Cluster (see {@link SharedTopologies}). */
class CorruptDataClusterIT extends CorruptDataIT {

    @Override
    String topology() {
        return "cluster";
    }
}
