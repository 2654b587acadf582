package dev.hotpath.profile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frame names of generated classes stay the same from run to run, so that a function is
 * one frame in a version comparison and in the saved history.
 */
class StackDecoderTests {

	@Test
	void dropsTheAddressOfHiddenClassesAsJdk21AndLaterNameLambdas() {
		assertThat(StackDecoder.className("dev/hotpath/profile/StackDecoder$$Lambda/0x00007f7b45da2290"))
			.isEqualTo("dev.hotpath.profile.StackDecoder$$Lambda");
		assertThat(StackDecoder.className("java/lang/invoke/LambdaForm$MH/0x0000000801005000"))
			.isEqualTo("java.lang.invoke.LambdaForm$MH");
	}

	@Test
	void dropsTheSequenceNumberAndAddressAsJdk17NamesLambdas() {
		assertThat(StackDecoder.className("com/example/Report$$Lambda$14/0x0000000800c03000"))
			.isEqualTo("com.example.Report$$Lambda");
	}

	@Test
	void dropsTheNumberOfReflectionAccessors() {
		assertThat(StackDecoder.className("jdk/internal/reflect/GeneratedMethodAccessor12"))
			.isEqualTo("jdk.internal.reflect.GeneratedMethodAccessor");
		assertThat(StackDecoder.className("jdk/internal/reflect/GeneratedConstructorAccessor3"))
			.isEqualTo("jdk.internal.reflect.GeneratedConstructorAccessor");
	}

	@Test
	void leavesOtherNamesAsTheyAreButDotted() {
		assertThat(StackDecoder.className("com/example/Hex0xFormat$Inner")).isEqualTo("com.example.Hex0xFormat$Inner");
	}

}
