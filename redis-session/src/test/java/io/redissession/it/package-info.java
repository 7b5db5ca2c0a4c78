/** Integration tests: the filter in real embedded containers against real Redis processes. */
package io.redissession.it;
