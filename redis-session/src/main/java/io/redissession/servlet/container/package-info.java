/** Internal: reads the session listeners a servlet container registered for a web application, per container family. */
package io.redissession.servlet.container;
