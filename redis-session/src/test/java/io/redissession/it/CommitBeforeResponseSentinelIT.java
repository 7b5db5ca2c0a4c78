package io.redissession.it;

/** {@link CommitBeforeResponseIT} on a Sentinel (see {@link SharedTopologies}). */
class CommitBeforeResponseSentinelIT extends CommitBeforeResponseIT {

    @Override
    String topology() {
        return "sentinel";
    }
}
