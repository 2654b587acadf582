package dev.hotpath.actuate;

/**
 * The body of an error answer.
 *
 * @param status the HTTP status code
 * @param error the status's reason phrase
 * @param message what went wrong, in one sentence
 */
public record ErrorMessage(int status, String error, String message) {

}
