/** Settings: one immutable object, its builder, and the single parser that reads it from named sources. */
package io.redissession.config;
