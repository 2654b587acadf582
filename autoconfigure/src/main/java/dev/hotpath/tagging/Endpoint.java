package dev.hotpath.tagging;

/**
 * A named unit of work that requests are grouped by, such as {@code GET
 * /calculate2/{number}}.
 *
 * @param id a small dense number, stable for the life of the {@link Endpoints} that made
 * it
 * @param name the endpoint's name: HTTP method and route template, or a bucket name such
 * as {@code NOT_FOUND}; also the tag written into the recording
 */
public record Endpoint(int id, String name) {

}
