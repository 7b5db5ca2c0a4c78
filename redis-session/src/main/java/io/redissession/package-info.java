/** redis-session: HTTP sessions of any Jakarta Servlet 6 container kept in Redis; the root exceptions. */
package io.redissession;
