/** Session events that cross nodes: expiry deliveries and pub/sub notices, without Servlet or Redis client types. */
package io.redissession.events;
