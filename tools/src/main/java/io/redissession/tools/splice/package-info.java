/**
 * {@code redis-session splice}: adds the session filter to an existing WAR, its drop-in jar in {@code WEB-INF/lib}
 * and its declaration first in {@code WEB-INF/web.xml}, keeping the rest of the descriptor as it was. Uses the JDK
 * only.
 */
package io.redissession.tools.splice;
