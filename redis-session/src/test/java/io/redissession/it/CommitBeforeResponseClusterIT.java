package io.redissession.it;

/** {@link CommitBeforeResponseIT} on a Cluster (see {@link SharedTopologies}). */
class CommitBeforeResponseClusterIT extends CommitBeforeResponseIT {

    @Override
    String topology() {
        return "cluster";
    }
}
