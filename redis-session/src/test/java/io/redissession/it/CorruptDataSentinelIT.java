package io.redissession.it;

/** {@link CorruptDataIT} on a Sentinel (see {@link SharedTopologies}). */
class CorruptDataSentinelIT extends CorruptDataIT {

    @Override
    String topology() {
        return "sentinel";
    }
}
