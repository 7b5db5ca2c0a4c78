/**
 * What a filter counts and measures (sessions created and destroyed, logins, session sizes, Redis latency, expiry
 * lateness) and how it is published: a JMX MBean always, Micrometer meters when the web app has Micrometer.
 */
package io.redissession.metrics;
