package io.redissession.it;

/** {@link LoginControlIT} through Sentinel. */
class LoginControlSentinelIT extends LoginControlIT {

    @Override
    String topology() {
        return "sentinel";
    }
}
