/** The operator tool: a command line that reads and shows the sessions a redis-session deployment keeps in Redis. */
package io.redissession.tools;
