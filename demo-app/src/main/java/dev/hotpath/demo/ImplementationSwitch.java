package dev.hotpath.demo;

import dev.hotpath.demo.Calculations.Implementation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Which implementation of the bottleneck {@code GET /calculate2/{number}} runs: the one
 * {@code demo.calculations.implementation} names until {@link ImplementationController}
 * switches it, so that a user can fix the bottleneck without a restart and compare the
 * profiles before and after. Logs every change. Thread-safe.
 *
 * @author Hotpath contributors
 */
@Component
final class ImplementationSwitch {

	private static final Log logger = LogFactory.getLog(ImplementationSwitch.class);

	private volatile Implementation current;

	ImplementationSwitch(CalculationsProperties properties) {
		this.current = properties.implementation();
		logger.info("GET /calculate2/{number} uses the " + describe(this.current)
				+ "; POST /demo/implementation?use=naive|fixed switches it");
	}

	/**
	 * Return the implementation requests use now.
	 * @return the current implementation
	 */
	Implementation current() {
		return this.current;
	}

	/**
	 * Make the requests that start from now on use {@code implementation}.
	 * @param implementation the implementation to use
	 */
	void use(Implementation implementation) {
		Implementation previous = this.current;
		this.current = implementation;
		if (previous != implementation) {
			logger.info("GET /calculate2/{number} switched from the " + describe(previous) + " to the "
					+ describe(implementation));
		}
	}

	private static String describe(Implementation implementation) {
		return implementation.displayName() + " implementation (" + implementation.function() + ")";
	}

}
