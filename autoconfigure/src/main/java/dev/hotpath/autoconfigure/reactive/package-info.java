/**
 * Request tagging for Spring WebFlux: a web filter that logs each completed request with
 * its endpoint, latency, status and trace ids. It is built on Spring's reactive web API,
 * so it lives beside the auto-configuration, outside the Spring-free engine.
 */
@NullMarked
package dev.hotpath.autoconfigure.reactive;

import org.jspecify.annotations.NullMarked;
