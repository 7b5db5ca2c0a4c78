package io.redissession.it;

/** {@link ConcurrencyIT} on a Sentinel (see {@link SharedTopologies}). */
class ConcurrencySentinelIT extends ConcurrencyIT {

    @Override
    String topology() {
        return "sentinel";
    }
}
