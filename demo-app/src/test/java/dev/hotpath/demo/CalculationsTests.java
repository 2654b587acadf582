package dev.hotpath.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.hotpath.demo.Calculations.Implementation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link Calculations}.
 *
 * @author Hotpath contributors
 */
class CalculationsTests {

	private final Calculations calculations = new Calculations();

	@Test
	void calc3SumsEveryPermutationOfThreeElements() {
		// 3! = 6 permutations of 1..3, each summing to 6
		assertThat(this.calculations.calc3(3)).isEqualTo(36);
	}

	@Test
	void calc3CountsTheSingleEmptyPermutationAsZero() {
		assertThat(this.calculations.calc3(0)).isZero();
	}

	@Test
	void calc3OfOneElementIsThatElement() {
		assertThat(this.calculations.calc3(1)).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(ints = { 2, 4, 5, 6, 7 })
	void calc3MatchesBruteForceOverAllDistinctPermutations(int n) {
		List<List<Integer>> permutations = permutations(n);
		assertThat(new HashSet<>(permutations)).hasSize(factorial(n));
		long expected = permutations.stream().flatMap(List::stream).mapToLong(Integer::longValue).sum();
		assertThat(this.calculations.calc3(n)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2, 5, 17 })
	void calc1AddsBothRootsForEveryPair(int n) {
		// every sqrt(k) appears n times as sqrt(j) and n times as sqrt(i)
		double expected = 2.0 * n * sumOfRoots(n);
		assertThat(this.calculations.calc1(n)).isCloseTo(expected, within(1e-9 * Math.max(1, expected)));
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2, 5, 17 })
	void calc2AddsTheInnerRootForEveryPair(int n) {
		double expected = n * sumOfRoots(n);
		assertThat(this.calculations.calc2(n)).isCloseTo(expected, within(1e-9 * Math.max(1, expected)));
	}

	@Test
	void efficientIsCalc1PlusCalc2() {
		assertThat(this.calculations.efficient(6)).isEqualTo(this.calculations.calc1(6) + this.calculations.calc2(6));
	}

	@Test
	void withBottleneckAddsCalc3() {
		assertThat(this.calculations.withBottleneck(6, Implementation.NAIVE))
			.isEqualTo(this.calculations.calc1(6) + this.calculations.calc2(6) + this.calculations.calc3(6));
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })
	void calc3FixedReturnsWhatCalc3Returns(int n) {
		assertThat(this.calculations.calc3Fixed(n)).isEqualTo(this.calculations.calc3(n));
	}

	@Test
	void calc3FixedAnswersTheLargestNumberCalculate2AcceptsWithoutOverflowing() {
		// 11! permutations of 1..11, each summing to 66: calc3 walks them in about 0.3 s
		assertThat(this.calculations.calc3Fixed(CalculationController.CALCULATE2_MAX)).isEqualTo(39916800L * 66);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 5, 9 })
	void withBottleneckGivesTheSameAnswerWithEitherImplementation(int n) {
		assertThat(this.calculations.withBottleneck(n, Implementation.FIXED))
			.isEqualTo(this.calculations.withBottleneck(n, Implementation.NAIVE));
	}

	@ParameterizedTest
	@ValueSource(strings = { "naive", "NAIVE", "Naive" })
	void implementationsAreNamedIgnoringCase(String name) {
		assertThat(Implementation.named(name)).contains(Implementation.NAIVE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "fast", "fixed " })
	void noImplementationHasAnyOtherName(String name) {
		assertThat(Implementation.named(name)).isEmpty();
	}

	@Test
	void eachImplementationNamesTheFunctionAProfileShows() {
		assertThat(Implementation.NAIVE.function()).isEqualTo("dev.hotpath.demo.Calculations.calc3");
		assertThat(Implementation.FIXED.function()).isEqualTo("dev.hotpath.demo.Calculations.calc3Fixed");
	}

	@Test
	void rejectsNegativeNumbers() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.calculations.calc3(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> this.calculations.calc3Fixed(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> this.calculations.calc1(-1));
	}

	private static double sumOfRoots(int n) {
		double sum = 0;
		for (int k = 0; k < n; k++) {
			sum += Math.sqrt(k);
		}
		return sum;
	}

	private static int factorial(int n) {
		return (n <= 1) ? 1 : n * factorial(n - 1);
	}

	private static List<List<Integer>> permutations(int n) {
		List<List<Integer>> result = new ArrayList<>();
		permute(n, new ArrayList<>(), new HashSet<>(), result);
		return result;
	}

	private static void permute(int n, List<Integer> prefix, Set<Integer> used, List<List<Integer>> result) {
		if (prefix.size() == n) {
			result.add(List.copyOf(prefix));
			return;
		}
		for (int element = 1; element <= n; element++) {
			if (used.add(element)) {
				prefix.add(element);
				permute(n, prefix, used, result);
				prefix.remove(prefix.size() - 1);
				used.remove(element);
			}
		}
	}

}
