/** Turning session attribute values into bytes and back: the serializer SPI and its JDK and JSON implementations. */
package io.redissession.serializer;
