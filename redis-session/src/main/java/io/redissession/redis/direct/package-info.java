/**
 * Internal: blocking connections that let a request thread run a script on Redis itself, without handing the call to
 * the client library's I/O thread and back. Knows neither Lettuce nor the Servlet API.
 */
package io.redissession.redis.direct;
