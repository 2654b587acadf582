package dev.hotpath.profile;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which component a frame belongs to.
 */
class ComponentsTests {

	private final Components components = new Components(
			Map.of("database", List.of("com.acme.dbclient."), "billing", List.of("com.acme.billing.")));

	@Test
	void matchesTheLongestPrefix() {
		assertThat(name("org.springframework.web.servlet.DispatcherServlet")).isEqualTo("web");
		assertThat(name("org.springframework.web.servlet.view.InternalResourceView")).isEqualTo("templates");
		assertThat(name("org.springframework.web.client.RestClient")).isEqualTo("http-client");
		assertThat(name("org.springframework.http.converter.json.JacksonJsonHttpMessageConverter"))
			.isEqualTo("serialization");
		assertThat(name("org.springframework.data.jpa.repository.support.SimpleJpaRepository")).isEqualTo("database");
		assertThat(name("org.springframework.boot.loader.launch.JarLauncher")).isEqualTo("class-loading");
		assertThat(name("org.springframework.cglib.proxy.MethodProxy")).isEqualTo("reflection");
		assertThat(name("com.example.Service$$SpringCGLIB$$0")).isEqualTo("reflection");
	}

	@Test
	void givesTheApplicationItsOwnCodeUnderAFrameworksPackage() {
		FrameClassifier classifier = new FrameClassifier(List.of("org.springframework.samples.petclinic"),
				this.components);
		String owner = "org.springframework.samples.petclinic.owner.OwnerController";
		assertThat(this.components.name(this.components.ofJava(owner, classifier.classify(owner))))
			.isEqualTo("application");
	}

	@Test
	void takesTheApplicationsAdditions() {
		assertThat(name("com.acme.dbclient.Pool")).isEqualTo("database");
		assertThat(name("com.acme.billing.Invoices")).isEqualTo("billing");
		assertThat(this.components.label(this.components.ofJava("com.acme.billing.Invoices", FrameKind.LIBRARY)))
			.isEqualTo("billing");
	}

	@Test
	void letsJdkAndNativeFramesWorkForTheirCaller() {
		assertThat(this.components.ofJava("java.util.HashMap", FrameKind.JDK)).isEqualTo(Components.INHERIT);
		assertThat(name("java.sql.DriverManager", FrameKind.JDK)).isEqualTo("database");
		assertThat(this.components.ofNative("__libc_write", FrameKind.NATIVE)).isEqualTo(Components.INHERIT);
		assertThat(this.components.name(this.components.ofNative("G1ParScanThreadState::trim_queue", FrameKind.JVM)))
			.isEqualTo("gc");
		assertThat(this.components.name(this.components.ofNative("C2Compiler::compile_method", FrameKind.JVM)))
			.isEqualTo("jit");
		assertThat(name("com.google.common.collect.ImmutableList")).isEqualTo("libraries");
	}

	@Test
	void namesAsyncProfilersOwnWorkOnASampledThreadApartFromTheJvms() {
		// what a CPU sample of a waiting request thread, woken for its wall-clock sample,
		// holds: the stack walk stops at the signal frame
		assertThat(nativeName("WallClock::signalHandler(int, siginfo_t*, void*)")).isEqualTo("profiler");
		assertThat(nativeName("Profiler::recordSample")).isEqualTo("profiler");
		assertThat(nativeName("OS::threadCpuTime")).isEqualTo("profiler");
		assertThat(this.components.label(this.components.ofNative("CTimer::signalHandler", FrameKind.JVM)))
			.startsWith("profiler");
		// HotSpot's own, with names alike
		assertThat(nativeName("os::javaTimeNanos")).isEqualTo("vm");
		assertThat(nativeName("CodeCache::find_blob")).isEqualTo("vm");
		assertThat(nativeName("JavaThread::run")).isEqualTo("vm");
	}

	private String nativeName(String frame) {
		return this.components.name(this.components.ofNative(frame, FrameKind.JVM));
	}

	private String name(String className) {
		return name(className, FrameKind.LIBRARY);
	}

	private String name(String className, FrameKind kind) {
		return this.components.name(this.components.ofJava(className, kind));
	}

}
