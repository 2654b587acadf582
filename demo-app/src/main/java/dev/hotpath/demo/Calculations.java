package dev.hotpath.demo;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * CPU-bound work for the demo endpoints, the Java twin of the classic Flask profiling
 * demo. {@link #calc1} and {@link #calc2} cost O(n²) square roots; {@link #calc3} costs
 * O(n·n!) and is the bottleneck a profile should point at. {@link #calc3Fixed} is its
 * fix: the same answer in O(n), so that a user can switch to it (see
 * {@link Implementation}) and watch calc3 leave the profile. The method names are part of
 * the contract: profiler tests look for them in stack traces.
 * <p>
 * Every result is returned to the caller so that the JIT cannot drop the loops as dead
 * code. Stateless and thread-safe.
 *
 * @author Hotpath contributors
 */
@Component
final class Calculations {

	/**
	 * Return the sum of {@code sqrt(j) + sqrt(i)} over all {@code i, j} in
	 * {@code [0, n)}.
	 * @param n the loop bound, not negative
	 * @return the sum
	 */
	double calc1(int n) {
		requireNotNegative(n);
		double sum = 0;
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				sum += Math.sqrt(j);
				sum += Math.sqrt(i);
			}
		}
		return sum;
	}

	/**
	 * Return the sum of {@code sqrt(j)} over all {@code i, j} in {@code [0, n)}.
	 * @param n the loop bound, not negative
	 * @return the sum
	 */
	double calc2(int n) {
		requireNotNegative(n);
		double sum = 0;
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				sum += Math.sqrt(j);
			}
		}
		return sum;
	}

	/**
	 * Walk all {@code n!} permutations of {@code 1..n} in lexicographic order and return
	 * the sum of the elements of every permutation, the first one included. Each step up
	 * in n multiplies the cost by about n: around 25 ms at n = 10, 0.3 s at 11, 4 s at 12
	 * and a minute at 13 on a small cloud VM.
	 * @param n the number of elements, not negative
	 * @return the total over all permutations
	 */
	long calc3(int n) {
		requireNotNegative(n);
		int[] elements = new int[n];
		for (int i = 0; i < n; i++) {
			elements[i] = i + 1;
		}
		long total = 0;
		do {
			// summing the array (instead of using n(n+1)/2) is the point: it is the work
			for (int element : elements) {
				total += element;
			}
		}
		while (nextPermutation(elements));
		return total;
	}

	/**
	 * Return what {@link #calc3} returns without walking the permutations: each of the
	 * {@code n!} permutations of {@code 1..n} sums to {@code n(n+1)/2}. Costs n
	 * multiplications. Where calc3's total overflows, both wrap around alike, since
	 * repeated addition and multiplication agree modulo 2⁶⁴.
	 * @param n the number of elements, not negative
	 * @return the total over all permutations
	 */
	long calc3Fixed(int n) {
		requireNotNegative(n);
		long permutations = 1;
		for (int i = 2; i <= n; i++) {
			permutations *= i;
		}
		return permutations * ((long) n * (n + 1) / 2);
	}

	/**
	 * Return {@code calc1(n) + calc2(n)}: quadratic, fast enough for n in the thousands.
	 * @param n the loop bound, not negative
	 * @return the sum of both calculations
	 */
	double efficient(int n) {
		return calc1(n) + calc2(n);
	}

	/**
	 * Return {@code calc1(n) + calc2(n) + calc3(n)}: with the naive implementation the
	 * factorial term dominates, with the fixed one the quadratic terms do.
	 * @param n the loop bound, not negative
	 * @param implementation whether the third term comes from {@link #calc3} or
	 * {@link #calc3Fixed}
	 * @return the sum of all three calculations, the same with either implementation
	 */
	double withBottleneck(int n, Implementation implementation) {
		long permutations = (implementation == Implementation.FIXED) ? calc3Fixed(n) : calc3(n);
		return calc1(n) + calc2(n) + permutations;
	}

	/**
	 * Rearrange {@code elements} into the next permutation in lexicographic order.
	 * @param elements the permutation to advance in place
	 * @return {@code false} if {@code elements} was the last permutation (left unchanged)
	 */
	private static boolean nextPermutation(int[] elements) {
		// the pivot is the element just before the longest non-increasing suffix
		int pivot = elements.length - 2;
		while (pivot >= 0 && elements[pivot] >= elements[pivot + 1]) {
			pivot--;
		}
		if (pivot < 0) {
			return false;
		}
		int successor = elements.length - 1;
		while (elements[successor] <= elements[pivot]) {
			successor--;
		}
		swap(elements, pivot, successor);
		for (int left = pivot + 1, right = elements.length - 1; left < right; left++, right--) {
			swap(elements, left, right);
		}
		return true;
	}

	private static void swap(int[] elements, int i, int j) {
		int element = elements[i];
		elements[i] = elements[j];
		elements[j] = element;
	}

	private static void requireNotNegative(int n) {
		if (n < 0) {
			throw new IllegalArgumentException("n must not be negative but was " + n);
		}
	}

	/**
	 * The two implementations of the bottleneck, as
	 * {@code demo.calculations.implementation} and {@code POST /demo/implementation?use=}
	 * name them.
	 */
	enum Implementation {

		/**
		 * {@link Calculations#calc3}: walks every permutation.
		 */
		NAIVE("calc3"),

		/**
		 * {@link Calculations#calc3Fixed}: computes the same total directly.
		 */
		FIXED("calc3Fixed");

		private final String method;

		Implementation(String method) {
			this.method = method;
		}

		/**
		 * Return the implementation a name stands for, ignoring case.
		 * @param name {@code naive} or {@code fixed}
		 * @return the implementation, or empty for any other name
		 */
		static Optional<Implementation> named(String name) {
			return Arrays.stream(values()).filter((value) -> value.displayName().equalsIgnoreCase(name)).findFirst();
		}

		/**
		 * Return the name users type and read: {@code naive} or {@code fixed}.
		 * @return the lower-case name
		 */
		String displayName() {
			return name().toLowerCase(Locale.ROOT);
		}

		/**
		 * Return the function a profile shows for this implementation.
		 * @return the fully qualified method name
		 */
		String function() {
			return Calculations.class.getName() + "." + this.method;
		}

	}

}
