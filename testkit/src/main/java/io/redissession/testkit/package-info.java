/** Test and demo support: real {@code redis-server} processes (standalone, Sentinel groups, Cluster nodes), a raw-reply Redis connection over Lettuce, MONITOR capture, embedded servlet containers and a cookie-keeping HTTP client. */
package io.redissession.testkit;
