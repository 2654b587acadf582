package dev.hotpath.query;

import java.util.List;

import dev.hotpath.profile.CallTree;
import dev.hotpath.profile.FrameKind;
import dev.hotpath.profile.Frames;
import dev.hotpath.query.Views.Flame;
import dev.hotpath.query.Views.FunctionRow;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TreeViewsTests {

	private final Frames frames = new Frames(100);

	private final int thread = this.frames.intern("java.lang.Thread.run", FrameKind.JDK);

	private final int dispatch = this.frames.intern("org.springframework.web.servlet.DispatcherServlet.doDispatch",
			FrameKind.LIBRARY);

	private final int controller = this.frames.intern("com.example.Controller.get", FrameKind.APPLICATION);

	private final int sqrt = this.frames.intern("java.lang.StrictMath.sqrt", FrameKind.JDK);

	private final int calc = this.frames.intern("com.example.Calc.run", FrameKind.APPLICATION);

	private final TreeViews views = new TreeViews(this.frames);

	@Test
	void foldsLibraryFramesIntoTheApplicationFrameThatCalledThem() {
		CallTree tree = new CallTree(100);
		tree.add(new int[] { this.thread, this.dispatch, this.controller, this.calc, this.sqrt }, 7);
		tree.add(new int[] { this.thread, this.dispatch, this.controller }, 1);
		tree.add(new int[] { this.thread, this.dispatch }, 2);
		List<FunctionRow> rows = this.views.functions(this.views.applicationOnly(tree), (frame) -> 0);
		assertThat(rows).extracting(FunctionRow::name)
			.containsExactly("com.example.Calc.run", "[no application code]", "com.example.Controller.get");
		assertThat(rows.get(0).self()).isEqualTo(7);
		assertThat(rows.get(0).selfShare()).isEqualTo(0.7);
		assertThat(rows.get(2).total()).isEqualTo(8);
	}

	@Test
	void countsARecursiveFunctionsTotalOnce() {
		CallTree tree = new CallTree(100);
		tree.add(new int[] { this.calc, this.calc, this.calc }, 4);
		FunctionRow row = this.views.functions(tree, (frame) -> 0).get(0);
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
		assertThat(flame.frames().get(flame.nodes().frame()[2]).name()).isEqualTo("com.example.Controller.get");
		assertThat(flame.frames().get(flame.nodes().frame()[2]).kind()).isEqualTo("application");
	}

}
