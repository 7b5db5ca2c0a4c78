/** The operator's web console: namespaces, charts, search, a session's detail and the buttons that end sessions. */
package io.redissession.tools.console;
