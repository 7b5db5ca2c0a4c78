/** Session state, change tracking, session ids and the store contract; no servlet or Redis client types. */
package io.redissession.session;
