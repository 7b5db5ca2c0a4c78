/** The servlet filter and its request, response and session wrappers: the only package that knows the Servlet API. */
package io.redissession.servlet;
