package io.redissession.config;

/** How the session id travels between browser and server. */
public enum SessionTracking {
    /** A cookie. */
    COOKIE,
    /** A path parameter added by {@code encodeURL} / {@code encodeRedirectURL}: {@code /page;NAME=ID}. */
    URL
}
