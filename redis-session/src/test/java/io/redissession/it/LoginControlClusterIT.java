package io.redissession.it;

/** {@link LoginControlIT} on a 3-master Redis Cluster: users' indexes and sessions live in different slots. */
class LoginControlClusterIT extends LoginControlIT {

    @Override
    String topology() {
        return "cluster";
    }
}
