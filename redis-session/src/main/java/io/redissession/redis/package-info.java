/** The Redis side: key layout, server-side scripts, the Lettuce connection and the session repository. */
package io.redissession.redis;
