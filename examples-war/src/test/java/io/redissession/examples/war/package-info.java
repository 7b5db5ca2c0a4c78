/** Tests of the session tester WAR deployed as users deploy it. */
package io.redissession.examples.war;
