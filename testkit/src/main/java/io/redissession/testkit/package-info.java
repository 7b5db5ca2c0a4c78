/** Test and demo support: real {@code redis-server} processes, a minimal RESP client, MONITOR capture, embedded servlet containers and a cookie-keeping HTTP client. */
package io.redissession.testkit;
