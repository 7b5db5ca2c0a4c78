/**
 * The Redis side: key layout, server-side scripts, the Lettuce connection, the session repository, the expiry sweep
 * and the notice subscription.
 */
package io.redissession.redis;
