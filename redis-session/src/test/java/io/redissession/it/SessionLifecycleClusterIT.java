package io.redissession.it;

/** {@link SessionLifecycleIT} on a Cluster (see {@link SharedTopologies}). */
class SessionLifecycleClusterIT extends SessionLifecycleIT {

    @Override
    String topology() {
        return "cluster";
    }
}
