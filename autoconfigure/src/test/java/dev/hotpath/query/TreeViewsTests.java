package dev.hotpath.query;

import java.util.List;

import dev.hotpath.profile.CallTree;
import dev.hotpath.profile.Components;
import dev.hotpath.profile.FrameClassifier;
import dev.hotpath.profile.FrameKind;
import dev.hotpath.profile.Frames;
import dev.hotpath.query.Views.ComponentShare;
import dev.hotpath.query.Views.Flame;
import dev.hotpath.query.Views.FunctionRow;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Folding, components and function tables on synthetic stacks of a framework-heavy
 * application whose own package sits under a framework's,
 * {@code org.springframework.samples.petclinic}.
 */
class TreeViewsTests {

	private final Frames frames = new Frames(100);

	private final Components components = new Components();

	private final FrameClassifier classifier = new FrameClassifier(List.of("org.springframework.samples.petclinic"),
			this.components);

	private final int thread = frame("java.lang.Thread", "run");

	private final int tomcat = frame("org.apache.tomcat.util.threads.TaskThread$WrappingRunnable", "run");

	private final int dispatch = frame("org.springframework.web.servlet.DispatcherServlet", "doDispatch");

	private final int render = frame("org.springframework.web.servlet.DispatcherServlet", "render");

	private final int thymeleafView = frame("org.thymeleaf.spring6.view.ThymeleafView", "render");

	private final int templateEngine = frame("org.thymeleaf.TemplateEngine", "process");

	private final int attoParser = frame("org.attoparser.MarkupParser", "parse");

	private final int invoke = frame("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke");

	private final int controller = frame("org.springframework.samples.petclinic.owner.OwnerController", "list");

	private final int proxy = frame("jdk.proxy2.$Proxy87", "findByLastName");

	private final int aop = frame("org.springframework.aop.framework.ReflectiveMethodInvocation", "proceed");

	private final int repository = frame("org.springframework.data.jpa.repository.support.SimpleJpaRepository",
			"findAll");

	private final int hibernate = frame("org.hibernate.query.spi.AbstractSelectionQuery", "list");

	private final int h2 = frame("org.h2.command.Command", "executeQuery");

	private final int hashMap = frame("java.util.HashMap", "get");

	private final int jackson = frame("tools.jackson.databind.ser.BeanSerializer", "serialize");

	private final int converter = frame("org.springframework.http.converter.json.JacksonJsonHttpMessageConverter",
			"write");

	private final int calc = frame("org.springframework.samples.petclinic.Calc", "run");

	private final TreeViews views = new TreeViews(this.frames, this.components);

	/** Rendering the view after the controller returned, querying, writing JSON. */
	private CallTree framework() {
		CallTree tree = new CallTree(100);
		tree.add(new int[] { this.thread, this.tomcat, this.dispatch, this.render, this.thymeleafView,
				this.templateEngine, this.attoParser }, 40);
		tree.add(new int[] { this.thread, this.tomcat, this.dispatch, this.invoke, this.controller, this.proxy,
				this.aop, this.repository, this.hibernate, this.h2, this.hashMap }, 30);
		tree.add(new int[] { this.thread, this.tomcat, this.dispatch, this.converter, this.jackson }, 20);
		tree.add(new int[] { this.thread, this.tomcat, this.dispatch, this.invoke, this.controller }, 6);
		tree.add(new int[] { this.thread, this.tomcat, this.dispatch }, 4);
		return tree;
	}

	@Test
	void splitsTheTimeExactlyByComponentWithTheApplicationsPackageWinningOverTheFrameworks() {
		List<ComponentShare> shares = this.views.components(framework());
		assertThat(shares).extracting(ComponentShare::name, ComponentShare::weight, ComponentShare::share)
			.containsExactly(tuple("templates", 40L, 0.4), tuple("database", 30L, 0.3),
					tuple("serialization", 20L, 0.2), tuple("application", 6L, 0.06), tuple("web", 4L, 0.04));
	}

	@Test
	void keepsTheFramesWhereEachComponentWasEnteredInsteadOfNoApplicationCode() {
		CallTree tree = framework();
		List<FunctionRow> rows = this.views.functions(this.views.applicationOnly(tree), tree, (frame) -> 0);
		assertThat(rows)
			.extracting(FunctionRow::name, FunctionRow::self, FunctionRow::component, FunctionRow::enteredFrom)
			.startsWith(
					tuple("org.attoparser.MarkupParser.parse", 40L, "templates",
							"org.springframework.web.servlet.DispatcherServlet.render"),
					tuple("org.springframework.data.jpa.repository.support.SimpleJpaRepository.findAll", 30L,
							"database", "org.springframework.samples.petclinic.owner.OwnerController.list"),
					tuple("tools.jackson.databind.ser.BeanSerializer.serialize", 20L, "serialization",
							"org.springframework.web.servlet.DispatcherServlet.doDispatch"));
		// the entries into each component stay on the path to the hot frames
		assertThat(rows).extracting(FunctionRow::name)
			.contains("org.thymeleaf.spring6.view.ThymeleafView.render",
					"org.springframework.http.converter.json.JacksonJsonHttpMessageConverter.write");
		assertThat(rows).extracting(FunctionRow::name)
			.doesNotContain("[no application code]", "org.h2.command.Command.executeQuery", "java.util.HashMap.get");
		assertThat(rows.get(0).componentLabel()).isEqualTo("template rendering");
		assertThat(rows).filteredOn((row) -> row.name().equals("org.thymeleaf.spring6.view.ThymeleafView.render"))
			.singleElement()
			.satisfies((row) -> assertThat(row.total()).isEqualTo(40));
	}

	@Test
	void countsThePlumbingATemplateCallsAsTemplateRendering() {
		int expression = frame("org.springframework.expression.spel.standard.SpelExpression", "getValue");
		int conversion = frame("org.springframework.core.convert.support.GenericConversionService", "convert");
		int stub = this.frames.intern("itable stub", FrameKind.JVM,
				this.components.ofNative("itable stub", FrameKind.JVM));
		CallTree tree = new CallTree(100);
		tree.add(new int[] { this.thread, this.tomcat, this.dispatch, this.render, this.thymeleafView,
				this.templateEngine, expression, conversion }, 6);
		tree.add(new int[] { this.thread, this.tomcat, this.dispatch, this.render, this.thymeleafView, stub }, 4);
		assertThat(this.views.components(tree)).extracting(ComponentShare::name).containsExactly("templates");
		// plumbing on its own is the web framework's
		CallTree alone = new CallTree(100);
		alone.add(new int[] { this.thread, this.tomcat, conversion }, 1);
		assertThat(this.views.components(alone)).extracting(ComponentShare::name).containsExactly("web");
	}

	@Test
	void keepsALibraryFrameThatHoldsALargeShareOfItsOwn() {
		CallTree tree = new CallTree(100);
		tree.add(new int[] { this.thread, this.tomcat, this.dispatch, this.invoke, this.controller, this.proxy,
				this.aop, this.repository, this.hibernate }, 10);
		tree.add(new int[] { this.thread, this.tomcat, this.dispatch, this.invoke, this.controller }, 90);
		List<FunctionRow> rows = this.views.functions(this.views.applicationOnly(tree), tree, (frame) -> 0);
		assertThat(rows).extracting(FunctionRow::name).contains("org.hibernate.query.spi.AbstractSelectionQuery.list");
	}

	@Test
	void foldsJdkFramesIntoTheApplicationFrameThatCalledThem() {
		CallTree tree = new CallTree(100);
		tree.add(new int[] { this.thread, this.tomcat, this.controller, this.calc, this.hashMap }, 7);
		tree.add(new int[] { this.thread, this.tomcat, this.controller }, 3);
		List<FunctionRow> rows = this.views.functions(this.views.applicationOnly(tree), tree, (frame) -> 0);
		assertThat(rows).extracting(FunctionRow::name)
			.containsExactly("org.springframework.samples.petclinic.Calc.run",
					"org.springframework.samples.petclinic.owner.OwnerController.list", "java.lang.Thread.run",
					"org.apache.tomcat.util.threads.TaskThread$WrappingRunnable.run");
		assertThat(rows.get(0).self()).isEqualTo(7);
		assertThat(rows.get(0).selfShare()).isEqualTo(0.7);
		assertThat(rows.get(0).component()).isEqualTo("application");
		assertThat(rows.get(1).total()).isEqualTo(10);
	}

	@Test
	void countsARecursiveFunctionsTotalOnce() {
		CallTree tree = new CallTree(100);
		tree.add(new int[] { this.calc, this.calc, this.calc }, 4);
		FunctionRow row = this.views.functions(tree, tree, (frame) -> 0).get(0);
		assertThat(row.self()).isEqualTo(4);
		assertThat(row.total()).isEqualTo(4);
		assertThat(row.totalShare()).isEqualTo(1.0);
	}

	@Test
	void laysTheTreeOutInPreOrderWithDepths() {
		CallTree tree = new CallTree(100);
		tree.add(new int[] { this.thread, this.dispatch }, 2);
		tree.add(new int[] { this.thread, this.controller }, 3);
		Flame flame = this.views.flame(tree);
		assertThat(flame.nodes().depth()).containsExactly(0, 1, 2, 2);
		assertThat(flame.nodes().total()).containsExactly(5, 5, 3, 2);
		assertThat(flame.frames().get(flame.nodes().frame()[2]).name())
			.isEqualTo("org.springframework.samples.petclinic.owner.OwnerController.list");
		assertThat(flame.frames().get(flame.nodes().frame()[2]).kind()).isEqualTo("application");
	}

	private int frame(String className, String method) {
		FrameKind kind = this.classifier.classify(className);
		return this.frames.intern(className + "." + method, kind, this.components.ofJava(className, kind));
	}

}
