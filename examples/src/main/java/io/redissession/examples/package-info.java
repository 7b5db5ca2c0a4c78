/** The session tester: a page that shows and edits the current session, and a launcher that runs it on Tomcat, Jetty and Undertow. */
package io.redissession.examples;
