package dev.hotpath.demo;

/**
 * Parses a whole-number request parameter within bounds. Parsing here, rather than
 * binding to {@code int}, gives "abc", "-1" and "12" the same clear error message.
 *
 * @author Hotpath contributors
 */
final class NumberParameter {

	private NumberParameter() {
	}

	/**
	 * Parse {@code value} as an {@code int} in {@code [min, max]}.
	 * @param name the parameter name used in the error message
	 * @param value the raw value
	 * @param min the smallest accepted value
	 * @param max the largest accepted value
	 * @return the parsed value
	 * @throws ClientErrorException (400) if the value is not a number in range
	 */
	static int parse(String name, String value, int min, int max) {
		try {
			int number = Integer.parseInt(value);
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// fall through to the same message as an out-of-range number
		}
		throw ClientErrorException.badRequest(name + " must be between " + min + " and " + max);
	}

}
