/**
 * Request tagging for Spring WebFlux: a web filter that logs each completed request with
 * its endpoint, latency, status and trace ids. It uses Spring's reactive web API and
 * nothing from Spring Boot.
 */
@NullMarked
package dev.hotpath.tagging.reactive;

import org.jspecify.annotations.NullMarked;
