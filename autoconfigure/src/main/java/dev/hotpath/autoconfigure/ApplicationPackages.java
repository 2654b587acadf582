package dev.hotpath.autoconfigure;

import java.util.List;

/**
 * The packages whose classes are the application's own code.
 *
 * @param names the package names
 */
public record ApplicationPackages(List<String> names) {

	public ApplicationPackages {
		names = List.copyOf(names);
	}

}
